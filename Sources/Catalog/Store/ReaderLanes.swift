import Foundation
import GRDB
import Synchronization

/// How a store reads: on the calling thread on a reader lane (``ReaderLanes``) when the database
/// is a file and a lane is free, else through the writer's own asynchronous read. Every store on
/// the chat path reads through one, so an answer's reads never hop threads.
public struct LaneReader: Sendable {
    let writer: any DatabaseWriter
    let lanes: ReaderLanes?

    /// Reads for `writer`: a `DatabasePool` (a file) gets one lane per core; an in-memory queue
    /// has none and always reads through the queue.
    public init(_ writer: any DatabaseWriter) {
        self.writer = writer
        lanes = (writer as? DatabasePool).map { ReaderLanes(pool: $0, capacity: ProcessInfo.processInfo.activeProcessorCount) }
    }

    /// Runs `value` in a read-only transaction.
    public func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        if let lanes, let result = try lanes.read(value) { return result }
        return try await writer.read(value)
    }
}

/// Read-only connections to a database file that a short read runs on in the calling thread.
///
/// GRDB's asynchronous `read` hands every read to a dispatch queue and resumes the task when it
/// is done: two thread hand-offs and futex wake-ups per read, which were most of the CPU a chat
/// answer cost (a signed `/owner` makes four catalog reads). A lane skips both: the read runs
/// where the task already is, on a connection of its own.
///
/// Lanes never wait. When every lane is taken, ``read(_:)`` says so (nil) and the caller uses
/// the pool's asynchronous read instead; so a thread never blocks on another task that needs a
/// thread to finish, the deadlock that blocking on the pool's own readers invites.
final class ReaderLanes: Sendable {
    private let path: String
    private let configuration: Configuration
    private let capacity: Int
    private let state = Mutex(State())

    private struct State {
        var idle: [DatabaseQueue] = []
        var opened = 0
    }

    /// Lanes on the file a pool serves, configured as its readers are.
    /// - Parameter capacity: at most this many lanes (one per core is plenty: a lane is only
    ///   held while a read runs on a thread).
    init(pool: DatabasePool, capacity: Int) {
        path = pool.path
        var configuration = pool.configuration
        configuration.readonly = true
        self.configuration = configuration
        self.capacity = capacity
    }

    /// Runs `value` in a read-only transaction on a free lane, on this thread; nil when no lane
    /// is free (or one could not be opened), without waiting.
    func read<T>(_ value: (Database) throws -> T) throws -> T? {
        guard let lane = take() else { return nil }
        defer { state.withLock { $0.idle.append(lane) } }
        return try lane.read(value)
    }

    private func take() -> DatabaseQueue? {
        let (lane, mayOpen): (DatabaseQueue?, Bool) = state.withLock { state in
            if let lane = state.idle.popLast() { return (lane, false) }
            guard state.opened < capacity else { return (nil, false) }
            state.opened += 1
            return (nil, true)
        }
        if let lane { return lane }
        guard mayOpen else { return nil }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            state.withLock { $0.opened -= 1 }
            return nil
        }
    }
}
