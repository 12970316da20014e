/// Where in a file something is: 1-based line and column.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column (in characters), from 1.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A template or expression that cannot be parsed or rendered: what is wrong and where, so its
/// author can fix it (`skeleton/README.md:3:14: unknown filter "uper"`).
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The file (relative to the template, as the author knows it).
    public var file: String
    /// Where in the file, when known.
    public var position: SourcePosition?

    /// Creates an error.
    public init(_ message: String, file: String, position: SourcePosition? = nil) {
        self.message = message
        self.file = file
        self.position = position
    }

    public var description: String {
        position.map { "\(file):\($0.line):\($0.column): \(message)" } ?? "\(file): \(message)"
    }
}

/// Template text as characters, with the line starts needed to turn an offset into a position.
///
/// `origin` places the text inside a larger file (a string value inside `template.yaml`), so the
/// positions reported are the file's own.
struct SourceText: Sendable {
    let characters: [Character]
    let file: String
    let origin: SourcePosition
    private let lineStarts: [Int]

    init(_ text: String, file: String, origin: SourcePosition = SourcePosition(line: 1, column: 1)) {
        characters = Array(text)
        self.file = file
        self.origin = origin
        var starts = [0]
        for (index, character) in characters.enumerated() where character == "\n" || character == "\r\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The position of the character at `offset`.
    func position(of offset: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = offset - lineStarts[low] + 1
        if low == 0 { return SourcePosition(line: origin.line, column: origin.column + column - 1) }
        return SourcePosition(line: origin.line + low, column: column)
    }

    /// An error at `offset`.
    func error(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(message, file: file, position: position(of: offset))
    }
}
