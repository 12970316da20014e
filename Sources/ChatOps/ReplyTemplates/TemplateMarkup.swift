/// Turns a rendered ``ResponseTemplate`` into reply blocks, so a template written once is drawn
/// natively by every renderer (Block Kit, Mattermost, text).
///
/// Line markup, read from template text only:
/// - `# Title` is a header; `- item` (or `* item`) is a list item, consecutive items form one list;
///   `> note` is small print; `---` is a divider; other lines are paragraphs, and a blank line
///   ends a paragraph.
/// - Inline: `**bold**` and `` `code` ``; a value that is an `http(s)` URL becomes a link.
enum TemplateMarkup {
    static func blocks(_ segments: [ResponseTemplate.Segment]) -> [ReplyBlock] {
        var blocks: [ReplyBlock] = []
        var listItems: [RichText] = []
        var paragraph: [RichText] = []

        func flushList() {
            if !listItems.isEmpty { blocks.append(.list(title: nil, items: listItems, more: 0)) }
            listItems = []
        }
        func flushParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(.joined(paragraph, separator: "\n"))) }
            paragraph = []
        }

        for line in lines(segments) {
            let marker = leadingLiteral(line)
            if marker.trimmingWhitespace().isEmpty, line.allSatisfy(isLiteral) {
                flushList(); flushParagraph()
            } else if marker.hasPrefix("# ") {
                flushList(); flushParagraph()
                blocks.append(.header(inline(dropping: 2, from: line).plain))
            } else if marker.hasPrefix("- ") || marker.hasPrefix("* ") {
                flushParagraph()
                listItems.append(inline(dropping: 2, from: line))
            } else if marker.hasPrefix("> ") {
                flushList(); flushParagraph()
                blocks.append(.context(inline(dropping: 2, from: line)))
            } else if marker.trimmingWhitespace() == "---", line.allSatisfy(isLiteral) {
                flushList(); flushParagraph()
                blocks.append(.divider)
            } else {
                flushList()
                paragraph.append(inline(dropping: 0, from: line))
            }
        }
        flushList(); flushParagraph()
        return blocks
    }

    private static func isLiteral(_ segment: ResponseTemplate.Segment) -> Bool {
        if case .literal = segment { true } else { false }
    }

    /// Splits segments into lines at the line breaks of template text.
    private static func lines(_ segments: [ResponseTemplate.Segment]) -> [[ResponseTemplate.Segment]] {
        var lines: [[ResponseTemplate.Segment]] = [[]]
        for segment in segments {
            guard case .literal(let text) = segment else { lines[lines.count - 1].append(segment); continue }
            let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append(.literal(String(part))) }
            }
        }
        return lines
    }

    /// The template text a line starts with, up to its first value, without indentation.
    private static func leadingLiteral(_ line: [ResponseTemplate.Segment]) -> String {
        var text = ""
        for segment in line {
            guard case .literal(let literal) = segment else { break }
            text += literal
        }
        return String(text.drop { $0 == " " || $0 == "\t" })
    }

    /// The line's rich text after its indentation and a `count`-character marker.
    private static func inline(dropping count: Int, from line: [ResponseTemplate.Segment]) -> RichText {
        var remaining = count
        var skippingIndent = true
        var spans: [RichText.Span] = []
        var bold = false
        var code = false
        var buffer = ""

        func flush() {
            guard !buffer.isEmpty else { return }
            spans.append(code ? .code(buffer) : bold ? .bold(buffer) : .text(buffer))
            buffer = ""
        }

        for segment in line {
            switch segment {
            case .value(let value):
                skippingIndent = false
                remaining = 0
                if !code, !bold, value.hasPrefix("https://") || value.hasPrefix("http://"), !value.contains(where: \.isWhitespace) {
                    flush()
                    spans.append(.link(url: value, label: value))
                } else {
                    buffer += value
                }
            case .literal(let literal):
                var characters = Substring(literal)
                if skippingIndent { characters = characters.drop { $0 == " " || $0 == "\t" } }
                if !characters.isEmpty { skippingIndent = false }
                let skip = min(remaining, characters.count)
                characters = characters.dropFirst(skip)
                remaining -= skip
                while let character = characters.first {
                    if character == "`" {
                        flush(); code.toggle()
                        characters = characters.dropFirst()
                    } else if !code, characters.hasPrefix("**") {
                        flush(); bold.toggle()
                        characters = characters.dropFirst(2)
                    } else {
                        buffer.append(character)
                        characters = characters.dropFirst()
                    }
                }
            }
        }
        flush()
        return RichText(spans)
    }
}
