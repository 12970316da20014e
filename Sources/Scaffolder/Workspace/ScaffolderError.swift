/// A run that cannot go on, for the person who started it: a refused path, a missing input, a
/// failed push. The message names what was refused and why.
public struct ScaffolderError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
