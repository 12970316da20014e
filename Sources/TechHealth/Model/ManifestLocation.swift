/// Where a fact was read: a file relative to the component's source folder, and a 1-based line.
public struct ManifestLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file, relative to the folder the component's sources are read from (`api/package.json`).
    public var file: String
    /// The 1-based line, when the format lets the parser know it.
    public var line: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the shape editors link from.
    public var description: String { line.map { "\(file):\($0)" } ?? file }

    /// Orders by file, then line (a location without a line first).
    public static func < (lhs: ManifestLocation, rhs: ManifestLocation) -> Bool {
        (lhs.file, lhs.line ?? 0) < (rhs.file, rhs.line ?? 0)
    }
}
