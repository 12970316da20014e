// swift-tools-version: 6.0
// ${{ values.name }}: ${{ values.description }}
import PackageDescription

let package = Package(
    name: "${{ values.name }}",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(
            name: "AppTests",
            dependencies: ["App", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ]
)
