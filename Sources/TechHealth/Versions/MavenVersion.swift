import Foundation

/// A Maven version, ordered as Maven's `ComparableVersion` orders it (the POM reference's "Version
/// Order Specification").
///
/// The text is lower-cased and split at `.`, `-` and `_` and at digit↔letter transitions (which act
/// like `-`); `-` and transitions open a nested list, so `1-1 < 1.1`. Trailing "null" items (`0`,
/// `ga`, `final`, `release`, empty) are dropped, so `1.0.0 == 1 == 1.ga`. Qualifiers order
/// `alpha < beta < milestone < rc = cr < snapshot < release < sp`, then other words lexically;
/// `a`, `b`, `m` abbreviate alpha, beta and milestone only when a digit follows (`1-a1`).
/// `_` is read as `.`, which keeps the specification's `1_0 == 1.0`.
public struct MavenVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The version as written.
    public let text: String
    let items: [MavenItem]

    /// Parses any non-empty text; Maven itself orders every string, so this fails only on empty
    /// or whitespace-only input and on characters that never appear in versions (whitespace,
    /// control characters).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) else {
            return nil
        }
        self.text = trimmed
        self.items = MavenVersionParser.parse(trimmed)
    }

    /// True when a qualifier below the release (`alpha`, `beta`, `milestone`, `rc`, `snapshot`)
    /// appears: Maven has no formal pre-release notion, this is what people mean by one.
    public var isPrerelease: Bool { Self.containsPrereleaseQualifier(items) }

    /// True for a `-SNAPSHOT` build.
    public var isSnapshot: Bool { text.lowercased().hasSuffix("snapshot") }

    /// The leading numbers (`3.2.1` of `3.2.1-rc1`), for "versions behind".
    public var numericPrefix: [UInt64] {
        var numbers: [UInt64] = []
        for item in items {
            guard case .number(let digits) = item, let value = UInt64(digits) else { break }
            numbers.append(value)
        }
        return numbers
    }

    /// The canonical form Maven prints (`1-foo` for `1.0.0-foo.0.0`).
    public var canonical: String { MavenItem.render(items) }

    /// The version as written.
    public var description: String { text }

    /// Orders as `ComparableVersion.compareTo`.
    public static func < (lhs: MavenVersion, rhs: MavenVersion) -> Bool { MavenItem.compareLists(lhs.items, rhs.items) < 0 }

    /// Equal under Maven's ordering (`1 == 1.0 == 1.ga`), whatever the spelling.
    public static func == (lhs: MavenVersion, rhs: MavenVersion) -> Bool { MavenItem.compareLists(lhs.items, rhs.items) == 0 }

    /// Hashes the canonical items, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    private static func containsPrereleaseQualifier(_ items: [MavenItem]) -> Bool {
        items.contains { item in
            switch item {
            case .word(let word): MavenItem.qualifierRank(word).map { $0 < MavenItem.releaseRank } ?? false
            case .list(let inner): containsPrereleaseQualifier(inner)
            case .number: false
            }
        }
    }
}

/// One item of a parsed Maven version: a number (digits without leading zeros, any length), a
/// qualifier word, or a nested list opened by `-` or a digit↔letter transition.
indirect enum MavenItem: Sendable, Hashable {
    case number(String)
    case word(String)
    case list([MavenItem])

    static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    static let releaseRank = 5

    /// The rank of a known qualifier; nil for other words (which sort after all of them).
    static func qualifierRank(_ word: String) -> Int? { qualifiers.firstIndex(of: word) }

    var isNull: Bool {
        switch self {
        case .number(let digits): digits == "0"
        case .word(let word): word == ""
        case .list(let items): items.isEmpty
        }
    }

    /// Compares with `other`, where nil stands for the padding the shorter side gets.
    func compare(_ other: MavenItem?) -> Int {
        switch (self, other) {
        case (.number(let digits), nil): return digits == "0" ? 0 : 1
        case (.number(let a), .number(let b)?): return Self.compareDigits(a, b)
        case (.number, .word?), (.number, .list?): return 1
        case (.word(let word), nil): return Self.compareQualifiers(word, "")
        case (.word, .number?), (.word, .list?): return -1
        case (.word(let a), .word(let b)?): return Self.compareQualifiers(a, b)
        case (.list(let items), nil):
            for item in items {
                let result = item.compare(nil)
                if result != 0 { return result }
            }
            return 0
        case (.list, .number?): return -1
        case (.list, .word?): return 1
        case (.list(let a), .list(let b)?): return Self.compareLists(a, b)
        }
    }

    static func compareLists(_ lhs: [MavenItem], _ rhs: [MavenItem]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : nil
            let right = index < rhs.count ? rhs[index] : nil
            let result: Int = if let left { left.compare(right) } else if let right { -right.compare(nil) } else { 0 }
            if result != 0 { return result }
        }
        return 0
    }

    /// Numbers of any length: fewer digits is smaller (leading zeros are already gone).
    static func compareDigits(_ a: String, _ b: String) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// Known qualifiers by rank; unknown words after them, by UTF-16 order as Java compares.
    static func compareQualifiers(_ a: String, _ b: String) -> Int {
        let left = comparable(a), right = comparable(b)
        if left == right { return 0 }
        return Array(left.utf16).lexicographicallyPrecedes(Array(right.utf16)) ? -1 : 1
    }

    private static func comparable(_ word: String) -> String {
        qualifierRank(word).map(String.init) ?? "\(qualifiers.count)-\(word)"
    }

    static func render(_ items: [MavenItem]) -> String {
        var text = ""
        for item in items {
            switch item {
            case .number(let digits):
                if !text.isEmpty { text += "." }
                text += digits
            case .word(let word):
                if !text.isEmpty { text += "." }
                text += word
            case .list(let inner):
                if !text.isEmpty { text += "-" }
                text += render(inner)
            }
        }
        return text
    }
}

