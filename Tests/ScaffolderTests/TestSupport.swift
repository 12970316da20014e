import Catalog
import Foundation
import Testing

@testable import Scaffolder

/// A folder under the system's temporary folder, removed when the test's value goes away.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("scaffolder-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `files` (relative path → text) under the folder.
    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    /// The text of a file under the folder.
    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }
}

/// The repository's `config/templates`.
let goldenPaths = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("config/templates")

/// Catalog entities the pickers choose from in tests: two teams, a person, a system.
let pickerEntities: [Entity] = [
    Entity(apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: EntityMetadata(name: "playback"), spec: .object(["type": "team"])),
    Entity(apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: EntityMetadata(name: "payments"), spec: .object(["type": "team"])),
    Entity(apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: EntityMetadata(name: "tempo"), spec: .object(["type": "organization"])),
    Entity(apiVersion: "backstage.io/v1alpha1", kind: "User", metadata: EntityMetadata(name: "ana"), spec: .object([:])),
    Entity(apiVersion: "backstage.io/v1alpha1", kind: "System", metadata: EntityMetadata(name: "personalization"), spec: .object([:])),
]

/// A template from YAML text, with its folder as root.
func template(_ yaml: String, in folder: TemporaryFolder, file: String = "template.yaml") throws -> Template {
    try folder.write([file: yaml])
    return try Template(origin: TemplateOrigin(file: folder.url.appendingPathComponent(file), root: folder.url))
}

/// Runs git with a time limit; a test fails rather than hangs.
func git(_ arguments: [String]) async throws {
    switch await TimedProcess.run(["git"] + arguments, environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)) {
    case .success(let outcome) where outcome.status == 0: return
    case .success(let outcome): Issue.record("git \(arguments.joined(separator: " ")) failed: \(outcome.standardError)")
    case .failure(let failure): Issue.record("git \(arguments.joined(separator: " ")): \(failure)")
    }
}

/// A bare repository to push to.
func bareRepository(in folder: TemporaryFolder, named name: String = "remote.git") async throws -> URL {
    let url = folder.url.appendingPathComponent(name)
    try await git(["init", "-q", "--bare", "-b", "main", url.path])
    return url
}

/// The files of `branch` in a repository, cloned to a fresh folder.
func cloneFiles(_ repository: URL, into folder: TemporaryFolder) async throws -> URL {
    let clone = folder.url.appendingPathComponent("clone-\(UUID().uuidString)")
    try await git(["clone", "-q", repository.path, clone.path])
    return clone
}
