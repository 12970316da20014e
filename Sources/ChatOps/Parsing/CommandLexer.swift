import Foundation

/// Splits a command's text into ``CommandToken``s: one grammar for every transport.
///
/// - Words are separated by any whitespace (Slack sends non-breaking spaces too).
/// - Quotes group words: straight (`"…"`, `'…'`) and curly (`“…”`, `‘…’`), because phones and
///   macOS turn straight quotes into curly ones. A quote only opens at the start of a word or
///   right after `=`, so apostrophes (`don’t`) stay part of their word. An unclosed quote runs to
///   the end of the text rather than failing.
/// - Slack's control sequences `<@U123|name>`, `<#C123|name>`, `<https://…|label>` become
///   mention and link tokens, and `&amp;`, `&lt;`, `&gt;` are decoded everywhere else.
public enum CommandLexer {
    /// The tokens of `text`.
    public static func tokens(_ text: String) -> [CommandToken] {
        var tokens: [CommandToken] = []
        var characters = Substring(text)
        while true {
            characters = characters.drop(while: \.isWhitespace)
            guard let first = characters.first else { return tokens }
            if first == "<", let (token, rest) = controlSequence(characters) {
                tokens.append(token)
                characters = rest
                continue
            }
            let (token, rest) = word(characters)
            tokens.append(token)
            characters = rest
        }
    }

    private static let doubleQuotes: Set<Character> = ["\"", "“", "”", "„"]
    private static let singleQuotes: Set<Character> = ["'", "‘", "’"]

    /// A word, possibly quoted as a whole or after `=`, up to the next unquoted whitespace.
    private static func word(_ input: Substring) -> (CommandToken, Substring) {
        var value = ""
        var pending = ""  // plain characters not yet entity-decoded
        var rest = input
        var quotedWhole = false
        var sawQuote = false
        while let character = rest.first, !character.isWhitespace {
            let atStart = value.isEmpty && pending.isEmpty && !sawQuote
            if atStart || (pending.last ?? value.last) == "=", let closers = closers(for: character) {
                value += decodeEntities(pending[...])
                pending = ""
                quotedWhole = atStart
                sawQuote = true
                rest = rest.dropFirst()
                let end = rest.firstIndex { closers.contains($0) } ?? rest.endIndex
                value += decodeEntities(rest[..<end])
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
                continue
            }
            pending.append(character)
            quotedWhole = false
            rest = rest.dropFirst()
        }
        value += decodeEntities(pending[...])
        return (quotedWhole ? .quoted(value) : .word(value), rest)
    }

    private static func closers(for character: Character) -> Set<Character>? {
        if doubleQuotes.contains(character) { return doubleQuotes }
        if singleQuotes.contains(character) { return singleQuotes }
        return nil
    }

    /// Slack's `<…>` sequences. Anything that does not look like one stays ordinary text.
    private static func controlSequence(_ input: Substring) -> (CommandToken, Substring)? {
        guard let close = input.firstIndex(of: ">") else { return nil }
        let body = input[input.index(after: input.startIndex)..<close]
        guard !body.isEmpty, !body.contains(where: \.isWhitespace) || body.contains("|") else { return nil }
        let rest = input[input.index(after: close)...]
        let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let target = String(parts[0])
        let label = parts.count > 1 && !parts[1].isEmpty ? decodeEntities(parts[1]) : nil
        switch target.first {
        case "@":
            return (.user(id: String(target.dropFirst()), label: label), rest)
        case "#":
            return (.channel(id: String(target.dropFirst()), label: label), rest)
        case "!":
            // Special mentions (`<!here>`, `<!subteam^S123|@team>`) are kept as the words people see.
            return (.word(label ?? "@" + target.dropFirst()), rest)
        default:
            guard target.contains(":") else { return nil }
            return (.link(url: decodeEntities(target[...]), label: label), rest)
        }
    }

    /// Decodes the three entities Slack escapes in message text.
    static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
