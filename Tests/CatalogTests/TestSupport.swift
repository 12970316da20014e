import Foundation
@testable import Catalog

/// A scratch directory for catalog files, deleted when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("backline-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    /// Writes `contents` to `relativePath`, creating folders as needed.
    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relativePath))
    }
}

/// Parses one YAML text as a catalog file.
func parse(_ yaml: String, file: String = "catalog-info.yaml", directory: URL = FileManager.default.temporaryDirectory) -> ParsedFile {
    CatalogFileParser.parse(yaml, displayName: file, directory: directory)
}

/// A minimal valid Component descriptor, with extra YAML lines spliced into `metadata` and `spec`.
func component(_ name: String = "playlist-api", metadata: String = "", spec: String = "") -> String {
    """
    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: \(name)
    \(metadata.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    spec:
      type: service
      lifecycle: production
      owner: playlists
    \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    """
}

extension ParsedFile {
    /// The rules of the error-level problems, in order.
    var errorRules: [String] { problems.filter { $0.severity == .error }.map(\.rule) }
}
