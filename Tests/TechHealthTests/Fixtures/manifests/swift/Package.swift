// swift-tools-version: 5.10
import PackageDescription

let package = Package(
    name: "playlist-service",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/vapor", exact: "4.99.3"),
        .package(url: "https://github.com/apple/swift-nio.git", "2.60.0"..<"3.0.0"),
        .package(
            url: "git@github.com:acme/acme-auth.git",
            branch: "main"
        ),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", .upToNextMinor(from: "1.17.0")),
        .package(id: "mona.LinkedList", from: "1.0.0"),
        .package(path: "../SharedModels"),
    ],
    targets: [
        .executableTarget(name: "App", dependencies: [.product(name: "Vapor", package: "vapor")]),
    ]
)
