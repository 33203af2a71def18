import StrataCore
import Testing

@testable import StrataPostgres

/// A password must never show up in anything Strata prints: descriptions, redacted URLs, error messages.
@Suite struct PasswordRedactionTests {
    static let password = "p@ss:w/rd%"
    let environment = ["USER": "envuser", "HOME": "/nonexistent-home"]

    /// Every rendering of an error a user could see.
    private func renderings(of error: StrataError) -> [String] {
        [error.description, error.message, error.detail ?? "", error.hint ?? "", String(reflecting: error)]
    }

    @Test func descriptionAndRedactedURLMaskThePassword() throws {
        let settings = try ConnectionSettings.parse(
            "postgres://alice:p%40ss%3Aw%2Frd%25@db.example.com:5432/app", environment: environment)
        #expect(settings.password == Self.password)
        for text in [settings.description, settings.redactedURL, settings.debugDescription, "\(settings)",
            String(reflecting: settings)]
        {
            #expect(!text.contains(Self.password))
            #expect(!text.contains("p%40ss"))
            #expect(text.contains("alice:****@db.example.com:5432/app"))
        }
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(Self.password))
        #expect(dumped.contains("****"))
    }

    @Test func redactedURLWithoutPasswordIsUsableAndParsesBack() throws {
        let settings = ConnectionSettings(
            host: "/tmp/strata-x", port: 5433, user: "postgres", database: "strata dev", sslMode: .disable,
            applicationName: "tests")
        let url = settings.redactedURL
        #expect(!url.contains("****"))
        let reparsed = try ConnectionSettings.parse(url, environment: environment)
        #expect(reparsed == settings)
    }

    @Test func redactedURLRoundTripsAllFields() throws {
        let settings = ConnectionSettings(
            host: "db.example.com", port: 6000, user: "a b", password: "x", database: "d/b", sslMode: .verifyCA,
            sslRootCert: "/etc/ssl/ca.pem", applicationName: "app&x", connectTimeout: 0, options: "-c a=b")
        var reparsed = try ConnectionSettings.parse(settings.redactedURL, environment: environment)
        #expect(reparsed.password == ConnectionSettings.passwordMask)
        reparsed.password = "x"
        #expect(reparsed == settings)
    }

    /// Malformed URLs whose passwords contain separators: each error is clear and shows no part of the password.
    @Test(arguments: [
        "postgres://alice:p@ss:w/rd%@db.example.com:5432/app",
        "postgres://alice:p@ss:w/rd%@db.example.com/app",
        "postgres://alice:p@ss:w/rd%@db.example.com",
        "postgresql://alice:p@ss:w/rd%@[::1]:5432/app?sslmode=require",
        "postgres://alice:secret%zz@db.example.com/app",
        "postgres://alice:p@ss:w/rd%@db.example.com:54x2/app",
        "postgres://db.example.com/app?user=alice&password=p@ss:w/rd%&colour=x",
        "postgres://db.example.com/app?password=p@ss:w/rd%&x",
        "postgres://alice:p@ss:w/rd%@h1,h2/app",
        "mysql://alice:p@ss:w/rd%@db.example.com/app",
    ])
    func malformedURLErrorsNeverShowThePassword(url: String) throws {
        let error = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse(url, environment: environment)
        }
        #expect(error.code == .configuration)
        for text in renderings(of: error) {
            #expect(!text.contains(Self.password))
            #expect(!text.contains("w/rd"))
            #expect(!text.contains("secret"))
        }
    }

    @Test func slashInPasswordGivesAnEncodingHint() throws {
        let error = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse("postgres://alice:p@ss:w/rd%@db.example.com:5432/app", environment: environment)
        }
        #expect(error.message.contains("postgres://alice:****@db.example.com:5432/app"))
        #expect(error.hint?.contains("%2F") == true)
    }

    @Test(arguments: [
        "host=h password=p@ss:w/rd% extra",
        "host=h password=p@ss: w/rd%=x",
        "host=h password='p@ss:w/rd%",
        "host=h password=p@ss:w/rd% sslmode=never",
        "password=p@ss:w/rd% port=99999",
    ])
    func keyValueErrorsNeverShowThePassword(text: String) throws {
        let error = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse(text, environment: environment)
        }
        #expect(error.code == .configuration)
        for rendering in renderings(of: error) {
            #expect(!rendering.contains(Self.password))
            #expect(!rendering.contains("w/rd"))
        }
    }

    @Test func environmentPasswordIsNotPrinted() throws {
        var environment = self.environment
        environment["PGPASSWORD"] = Self.password
        let settings = try ConnectionSettings.parse("host=h dbname=d", environment: environment)
        #expect(settings.password == Self.password)
        #expect(!settings.description.contains(Self.password))
    }
}
