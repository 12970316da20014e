import Foundation

/// A Python version as PEP 440 defines it: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`.
///
/// Parsing normalises the spellings the specification allows (case, `alpha`/`beta`/`c`/`pre`/
/// `preview`, `-`/`_`/`.` separators, implicit numbers, `rev`/`r`/`-N` post-releases, a leading
/// `v`), so equal versions compare equal whatever their spelling: `1.0 == 1.0.0`, `1.1-a1 == 1.1a1`.
public struct PEP440Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The pre-release phase, in the specification's order.
    public enum Phase: Int, Sendable, Hashable, Comparable {
        /// `a`, `alpha`.
        case alpha
        /// `b`, `beta`.
        case beta
        /// `rc`, `c`, `pre`, `preview`.
        case candidate

        /// Orders alpha < beta < release candidate.
        public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }

        var spelling: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .candidate: "rc"
            }
        }
    }

    /// One dot-separated part of a local label: numbers sort above words.
    public enum LocalSegment: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// A word, compared case-insensitively (it is stored lower-cased).
        case word(String)
        /// A number.
        case number(UInt64)

        /// Words below numbers; words lexically, numbers numerically.
        public static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
            switch (lhs, rhs) {
            case (.word(let a), .word(let b)): a < b
            case (.number(let a), .number(let b)): a < b
            case (.word, .number): true
            case (.number, .word): false
            }
        }

        /// The segment as normalised.
        public var description: String {
            switch self {
            case .word(let word): word
            case .number(let number): String(number)
            }
        }
    }

    /// The epoch (`N!`), 0 when absent.
    public var epoch: UInt64
    /// The release numbers, as written (trailing zeros kept for display; ignored when comparing).
    public var release: [UInt64]
    /// The pre-release phase and number.
    public var pre: (phase: Phase, number: UInt64)?
    /// The post-release number.
    public var post: UInt64?
    /// The development release number.
    public var dev: UInt64?
    /// The local version label's segments; empty for a public version.
    public var local: [LocalSegment]

    /// Parses and normalises; nil when the text is not a PEP 440 version.
    public init?(_ text: String) {
        var scanner = PEP440Scanner(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        guard let parsed = scanner.parseVersion(), scanner.isAtEnd else { return nil }
        self = parsed
    }

    init(epoch: UInt64, release: [UInt64], pre: (phase: Phase, number: UInt64)?, post: UInt64?, dev: UInt64?, local: [LocalSegment]) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
    }

    /// True for a pre-release or a development release (PEP 440 treats both as pre-releases).
    public var isPrerelease: Bool { pre != nil || dev != nil }

    /// True when the version carries a post-release number.
    public var isPostRelease: Bool { post != nil }

    /// The version without its local label.
    public var publicVersion: PEP440Version {
        PEP440Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: [])
    }

    /// The normalised form (`1!2.0rc1.post3.dev4+ubuntu.1`).
    public var description: String {
        var text = epoch == 0 ? "" : "\(epoch)!"
        text += release.map(String.init).joined(separator: ".")
        if let pre { text += "\(pre.phase.spelling)\(pre.number)" }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if !local.isEmpty { text += "+" + local.map(\.description).joined(separator: ".") }
        return text
    }

    /// The release with trailing zeros dropped: `1.0 == 1.0.0`.
    var trimmedRelease: ArraySlice<UInt64> {
        var end = release.count
        while end > 1, release[end - 1] == 0 { end -= 1 }
        return release[..<end]
    }

    /// The specification's sort key, laid out so tuples compare in its order.
    private var key: SortKey {
        // A bare `.devN` (no pre, no post) sorts before the release's alpha: `1.0.dev1 < 1.0a1`.
        let preKey: (Int, UInt64) = if let pre { (pre.phase.rawValue, pre.number) } else if post == nil && dev != nil { (-1, 0) } else { (3, 0) }
        return SortKey(
            epoch: epoch, release: Array(trimmedRelease), pre: preKey,
            post: post.map { (1, $0) } ?? (0, 0), dev: dev.map { (0, $0) } ?? (1, 0), local: local)
    }

    private struct SortKey {
        let epoch: UInt64
        let release: [UInt64]
        let pre: (Int, UInt64)
        let post: (Int, UInt64)
        let dev: (Int, UInt64)
        let local: [LocalSegment]
    }

    /// Orders by epoch, release (zero-padded), pre, post, dev, then local label.
    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool { compare(lhs, rhs) < 0 }

    /// Equal under the specification's ordering (spelling and trailing zeros do not matter).
    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool { compare(lhs, rhs) == 0 }

    /// Hashes the parts the ordering looks at.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(trimmedRelease))
        hasher.combine(pre?.phase)
        hasher.combine(pre?.number)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    static func compare(_ lhs: PEP440Version, _ rhs: PEP440Version) -> Int {
        let a = lhs.key, b = rhs.key
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        if a.release != b.release { return a.release.lexicographicallyPrecedes(b.release) ? -1 : 1 }
        if a.pre != b.pre { return a.pre < b.pre ? -1 : 1 }
        if a.post != b.post { return a.post < b.post ? -1 : 1 }
        if a.dev != b.dev { return a.dev < b.dev ? -1 : 1 }
        if a.local != b.local {
            // No local label sorts before any; otherwise segment-wise, the longer wins a tie.
            return a.local.lexicographicallyPrecedes(b.local) ? -1 : 1
        }
        return 0
    }
}

