/// A scorecard file that cannot be used: the file, the line, the field and what is wrong, for
/// the platform team that maintains it.
public struct ScorecardError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The field path (`checks[2].fact`), when the error is about one field.
    public var field: String?
    /// What is wrong (already naming the field when there is one).
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: message`, the shape editors and CI logs link from.
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
