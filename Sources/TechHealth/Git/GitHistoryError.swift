/// Why a question to git's history got no answer.
public enum GitHistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `git` could not be started.
    case gitUnavailable(String)
    /// git ran past its deadline and was stopped.
    case timedOut(Duration)
    /// git answered with a failure; the text is the start of its own message.
    case gitFailed(String)
    /// Git's answer was not in the shape asked for.
    case unreadableOutput

    /// A sentence for the component's owner or the operator.
    public var description: String {
        switch self {
        case .gitUnavailable(let reason): "cannot run git: \(reason)"
        case .timedOut(let timeout): "git log took longer than \(timeout) and was stopped"
        case .gitFailed(let message): "git log failed: \(message)"
        case .unreadableOutput: "git log's output could not be read"
        }
    }
}
