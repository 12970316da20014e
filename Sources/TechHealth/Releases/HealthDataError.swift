import Foundation

/// A health data file (`releases.yaml`, `eol.yaml`, `policy.yaml`) that could not be read: the
/// file, the line when known, and what is wrong, for the person who maintains the file.
public struct HealthDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// The 1-based line, when the YAML parser or the node reports one.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape editors and CI logs link from.
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
