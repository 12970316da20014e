/// A manifest that could not be read as its format defines it. It is a finding on the component,
/// never a failed harvest: the rest of the component's files are still harvested.
public struct ManifestProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the problem is (the line when the parser knows it).
    public var location: ManifestLocation
    /// What is wrong, for the person who owns the file.
    public var message: String

    /// Creates a problem.
    public init(location: ManifestLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(location): \(message)" }
}
