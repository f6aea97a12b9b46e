// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "atelier",
    platforms: [.macOS(.v15)],  // v15: the group commit's TaskExecutor
    products: [
        .executable(name: "atelier", targets: ["atelier"]),
        .executable(name: "peer-review-sim", targets: ["PeerReviewSimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        // Pure rules: Foundation only.
        .target(name: "Domain"),
        // Every path of the site, used to register routes and to build links.
        .target(name: "Routes", dependencies: ["Domain"]),
        // The typed HTML builder, the layout and the pages.
        .target(name: "Views", dependencies: ["Domain", "Routes"]),
        .target(
            name: "App",
            dependencies: [
                "Domain", "Routes", "Views",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        .executableTarget(name: "atelier", dependencies: ["App"]),
        // bench/peer-review.sh: peer review in simulated cohorts, aggregation rules compared.
        .executableTarget(name: "PeerReviewSimulation", dependencies: ["Domain"]),
        .testTarget(
            name: "DomainTests",
            dependencies: ["Domain", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ViewsTests", dependencies: ["Views"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            exclude: ["Platform/smtp_sink.py"]
        ),
    ]
)
