/// One thing wrong with the values given for a template's form, naming the field (`name`,
/// `repo.owner`, `tags[1]`) as the form and `--set` name it.
public struct FieldError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The field's dotted path.
    public var field: String
    /// What is wrong, for the person filling in the form.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
