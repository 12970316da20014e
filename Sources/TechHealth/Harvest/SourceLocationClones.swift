import Catalog
import Crypto
import Foundation

/// Clones of the repositories that `backstage.io/source-location` annotations name, kept in a
/// cache folder between harvests and fetched again each time.
///
/// `--filter=blob:none` keeps the history (docs freshness needs it) without the blobs of old
/// commits. Git runs with a deadline, never prompts for credentials and runs no hooks: the
/// repositories and their addresses are untrusted.
struct SourceLocationClones: Sendable {
    /// Where the clones are kept.
    let cache: URL
    /// How long each git command may take.
    let timeout: Duration
    /// The git executable and any leading arguments.
    let command: [String]

    /// The clone of `location`'s repository and branch, brought up to date.
    func update(_ location: GitSourceLocation) async -> Result<URL, SourceProblem> {
        let key = location.repository + "#" + (location.branch ?? "")
        let name = SHA256.hash(data: Array(key.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        let directory = cache.appendingPathComponent("source-\(name)")
        let git = command + [
            "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
            "-c", "protocol.file.allow=never", "-c", "protocol.ext.allow=never",
        ]
        if DocsFileAccess.kind(directory.path + "/.git") != .directory {
            try? FileManager.default.removeItem(at: directory)
            do {
                try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            } catch {
                return .failure(SourceProblem("cannot create the clone cache \(cache.path): \(error.localizedDescription)"))
            }
            let clone = await run(git + ["clone", "--quiet", "--no-checkout", "--filter=blob:none", "--", location.repository, directory.path], what: "clone")
            if case .failure(let problem) = clone {
                try? FileManager.default.removeItem(at: directory)
                return .failure(problem)
            }
        }
        let inClone = git + ["-C", directory.path]
        if case .failure(let problem) = await run(inClone + ["fetch", "--quiet", "--no-tags", "origin", location.branch ?? "HEAD"], what: "fetch") {
            return .failure(problem)
        }
        if case .failure(let problem) = await run(inClone + ["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], what: "checkout") {
            return .failure(problem)
        }
        return .success(directory)
    }

    private func run(_ arguments: [String], what: String) async -> Result<Void, SourceProblem> {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never wait for a password nobody will type
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        switch await TimedProcess.run(arguments, environment: environment, timeout: timeout) {
        case .success(let run) where run.status == 0:
            return .success(())
        case .success(let run):
            let text = run.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(SourceProblem("git \(what) failed: \(text.isEmpty ? "exit status \(run.status)" : String(text.prefix(300)))"))
        case .failure(.couldNotStart(let reason)):
            return .failure(SourceProblem("git could not be started: \(reason)"))
        case .failure(.timedOut):
            return .failure(SourceProblem("git \(what) took longer than \(timeout) and was stopped"))
        }
    }
}

/// Why a component's sources could not be read, as a sentence for its owners.
struct SourceProblem: Error, Sendable, Hashable {
    /// The sentence.
    var message: String

    init(_ message: String) { self.message = message }
}
