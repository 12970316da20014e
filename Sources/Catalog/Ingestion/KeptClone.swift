import Crypto
import Foundation

/// A git source's clone, kept between refreshes in the ingester's clone cache and brought up to date
/// with `git fetch`. A refresh then reads only what the new commits changed: git rewrites only the
/// files that differ, so the others keep their size and time and the ingest skips them unread.
struct KeptClone: Sendable {
    /// The work tree.
    let directory: URL
    /// The commit checked out.
    let commit: String

    /// Clones `repository` into `cache` the first time, fetches it every later time, and checks out
    /// the fetched commit of `reference` (the remote's default branch when nil).
    /// - Parameters:
    ///   - identity: the source's stored identity; names the clone's folder.
    ///   - timeout: how long each git command may take before it is stopped.
    static func update(
        _ repository: String, reference: String?, identity: String, cache: URL, timeout: Duration, command: [String] = ["git"]
    ) async throws -> KeptClone {
        let name = hexadecimal(SHA256.hash(data: Data(identity.utf8)).prefix(12))
        let directory = cache.appendingPathComponent("clone-\(name)")
        let git = command + ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-C", directory.path]
        if !FileSystem.isDirectory(directory.appendingPathComponent(".git").path) {
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            // Without blobs: history is there for later questions (when did the docs last change?),
            // and checkout fetches the blobs of the one commit it needs.
            let isLocalPath = !repository.contains("://") && !repository.hasPrefix("git@")
            let source = isLocalPath ? URL(fileURLWithPath: repository).standardizedFileURL.absoluteString : repository
            do {
                try await run(command + ["clone", "--quiet", "--no-checkout", "--filter=blob:none", "--", source, directory.path], timeout: timeout, failure: IngestError.gitFailed)
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }
        try await run(git + ["fetch", "--quiet", "--no-tags", "origin", reference ?? "HEAD"], timeout: timeout, failure: IngestError.gitFetchFailed)
        try await run(git + ["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], timeout: timeout, failure: IngestError.gitFetchFailed)
        // A detached HEAD holds the commit id itself.
        let head = (try? String(contentsOf: directory.appendingPathComponent(".git/HEAD"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard head.count >= 40, head.allSatisfy(\.isHexDigit) else { throw IngestError.gitFetchFailed("cannot read the commit checked out") }
        return KeptClone(directory: directory, commit: head)
    }

    private static func run(_ arguments: [String], timeout: Duration, failure: (String) -> IngestError) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never hang waiting for credentials
        switch await TimedProcess.run(arguments, environment: environment, timeout: timeout) {
        case .success(let run) where run.status == 0:
            return
        case .success(let run):
            let text = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw failure(text.isEmpty ? "git exited with status \(run.status)" : text)
        case .failure(.couldNotStart(let reason)):
            throw IngestError.gitUnavailable(reason)
        case .failure(.timedOut):
            throw IngestError.gitTimedOut(timeout)
        }
    }
}
