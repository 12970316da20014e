/// The link targets and inline code spans of one Markdown file, each with its 1-based line.
///
/// Not a Markdown parser: a line scanner that knows the few constructs that matter here. Fenced
/// code blocks and HTML comments are skipped (a link inside an example is not a link); inline code
/// spans are collected and blanked out before links are looked for (`` `[a](b)` `` is code);
/// links are inline (`[x](t)`, `![x](t)`, with `<t>` and titles) and reference definitions
/// (`[x]: t`). Indented code blocks are not told apart from list continuations, so they are read
/// as prose; links in raw HTML (`<a href>`) are not checked.
struct MarkdownReferences: Equatable {
    /// Something found on a line.
    struct Item: Equatable {
        /// 1-based.
        var line: Int
        /// The link target or the code span's content, as written.
        var text: String
    }

    /// Link targets, in order.
    var links: [Item] = []
    /// Inline code span contents, in order.
    var codeSpans: [Item] = []

    /// Scans `text`.
    static func scan(_ text: String) -> MarkdownReferences {
        var found = MarkdownReferences()
        var fence: (character: Character, length: Int)?
        var inComment = false
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Array(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)

            if let open = fence {
                if let close = fenceMarker(line), close.character == open.character, close.length >= open.length, close.rest.allSatisfy(\.isWhitespace) {
                    fence = nil
                }
                continue
            }
            if !inComment, let open = fenceMarker(line) {
                // A backtick fence's info string may not hold a backtick; otherwise it is a code span.
                if open.character == "~" || !open.rest.contains("`") {
                    fence = (open.character, open.length)
                    continue
                }
            }
            line = removingComments(line, inComment: &inComment)

            if let definition = referenceDefinition(line) {
                found.links.append(Item(line: lineNumber, text: definition))
                continue
            }
            var masked = line
            for span in codeSpans(in: line) {
                found.codeSpans.append(Item(line: lineNumber, text: String(line[span]).trimmingSingleSpace()))
                // Blank out the span with its backticks so nothing in it is read as a link.
                for index in (span.lowerBound - 1)..<min(span.upperBound + 1, masked.count) { masked[index] = " " }
            }
            for target in inlineLinkTargets(in: masked) {
                found.links.append(Item(line: lineNumber, text: target))
            }
        }
        return found
    }

    /// The fence a line opens or closes (up to three spaces of indent, three or more `` ` `` or `~`).
    private static func fenceMarker(_ line: [Character]) -> (character: Character, length: Int, rest: ArraySlice<Character>)? {
        var index = 0
        while index < line.count, index < 3, line[index] == " " { index += 1 }
        guard index < line.count, line[index] == "`" || line[index] == "~" else { return nil }
        let character = line[index]
        var length = 0
        while index < line.count, line[index] == character {
            length += 1
            index += 1
        }
        return length >= 3 ? (character, length, line[index...]) : nil
    }

    /// `line` without the parts inside `<!-- … -->`, which may span lines.
    private static func removingComments(_ line: [Character], inComment: inout Bool) -> [Character] {
        var kept: [Character] = []
        var index = 0
        while index < line.count {
            if inComment {
                if matches(line, at: index, "-->") {
                    inComment = false
                    index += 3
                } else {
                    index += 1
                }
            } else if matches(line, at: index, "<!--") {
                inComment = true
                index += 4
            } else {
                kept.append(line[index])
                index += 1
            }
        }
        return kept
    }

    private static func matches(_ line: [Character], at index: Int, _ text: String) -> Bool {
        let wanted = Array(text)
        return index + wanted.count <= line.count && Array(line[index..<(index + wanted.count)]) == wanted
    }

    /// The target of a reference definition (`[label]: target "title"`), not of a footnote (`[^1]:`).
    private static func referenceDefinition(_ line: [Character]) -> String? {
        var index = 0
        while index < line.count, index < 3, line[index] == " " { index += 1 }
        guard index < line.count, line[index] == "[", index + 1 < line.count, line[index + 1] != "^" else { return nil }
        guard let close = line[index...].firstIndex(of: "]"), close > index + 1, close + 1 < line.count, line[close + 1] == ":" else { return nil }
        var start = close + 2
        while start < line.count, line[start].isWhitespace { start += 1 }
        guard start < line.count else { return nil }
        return destination(in: line, from: start)
    }

    /// The ranges of the contents of inline code spans: a run of n backticks up to the next run of
    /// exactly n on the same line.
    private static func codeSpans(in line: [Character]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        while index < line.count {
            guard line[index] == "`" else {
                index += 1
                continue
            }
            let openStart = index
            while index < line.count, line[index] == "`" { index += 1 }
            let length = index - openStart
            var search = index
            var closed = false
            while search < line.count {
                guard line[search] == "`" else {
                    search += 1
                    continue
                }
                let runStart = search
                while search < line.count, line[search] == "`" { search += 1 }
                if search - runStart == length {
                    spans.append(index..<runStart)
                    index = search
                    closed = true
                    break
                }
            }
            // An unmatched run is literal backticks; go on after it.
            if !closed { continue }
        }
        return spans
    }

    /// Destinations of `](dest)` on a line whose code spans are blanked.
    private static func inlineLinkTargets(in line: [Character]) -> [String] {
        var targets: [String] = []
        var index = 0
        while index + 1 < line.count {
            if line[index] == "]", line[index + 1] == "(" {
                var start = index + 2
                while start < line.count, line[start] == " " { start += 1 }
                if start < line.count, let target = destination(in: line, from: start) {
                    targets.append(target)
                }
                index = start
            } else {
                index += 1
            }
        }
        return targets
    }

    /// A link destination starting at `start`: `<…>`, or up to whitespace or the `)` that balances.
    private static func destination(in line: [Character], from start: Int) -> String? {
        if line[start] == "<" {
            guard let close = line[(start + 1)...].firstIndex(of: ">") else { return nil }
            return String(line[(start + 1)..<close])
        }
        var depth = 0
        var index = start
        while index < line.count {
            let character = line[index]
            if character.isWhitespace { break }
            if character == "\\", index + 1 < line.count {
                index += 2
                continue
            }
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            index += 1
        }
        return index > start ? String(line[start..<index]) : nil
    }
}

extension String {
    /// CommonMark strips one space from each end of a code span when both ends have one.
    fileprivate func trimmingSingleSpace() -> String {
        guard count >= 2, hasPrefix(" "), hasSuffix(" "), !allSatisfy({ $0 == " " }) else { return self }
        return String(dropFirst().dropLast())
    }
}
