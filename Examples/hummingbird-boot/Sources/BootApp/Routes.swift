import Hummingbird
import PostgresNIO
import StrataKit

/// One row of the migrated `greetings` table.
struct Greeting: ResponseEncodable {
    var id: Int
    var message: String
    var language: String
}

/// The body of `GET /greetings`.
struct Greetings: ResponseEncodable {
    var greetings: [Greeting]
}

/// `GET /healthz`: 503 until the migrations are applied, then 200 "ok" (a readiness probe).
/// `GET /greetings`: the rows of `greetings`, as JSON (503 until the migrations are applied).
func makeRouter(readiness: MigrationReadiness, postgres: PostgresClient) -> Router<BasicRequestContext> {
    let router = Router()

    router.get("healthz") { _, _ -> Response in
        guard await readiness.isReady else { return .text("migrating\n", status: .serviceUnavailable) }
        return .text("ok\n", status: .ok)
    }

    router.get("greetings") { _, context -> Greetings in
        guard await readiness.isReady else { throw HTTPError(.serviceUnavailable, message: "migrating") }
        let rows = try await postgres.query(
            "SELECT id, message, language FROM greetings ORDER BY id", logger: context.logger)
        var greetings: [Greeting] = []
        for try await (id, message, language) in rows.decode((Int, String, String).self) {
            greetings.append(Greeting(id: id, message: message, language: language))
        }
        return Greetings(greetings: greetings)
    }

    return router
}

extension Response {
    /// A plain-text response.
    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
