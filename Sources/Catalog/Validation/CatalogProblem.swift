/// Something wrong (or worth a warning) in a catalog file, located precisely enough to fix it:
/// the file, the document within it, the line, the field and the rule it breaks.
public struct CatalogProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Errors stop an entity from being stored; warnings do not.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, as the user named it (relative where possible), or a `git` source.
    public var file: String
    /// The 1-based YAML document within the file, when the problem belongs to one.
    public var document: Int?
    /// The 1-based line of the offending field (or of the document when the field is missing).
    public var line: Int?
    /// The field path, e.g. `metadata.tags[2]`.
    public var field: String?
    /// A short, stable rule id (`entity-name`, `required-field`, `yaml-syntax`, ...).
    public var rule: String
    /// What is wrong and what was expected.
    public var message: String

    /// Creates a problem.
    public init(
        severity: Severity = .error, file: String, document: Int? = nil, line: Int? = nil, field: String? = nil,
        rule: String, message: String
    ) {
        self.severity = severity
        self.file = file
        self.document = document
        self.line = line
        self.field = field
        self.rule = rule
        self.message = message
    }

    /// `file:line: error: message [rule] (document N)`, the shape editors and CI logs link from.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": \(severity.rawValue): \(message) [\(rule)]"
        if let document { text += " (document \(document))" }
        return text
    }
}

/// A problem found while validating one entity document, before it is tied to a file and line.
struct FieldProblem: Sendable, Hashable {
    var severity: CatalogProblem.Severity = .error
    /// The path of the field, in the same dotted form the YAML reader records lines for.
    var field: String?
    var rule: String
    var message: String
}
