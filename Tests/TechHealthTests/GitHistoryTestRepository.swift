import Foundation

/// A real git repository in a temporary folder, built commit by commit with chosen dates, so
/// freshness is measured from a real history without any test depending on the wall clock.
struct GitHistoryTestRepository {
    /// The work tree root.
    let root: URL

    /// A fixed start for every history: 2024-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_704_067_200)

    /// The date `days` after ``start``.
    static func day(_ days: Double) -> Date { start.addingTimeInterval(days * 86_400) }

    /// Creates an empty repository (or, with `git: false`, a plain folder).
    init(git: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("backline-docs-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if git { try run(["init", "--quiet", "--initial-branch=main"]) }
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The URL of `path` in the work tree.
    func url(_ path: String) -> URL { path.isEmpty ? root : root.appendingPathComponent(path) }

    /// Writes `text` to `path`, creating folders.
    func write(_ path: String, _ text: String) throws {
        let file = url(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Appends a line to `path` (creating it), so every commit has a change to make.
    func touch(_ path: String, _ line: String = UUID().uuidString) throws {
        let file = url(path)
        let old = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        try write(path, old + line + "\n")
    }

    /// Commits everything in the work tree, authored and committed at `date`; returns the hash.
    @discardableResult
    func commit(_ message: String, at date: Date) throws -> String {
        try run(["add", "--all"])
        let stamp = "@\(Int(date.timeIntervalSince1970)) +0000"
        try run(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message],
                environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp])
        return try output(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `path` with a new line and commits it at `date`.
    @discardableResult
    func change(_ path: String, at date: Date, message: String? = nil) throws -> String {
        try touch(path)
        return try commit(message ?? "change \(path)", at: date)
    }

    /// Runs git in the work tree and fails on a non-zero exit.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws {
        _ = try output(arguments, environment: environment)
    }

    /// Runs git in the work tree and returns what it printed.
    func output(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", (folder ?? root).path] + arguments
        var env = ProcessInfo.processInfo.environment
        // The test machine's own git configuration must not change the histories.
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitFailed(arguments: arguments, status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A git command of a test that failed.
    struct GitFailed: Error {
        let arguments: [String]
        let status: Int32
    }
}
