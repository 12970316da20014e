import Foundation

/// A RubyGems version, ordered as `Gem::Version#<=>`.
///
/// A `-` becomes `.pre.` (`1.0.0-rc1` is `1.0.0.pre.rc1`); segments split at dots and at
/// digit↔letter boundaries; any letter makes a pre-release; trailing zeros do not count
/// (`1.0 == 1.0.0`); a word segment sorts below a number (`1.0.a < 1.0 < 1.0.1`).
public struct GemVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One segment: a number or a word.
    public enum Segment: Sendable, Hashable, CustomStringConvertible {
        /// Digits.
        case number(UInt64)
        /// Letters.
        case word(String)

        /// The segment as written.
        public var description: String {
            switch self {
            case .number(let number): String(number)
            case .word(let word): word
            }
        }
    }

    /// The version as written (trimmed).
    public let text: String
    /// The segments after the `-` → `.pre.` rewrite.
    public let segments: [Segment]

    /// Parses the grammar `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`; blank text
    /// is `0`, as RubyGems has it. Nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let source = trimmed.isEmpty ? "0" : trimmed
        guard Self.isWellFormed(source) else { return nil }
        let rewritten = source.replacingOccurrences(of: "-", with: ".pre.")
        var segments: [Segment] = []
        var buffer = ""
        var bufferIsDigits = false
        func flush() -> Bool {
            defer { buffer = "" }
            guard !buffer.isEmpty else { return true }
            if bufferIsDigits {
                guard let number = UInt64(buffer) else { return false }
                segments.append(.number(number))
            } else {
                segments.append(.word(buffer))
            }
            return true
        }
        for character in rewritten {
            if character == "." {
                guard flush() else { return nil }
                continue
            }
            let isDigit = character.isVersionDigit
            if !buffer.isEmpty && isDigit != bufferIsDigits { guard flush() else { return nil } }
            bufferIsDigits = isDigit
            buffer.append(character)
        }
        guard flush() else { return nil }
        self.text = source
        self.segments = segments
    }

    /// True when any segment is a word.
    public var isPrerelease: Bool { segments.contains { if case .word = $0 { true } else { false } } }

    /// The leading numeric segments, the "release" part.
    public var releaseNumbers: [UInt64] {
        var numbers: [UInt64] = []
        for segment in segments {
            guard case .number(let number) = segment else { break }
            numbers.append(number)
        }
        return numbers
    }

    /// The version as written.
    public var description: String { text }

    /// Segments with trailing zeros dropped from the release part and from the pre-release part,
    /// as `canonical_segments` does (`1.0.0.a.0` → `[1, "a"]`).
    var canonicalSegments: [Segment] {
        let split = segments.firstIndex { if case .word = $0 { true } else { false } } ?? segments.count
        func trimmed(_ part: ArraySlice<Segment>) -> [Segment] {
            var result = Array(part)
            while let last = result.last, case .number(0) = last { result.removeLast() }
            return result
        }
        return trimmed(segments[..<split]) + trimmed(segments[split...])
    }

    /// The next "pessimistic" bound: drop pre-release segments, drop the last segment when more
    /// than one remains, then increment the last (`~> 2.2.0` admits up to `2.3`).
    var bumped: GemVersion {
        var numbers = releaseNumbers
        if numbers.count > 1 { numbers.removeLast() }
        if numbers.isEmpty { numbers = [0] }
        // Saturate rather than trap on an absurd 20-digit segment: files are untrusted input.
        numbers[numbers.count - 1] = numbers[numbers.count - 1] == .max ? .max : numbers[numbers.count - 1] + 1
        return GemVersion(numbers.map(String.init).joined(separator: ".")) ?? self
    }

    /// The release part only (`1.0.0.pre.rc1` → `1.0.0`).
    var release: GemVersion { GemVersion(releaseNumbers.map(String.init).joined(separator: ".")) ?? self }

    /// Orders as `Gem::Version#<=>`.
    public static func < (lhs: GemVersion, rhs: GemVersion) -> Bool { compare(lhs, rhs) < 0 }

    /// Equal under RubyGems' ordering (`1.0 == 1.0.0`).
    public static func == (lhs: GemVersion, rhs: GemVersion) -> Bool { compare(lhs, rhs) == 0 }

    /// Hashes the canonical segments, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalSegments) }

    static func compare(_ lhs: GemVersion, _ rhs: GemVersion) -> Int {
        let left = lhs.canonicalSegments, right = rhs.canonicalSegments
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : .number(0)
            let b = index < right.count ? right[index] : .number(0)
            switch (a, b) {
            case (.number(let x), .number(let y)) where x != y: return x < y ? -1 : 1
            case (.word(let x), .word(let y)) where x != y: return x < y ? -1 : 1
            case (.word, .number): return -1
            case (.number, .word): return 1
            default: continue
            }
        }
        return 0
    }

    private static func isWellFormed(_ text: String) -> Bool {
        let main: Substring, suffix: Substring?
        if let dash = text.firstIndex(of: "-") {
            main = text[..<dash]
            suffix = text[text.index(after: dash)...]
        } else {
            main = Substring(text)
            suffix = nil
        }
        let parts = main.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, first.allSatisfy(\.isVersionDigit) else { return false }
        guard parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else {
            return false
        }
        if let suffix {
            let pieces = suffix.split(separator: ".", omittingEmptySubsequences: false)
            return pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
        }
        return true
    }
}
