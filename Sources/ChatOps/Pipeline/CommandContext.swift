import Catalog
import Foundation
import Logging

/// What a handler may use to answer: the catalog, the command table, a logger and the time.
public struct CommandContext: Sendable {
    /// The catalog.
    public var catalog: CatalogStore
    /// A logger carrying the invocation's metadata (command, transport, correlation id).
    public var logger: Logger
    /// The current time; injected so answers about freshness are testable.
    public var now: @Sendable () -> Date

    /// Creates a context.
    public init(catalog: CatalogStore, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.catalog = catalog
        self.logger = logger
        self.now = now
    }
}

/// A command implementation. Handlers parse their arguments first and answer with a ``Reply``;
/// they never see a transport, a payload or an acknowledgement.
public protocol CommandHandler: Sendable {
    /// Answers one invocation.
    /// - Parameters:
    ///   - invocation: the command and its text.
    ///   - spec: the command's spec (usage, examples) for usage errors.
    ///   - context: the catalog, a logger and the clock.
    func run(_ invocation: Invocation, spec: CommandSpec, context: CommandContext) async throws -> Reply
}

/// An error whose message is written for the person who ran the command.
public protocol UserFacingError: Error {
    /// What to tell them.
    var userMessage: String { get }
    /// The kind of problem, as replies' JSON and metrics name it (a ``Reply/Outcome`` raw value).
    var problemKind: String { get }
}

extension UserFacingError {
    /// Most errors written for users are plain user errors.
    public var problemKind: String { Reply.Outcome.userError.rawValue }
}

/// The text of a command does not match its usage.
public struct UsageError: UserFacingError, Hashable {
    /// What is wrong.
    public var problem: String
    /// The command's usage line.
    public var usage: String

    /// Creates a usage error.
    public init(_ problem: String, usage: String) {
        self.problem = problem
        self.usage = usage
    }

    public var userMessage: String { "\(problem)\nUsage: \(usage)" }
    public var problemKind: String { Reply.Outcome.usage.rawValue }
}
