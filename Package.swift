// swift-tools-version: 6.1
import PackageDescription

/// Settings every Backline target shares: Swift 6 language mode plus the upcoming features that make
/// existential types and imported members explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "backline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "backline", targets: ["backline"]),
        .executable(name: "backline-bench", targets: ["BacklineBenchmarks"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Secrets", targets: ["Secrets"]),
        .library(name: "OnCall", targets: ["OnCall"]),
        .library(name: "TechHealth", targets: ["TechHealth"]),
        .library(name: "ChatOps", targets: ["ChatOps"]),
        .library(name: "Scaffolder", targets: ["Scaffolder"]),
        .library(name: "Slack", targets: ["Slack"]),
        .library(name: "BacklineServer", targets: ["BacklineServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // Only the OTLP/HTTP exporter: the default traits would also build gRPC and its protobuf stack.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // Credentials as a type whose value never reaches a description, a dump or a log line.
        .target(name: "Secrets", swiftSettings: strictSettings),
        // Domain: the Backstage-compatible catalog, its SQLite store and ingestion.
        .target(
            name: "Catalog",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The API only (no exporter): catalog reads become spans when the service has a tracer.
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        // Domain: rotations, overrides, who is goalie now, pager adapters and incident records.
        // No HTTP library: the pager adapters are handed a PagerTransport by BacklineServer.
        .target(
            name: "OnCall",
            dependencies: [
                "Catalog", "Secrets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Domain: dependency manifests and lock files, version ordering per ecosystem, release and
        // end-of-life data, policy, scorecards and docs freshness. No chat, no HTTP library.
        .target(
            name: "TechHealth",
            dependencies: [
                "Catalog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Domain: Backstage v1beta3 software templates: parameter schemas, the `${{ }}` expression and
        // skeleton engine, actions (fetch, fs, catalog, publish:git, publish:github) and run history.
        // No chat, no HTTP library: GitHub's REST API is reached through a GitHubTransport.
        .target(
            name: "Scaffolder",
            dependencies: [
                "Catalog", "Secrets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // Domain: invocations, the command router, handlers and platform-neutral replies.
        .target(
            name: "ChatOps",
            dependencies: ["Catalog", "OnCall", "TechHealth", "Scaffolder", .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Wire protocol only: Slack payloads, signatures, Block Kit, Web API and Socket Mode.
        .target(
            name: "Slack",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Cairo through pkg-config (Debian: libcairo2-dev): the 2D library that draws the heat map PNG.
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // Glue: configuration, buildApplication, HTTP routes, services and the domain↔wire adapters.
        .target(
            name: "BacklineServer",
            dependencies: [
                "Catalog", "ChatOps", "OnCall", "Secrets", "Slack", "TechHealth", "Scaffolder", "CCairo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "backline",
            dependencies: [
                "BacklineServer", "Catalog", "ChatOps", "TechHealth", "Scaffolder",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Release-mode measurements reported in BENCHMARKS.md (not part of the test suite).
        .executableTarget(
            name: "BacklineBenchmarks",
            dependencies: [
                "Catalog", "ChatOps", "BacklineServer", "Secrets", "Slack", "TechHealth", "SlackTesting", "Scaffolder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BacklineBenchmarks",
            swiftSettings: strictSettings
        ),
        // A fake Slack on loopback, a request signer and fixtures; imported by tests only.
        .target(
            name: "SlackTesting",
            dependencies: [
                "Slack",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strictSettings),
        .testTarget(
            name: "TechHealthTests",
            dependencies: ["TechHealth", "Catalog", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ScaffolderTests",
            dependencies: ["Scaffolder", "Catalog", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ChatOpsTests", dependencies: ["ChatOps", "Catalog", "OnCall", "TechHealth", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "OnCallTests",
            dependencies: [
                "OnCall", "Catalog", "Secrets", "BacklineServer", "SlackTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SlackTests",
            dependencies: [
                "Slack", "SlackTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "BacklineServerTests",
            dependencies: [
                "BacklineServer", "SlackTesting", "Slack", "ChatOps", "Catalog", "OnCall", "Secrets", "TechHealth", "Scaffolder",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
