import Foundation

/// Why one registry lookup failed. It is about that package only: the measurer notes it on the
/// dependency and every other lookup goes on.
///
/// It never carries the request URL, so an operator's mirror address (which may hold
/// credentials) cannot reach a chat reply or a log line through it.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The registry could not be reached or did not answer in time.
        case unreachable
        /// It answered with an HTTP status that is neither success nor "not found".
        case status(Int)
        /// The answer was larger than the limit.
        case tooLarge
        /// The answer was not the JSON or XML expected.
        case malformed
        /// The package name cannot be asked for safely (a path trick, a control character).
        case invalidName
    }

    /// The registry, for people (`npm registry`).
    public var registry: String
    /// What went wrong.
    public var kind: Kind
    /// Details for people.
    public var reason: String

    /// Creates an error.
    public init(registry: String, kind: Kind, reason: String) {
        self.registry = registry
        self.kind = kind
        self.reason = reason
    }

    /// `npm registry: answered HTTP 503`.
    public var description: String { "\(registry): \(reason)" }

    /// Whether asking again later may give another answer (an outage), as opposed to a name that
    /// can never be asked for.
    public var isTransient: Bool { kind != .invalidName }
}
