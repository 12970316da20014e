/// A relative link in the docs that points at nothing.
public struct DocsBrokenLink: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Markdown file, relative to the component folder.
    public var file: String
    /// The 1-based line the link is on.
    public var line: Int
    /// The link target as written (`../api.md#auth`).
    public var target: String

    /// Creates a broken link.
    public init(file: String, line: Int, target: String) {
        self.file = file
        self.line = line
        self.target = target
    }

    /// `file:line: target`.
    public var description: String { "\(file):\(line): \(target)" }
}

/// A repository path the docs mention (in backticks) that does not exist.
public struct DocsMissingPath: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Markdown file, relative to the component folder.
    public var file: String
    /// The 1-based line the mention is on.
    public var line: Int
    /// The path as written (`src/server/routes.ts`).
    public var path: String

    /// Creates a missing path.
    public init(file: String, line: Int, path: String) {
        self.file = file
        self.line = line
        self.path = path
    }

    /// `file:line: path`.
    public var description: String { "\(file):\(line): \(path)" }
}

/// Something wrong with how the docs are set up (a `docs_dir` leading out of the component, an
/// unreadable `mkdocs.yml`, a file too large to read), for the component's owner.
public struct DocsProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file, relative to the component folder.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(line.map { "\(file):\($0)" } ?? file): \(message)" }
}
