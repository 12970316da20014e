import Catalog

extension Reply {
    /// How a command ended, as logs and metrics count it: a small, fixed set of values.
    public enum Outcome: String, Sendable, CaseIterable {
        /// Answered.
        case ok
        /// The command line did not match the command's usage.
        case usage
        /// No command has that name.
        case unknownCommand = "unknown-command"
        /// The caller may not run the command.
        case notAllowed = "not-allowed"
        /// Another error written for the caller (nothing by that name, bad input).
        case userError = "user-error"
        /// A failure the operators must look at; the reply carries a correlation id.
        case internalError = "internal-error"
        /// The service cannot answer yet (the catalog is still loading after a start); asking
        /// again shortly works.
        case unavailable
    }

    /// The outcome this reply reports: a problem reply's kind (see ``problem(_:kind:)``), else ok.
    public var outcome: Outcome {
        guard data["status"]?.stringValue == "error" else { return .ok }
        return data["error"]?["kind"]?.stringValue.flatMap(Outcome.init(rawValue:)) ?? .userError
    }
}
