import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command to completion with a deadline, on a thread of its own.
///
/// Waiting for a process blocks a thread, and Swift concurrency's cooperative pool has only one
/// thread per core: a slow `git clone` waited for there would stall every other task of the
/// server. So the process is started and waited for on a dedicated thread, and the calling task
/// suspends on a continuation until it is done.
public enum TimedProcess {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// The exit status (or the signal that ended it).
        public let status: Int32
        /// The start of what it wrote to standard error, at most ``maxErrorOutput`` bytes.
        public let standardError: String
    }

    /// Why a run did not end by itself.
    public enum Failure: Error {
        /// The executable could not be started.
        case couldNotStart(String)
        /// It ran past the deadline and was stopped.
        case timedOut
    }

    /// How much of standard error is kept: git's messages are a few lines, a hostile server's could
    /// be endless.
    public static let maxErrorOutput = 64 * 1024

    /// Runs `arguments[0]` (looked up on `PATH`) with the rest as its arguments.
    /// - Parameter standardOutputPath: a file that receives what it writes to standard output (for
    ///   commands such as `git ls-remote` that can only print their answer); nil discards it. A
    ///   file, like standard error's, never blocks the process on a full pipe.
    public static func run(
        _ arguments: [String], environment: [String: String], timeout: Duration, standardOutputPath: String? = nil
    ) async -> Result<Outcome, Failure> {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: runBlocking(arguments, environment: environment, timeout: timeout, standardOutputPath: standardOutputPath))
            }
        }
    }

    /// Runs the process and blocks the calling thread until it exits or is stopped.
    private static func runBlocking(
        _ arguments: [String], environment: [String: String], timeout: Duration, standardOutputPath: String?
    ) -> Result<Outcome, Failure> {
        // Standard error goes to a file rather than a pipe: nothing has to drain it while the
        // process runs, so a chatty process can never block on a full pipe, and there is no end of
        // file to wait for after a timeout (children of a stopped git may still hold a pipe open).
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("backline-stderr-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: errorPath, contents: nil), let errorFile = FileHandle(forWritingAtPath: errorPath) else {
            return .failure(.couldNotStart("cannot create a file for its error output in \(FileManager.default.temporaryDirectory.path)"))
        }
        defer {
            try? errorFile.close()
            try? FileManager.default.removeItem(atPath: errorPath)
        }

        var outputFile: FileHandle?
        if let standardOutputPath {
            guard FileManager.default.createFile(atPath: standardOutputPath, contents: nil),
                  let handle = FileHandle(forWritingAtPath: standardOutputPath) else {
                return .failure(.couldNotStart("cannot create \(standardOutputPath) for its output"))
            }
            outputFile = handle
        }
        defer { try? outputFile?.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputFile ?? FileHandle.nullDevice
        process.standardError = errorFile
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failure(.couldNotStart("\(error)"))
        }
        if exited.wait(timeout: .now() + dispatchInterval(timeout)) == .timedOut {
            // SIGKILL, not SIGTERM: a server that handles SIGTERM itself ignores it, and children
            // inherit an ignored signal, so SIGTERM might never stop them. Its termination handler
            // has not run, so at worst it exited a moment ago and the kill finds nothing.
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            return .failure(.timedOut)
        }
        let output: [UInt8]
        switch FileSystem.readPrefix(of: errorPath, count: maxErrorOutput) {
        case .success(let bytes): output = bytes
        case .failure: output = []
        }
        return .success(Outcome(status: process.terminationStatus, standardError: String(decoding: output, as: UTF8.self)))
    }

    /// `duration` for `DispatchSemaphore.wait`, clamped to what it can represent.
    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64(Int32.max) else { return .seconds(Int(Int32.max)) }
        let nanoseconds = max(0, seconds) * 1_000_000_000 + max(0, attoseconds / 1_000_000_000)
        return .nanoseconds(Int(nanoseconds))
    }
}
