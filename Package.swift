// swift-tools-version:6.1
import PackageDescription

// Versions are pinned exactly: Package.resolved is not committed (see README, "Development").
let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "StrataSQL", targets: ["StrataSQL"]),
        .library(name: "StrataCore", targets: ["StrataCore"]),
        .library(name: "StrataPostgres", targets: ["StrataPostgres"]),
        .library(name: "StrataLint", targets: ["StrataLint"]),
        .library(name: "StrataCommands", targets: ["StrataCommands"]),
        .library(name: "StrataTesting", targets: ["StrataTesting"]),
        .library(name: "StrataKit", targets: ["StrataKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        // Already in the graph through postgres-nio; StrataKit's MigrationService conforms to its Service.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
    ],
    targets: [
        // The text of SQL: lexer, statement splitter, directives. No dependencies.
        .target(name: "StrataSQL"),
        // The migration domain without a driver: folders, checksums, planner, errors.
        .target(
            name: "StrataCore",
            dependencies: [
                "StrataSQL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Risky-DDL rules over the lexer's statements. Pure.
        .target(name: "StrataLint", dependencies: ["StrataSQL"]),
        // Everything that speaks to PostgreSQL through postgres-nio, and the embedded server.
        .target(
            name: "StrataPostgres",
            dependencies: [
                "StrataCore",
                "StrataSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // What a Swift server embeds to migrate on boot: Strata, MigrationService, MigrationReadiness.
        .target(
            name: "StrataKit",
            dependencies: [
                "StrataCore",
                "StrataPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line as a library.
        .target(
            name: "StrataCommands",
            dependencies: [
                "StrataCore",
                "StrataSQL",
                "StrataPostgres",
                "StrataLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "strata",
            dependencies: [
                "StrataCommands",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // A temporary PostgreSQL server for tests (ours and our users').
        .target(
            name: "StrataTesting",
            dependencies: [
                "StrataPostgres",
                "StrataCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "StrataSQLTests", dependencies: ["StrataSQL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore", "StrataTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StrataLintTests", dependencies: ["StrataLint", "StrataSQL"], resources: [.copy("Fixtures")]),
        // StrataPostgres without a server: connection strings, passwords, binaries (milliseconds).
        .testTarget(
            name: "StrataPostgresUnitTests",
            dependencies: ["StrataPostgres", "StrataCore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // StrataPostgres against a real PostgreSQL the tests start.
        .testTarget(
            name: "StrataPostgresTests",
            dependencies: [
                "StrataPostgres", "StrataTesting", "StrataCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "StrataCommandsTests", dependencies: ["StrataCommands", "StrataTesting"]),
        .testTarget(
            name: "StrataKitTests",
            dependencies: [
                "StrataKit", "StrataTesting", "StrataCore", "StrataPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Runs the built `strata` binary; depending on it makes `swift build --build-tests` build it first.
        .testTarget(
            name: "StrataEndToEndTests",
            dependencies: ["strata", "StrataTesting", "StrataPostgres", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
