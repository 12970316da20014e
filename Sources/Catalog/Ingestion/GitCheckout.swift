import Foundation

/// A shallow clone of a repository in a temporary directory, removed when the ingest ends.
struct GitCheckout: Sendable {
    let directory: URL

    /// Clones `repository` (at `reference`, if given) with `git clone --depth 1`.
    /// - Parameters:
    ///   - timeout: how long the clone may take; past it git is stopped and the clone removed.
    ///   - command: the git executable and any leading arguments (tests stand in a fake git).
    static func clone(_ repository: String, reference: String?, timeout: Duration, command: [String] = ["git"]) async throws -> GitCheckout {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-git-\(UUID().uuidString)")
        var arguments = ["clone", "--quiet", "--depth", "1"]
        if let reference { arguments += ["--branch", reference] }
        // A local path is cloned through file:// so that --depth is honoured.
        let isLocalPath = !repository.contains("://") && !repository.hasPrefix("git@")
        let source = isLocalPath ? URL(fileURLWithPath: repository).standardizedFileURL.absoluteString : repository
        arguments += ["--", source, directory.path]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never hang waiting for credentials
        let outcome = await TimedProcess.run(command + arguments, environment: environment, timeout: timeout)
        let checkout = GitCheckout(directory: directory)
        switch outcome {
        case .success(let run) where run.status == 0:
            return checkout
        case .success(let run):
            checkout.remove()
            let text = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw IngestError.gitFailed(text.isEmpty ? "git exited with status \(run.status)" : text)
        case .failure(.couldNotStart(let reason)):
            throw IngestError.gitUnavailable(reason)
        case .failure(.timedOut):
            // A killed git leaves its partial clone behind.
            checkout.remove()
            throw IngestError.gitTimedOut(timeout)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
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
    /// `git fetch` or the checkout of the fetched commit failed, in a kept clone; git's message.
    case gitFetchFailed(String)
    /// A git command took longer than the ingester's `gitTimeout` and was stopped.
    case gitTimedOut(Duration)

    public var description: String {
        switch self {
        case .sourceNotFound(let path): "\(path): no such file or directory"
        case .gitUnavailable(let reason): "cannot run git: \(reason)"
        case .gitFailed(let message): "git clone failed: \(message)"
        case .gitFetchFailed(let message): "git fetch failed: \(message)"
        case .gitTimedOut(let timeout): "git timed out after \(timeout) and was stopped"
        }
    }
}