/// Reads PEP 440's permissive spellings left to right (the text is already lower-cased).
struct PEP440Scanner {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { position == characters.count }

    private var current: Character? { position < characters.count ? characters[position] : nil }

    mutating func parseVersion() -> PEP440Version? {
        if current == "v" { position += 1 }
        var epoch: UInt64 = 0
        let start = position
        if let number = readNumber(), current == "!" {
            epoch = number
            position += 1
        } else {
            position = start
        }
        guard let first = readNumber() else { return nil }
        var release = [first]
        while current == ".", position + 1 < characters.count, characters[position + 1].isVersionDigit {
            position += 1
            guard let next = readNumber() else { return nil }
            release.append(next)
        }
        let pre = readPre()
        let post = readPost()
        let dev = readDev()
        var local: [PEP440Version.LocalSegment] = []
        if current == "+" {
            position += 1
            guard let segments = readLocal() else { return nil }
            local = segments
        }
        return PEP440Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// Digits as a number; nil (position unchanged) when there are none or they overflow.
    private mutating func readNumber() -> UInt64? {
        let start = position
        while let character = current, character.isVersionDigit { position += 1 }
        guard position > start, let value = UInt64(String(characters[start..<position])) else {
            position = start
            return nil
        }
        return value
    }

    private mutating func readWord(_ words: [String]) -> String? {
        for word in words.sorted(by: { $0.count > $1.count }) {
            let end = position + word.count
            if end <= characters.count, String(characters[position..<end]) == word {
                position = end
                return word
            }
        }
        return nil
    }

    private mutating func skipSeparator() -> Bool {
        if let character = current, "-_.".contains(character) {
            position += 1
            return true
        }
        return false
    }

    private mutating func readPre() -> (phase: PEP440Version.Phase, number: UInt64)? {
        let start = position
        _ = skipSeparator()
        guard let word = readWord(["alpha", "beta", "preview", "pre", "rc", "a", "b", "c"]) else {
            position = start
            return nil
        }
        let phase: PEP440Version.Phase = switch word {
        case "a", "alpha": .alpha
        case "b", "beta": .beta
        default: .candidate
        }
        return (phase, readImplicitNumber())
    }

    private mutating func readPost() -> UInt64? {
        let start = position
        // `1.0-1` is the implicit post-release spelling.
        if current == "-", position + 1 < characters.count, characters[position + 1].isVersionDigit {
            position += 1
            return readNumber()
        }
        _ = skipSeparator()
        guard readWord(["post", "rev", "r"]) != nil else {
            position = start
            return nil
        }
        return readImplicitNumber()
    }

    /// The development release number; nil when there is none.
    private mutating func readDev() -> UInt64? {
        let start = position
        _ = skipSeparator()
        guard readWord(["dev"]) != nil else {
            position = start
            return nil
        }
        return readImplicitNumber()
    }

    /// An optional separator then an optional number; an absent number is 0 (`1.2a` → `1.2a0`).
    private mutating func readImplicitNumber() -> UInt64 {
        let start = position
        _ = skipSeparator()
        if let number = readNumber() { return number }
        position = start
        return 0
    }

    private mutating func readLocal() -> [PEP440Version.LocalSegment]? {
        var segments: [PEP440Version.LocalSegment] = []
        var text = ""
        func flush() -> Bool {
            guard !text.isEmpty else { return false }
            if text.allSatisfy(\.isVersionDigit), let number = UInt64(text) {
                segments.append(.number(number))
            } else {
                segments.append(.word(text))
            }
            text = ""
            return true
        }
        while let character = current {
            if character.isASCII && (character.isLetter || character.isNumber) {
                text.append(character)
            } else if "-_.".contains(character) {
                guard flush() else { return nil }
            } else {
                return nil
            }
            position += 1
        }
        guard flush() else { return nil }
        return segments
    }
}
