import Foundation

/// The real-world-shaped files the tests read, kept beside the tests in `Fixtures/`.
enum Fixtures {
    /// `Tests/TechHealthTests/Fixtures`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The URL of a fixture, by its path under `Fixtures/`.
    static func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    /// The text of a fixture, by its path under `Fixtures/`.
    static func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }
}
