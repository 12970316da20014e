// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TempoShellKit",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "TempoShellKit", targets: ["TempoShellKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.1"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-algorithms.git", from: "1.2.0"),
    ],
    targets: [
        .target(
            name: "TempoShellKit",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ]
        ),
        .testTarget(name: "TempoShellKitTests", dependencies: ["TempoShellKit"]),
    ]
)
