import Foundation

/// A shallow clone of a repository in a temporary directory, removed when the ingest ends.
struct GitCheckout {
    let directory: URL

    /// Clones `repository` (at `reference`, if given) with `git clone --depth 1`.
    static func clone(_ repository: String, reference: String?) throws -> GitCheckout {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-git-\(UUID().uuidString)")
        var arguments = ["clone", "--quiet", "--depth", "1"]
        if let reference { arguments += ["--branch", reference] }
        // A local path is cloned through file:// so that --depth is honoured.
        let isLocalPath = !repository.contains("://") && !repository.hasPrefix("git@")
        let source = isLocalPath ? URL(fileURLWithPath: repository).standardizedFileURL.absoluteString : repository
        arguments += ["--", source, directory.path]
        try run(arguments)
        return GitCheckout(directory: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never hang waiting for credentials
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw IngestError.gitUnavailable("\(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw IngestError.gitFailed(text.isEmpty ? "git exited with status \(process.terminationStatus)" : text)
        }
    }
}

/// Why a whole source could not be read (single bad files are problems, not errors).
public enum IngestError: Error, Sendable, CustomStringConvertible {
    /// The path does not exist.
    case sourceNotFound(String)
    /// `git` could not be started.
    case gitUnavailable(String)
    /// `git clone` failed; the message is git's own.
    case gitFailed(String)

    public var description: String {
        switch self {
        case .sourceNotFound(let path): "\(path): no such file or directory"
        case .gitUnavailable(let reason): "cannot run git: \(reason)"
        case .gitFailed(let message): "git clone failed: \(message)"
        }
    }
}