/// Builds the nested item lists, following `ComparableVersion.parseVersion` (Maven 3.9).
enum MavenVersionParser {
    /// A list under construction; lists are referenced by index so nesting stays value-typed.
    private struct Builder {
        var lists: [[Entry]] = [[]]
        var stack: [Int] = [0]

        enum Entry { case item(MavenItem), child(Int) }

        var current: Int { stack[stack.count - 1] }

        mutating func add(_ item: MavenItem) { lists[current].append(.item(item)) }

        mutating func openList() {
            lists.append([])
            let index = lists.count - 1
            lists[current].append(.child(index))
            stack.append(index)
        }

        var currentIsEmpty: Bool { lists[current].isEmpty }

        /// Resolves child references and drops trailing nulls, innermost first as Maven does.
        func build(_ index: Int = 0) -> [MavenItem] {
            var items: [MavenItem] = lists[index].map { entry in
                switch entry {
                case .item(let item): item
                case .child(let child): .list(build(child))
                }
            }
            var position = items.count - 1
            while position >= 0 {
                let item = items[position]
                if item.isNull {
                    items.remove(at: position)
                } else if case .list = item {
                    // Maven keeps looking past a non-null list, so `1-ga-1` loses its `ga`.
                } else {
                    break
                }
                position -= 1
            }
            return items
        }
    }

    static func parse(_ text: String) -> [MavenItem] {
        let characters = Array(text.lowercased())
        var builder = Builder()
        var isDigit = false
        var start = 0
        for (index, character) in characters.enumerated() {
            if character == "." || character == "_" || character == "-" {
                builder.add(index == start ? .number("0") : item(characters[start..<index], isDigit: isDigit, followedByDigit: false))
                start = index + 1
                if character == "-" { builder.openList() }
            } else if character.isVersionDigit {
                if !isDigit && index > start {
                    if !builder.currentIsEmpty { builder.openList() }
                    builder.add(item(characters[start..<index], isDigit: false, followedByDigit: true))
                    start = index
                    builder.openList()
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    builder.add(item(characters[start..<index], isDigit: true, followedByDigit: false))
                    start = index
                    builder.openList()
                }
                isDigit = false
            }
        }
        if characters.count > start {
            if !isDigit && !builder.currentIsEmpty { builder.openList() }
            builder.add(item(characters[start...], isDigit: isDigit, followedByDigit: false))
        }
        return builder.build()
    }

    private static func item(_ characters: ArraySlice<Character>, isDigit: Bool, followedByDigit: Bool) -> MavenItem {
        let text = String(characters)
        if isDigit {
            let stripped = text.drop(while: { $0 == "0" })
            return .number(stripped.isEmpty ? "0" : String(stripped))
        }
        var word = text
        if followedByDigit && word.count == 1 {
            switch word {
            case "a": word = "alpha"
            case "b": word = "beta"
            case "m": word = "milestone"
            default: break
            }
        }
        switch word {
        case "ga", "final", "release": word = ""
        case "cr": word = "rc"
        default: break
        }
        return .word(word)
    }
}
