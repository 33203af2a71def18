// swift-tools-version:6.0
import PackageDescription

// A Hummingbird 2 server that migrates its database on boot with StrataKit.
// Versions are pinned exactly, as in Strata's own Package.swift.
let package = Package(
    name: "hummingbird-boot",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Strata", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "BootApp",
            dependencies: [
                .product(name: "StrataKit", package: "Strata"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")]
        )
    ],
    swiftLanguageModes: [.v6]
)
