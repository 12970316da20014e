/// The lines of a file, for the formats whose parsers do not report positions (TOML, XML) and for
/// the line-oriented formats.
struct TextLines: Sendable {
    /// The lines, without their line breaks (a trailing `\r` removed too).
    let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }

    /// The 1-based line of the first TOML table header `[name]` (or `[[name]]`), when there is one.
    func tableHeader(_ name: String) -> Int? {
        let wanted = Self.normalisedHeader(name)
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("[") else { continue }
            if let header = Self.header(of: trimmed), Self.normalisedHeader(header) == wanted { return index + 1 }
        }
        return nil
    }

    /// The 1-based lines of every `[[name]]` header, in order.
    func arrayHeaders(_ name: String) -> [Int] {
        let wanted = Self.normalisedHeader(name)
        var found: [Int] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("[[") else { continue }
            if let header = Self.header(of: trimmed), Self.normalisedHeader(header) == wanted { found.append(index + 1) }
        }
        return found
    }

    /// The first line at or after `start` (1-based) whose text contains `needle`, stopping at the
    /// next TOML table header when `withinTable` is set.
    func line(containing needle: String, from start: Int, withinTable: Bool = true) -> Int? {
        guard start >= 1 else { return nil }
        var index = start - 1
        while index < lines.count {
            let line = lines[index]
            if index > start - 1, withinTable, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("[") == true,
               Self.header(of: line.drop { $0 == " " || $0 == "\t" }) != nil {
                return nil
            }
            if line.contains(needle) { return index + 1 }
            index += 1
        }
        return nil
    }

    /// The line of a TOML key `key = …` (bare or quoted) in the table whose header is on `header`
    /// (or in the top-level table when `header` is nil).
    func keyLine(_ key: String, inTableAt header: Int?) -> Int? {
        var index = header ?? 0
        while index < lines.count {
            let trimmed = lines[index].drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("["), Self.header(of: trimmed) != nil, index != (header ?? 0) - 1 { return nil }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(spelling) {
                let rest = trimmed.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") || rest.hasPrefix(".") { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// `a.b` from `[a.b]` or `[[a.b]]` (with the brackets' spacing and quotes as written).
    private static func header(of line: Substring) -> Substring? {
        var body = line
        let double = body.hasPrefix("[[")
        body = body.dropFirst(double ? 2 : 1)
        guard let close = body.firstIndex(of: "]") else { return nil }
        return body[..<close]
    }

    /// Header text without spaces and quotes, so `[ "tool" . poetry ]` matches `tool.poetry`.
    private static func normalisedHeader(_ header: some StringProtocol) -> String {
        String(header.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" })
    }
}
