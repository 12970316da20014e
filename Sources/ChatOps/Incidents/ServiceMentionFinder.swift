import Catalog

/// Finds the services a piece of incident text names: entity names, titles and declared aliases
/// (`backline.io/aliases`), matched as whole words.
///
/// Text is cut into lower-case words at anything that is not a letter or digit, so
/// `inc-playlist-api-5xx`, "the Playlist API is down" and `playlist_api` all contain the words
/// `playlist api`. A term matches where its words appear in a row; at each place the longest
/// term wins, so `playlist-api` is not also read as a service called `playlist`. One-word terms
/// that are common words (`search`, `auth`, `web`, …) are ignored, so everyday talk names nothing.
public struct ServiceMentionFinder: Sendable {
    /// A service found, and the words that named it.
    public struct Mention: Sendable, Hashable {
        /// The service.
        public var ref: EntityRef
        /// The words as they matched (`playlist api`).
        public var matched: String
    }

    struct Term: Sendable {
        let words: [String]
        let ref: EntityRef
        /// Names beat aliases beat titles when two terms have the same words.
        let rank: Int
    }

    /// The kinds incidents are about.
    public static let serviceKinds = ["component", "resource"]
    /// The annotation that declares other names for an entity, comma-separated.
    public static let aliasesAnnotation = "backline.io/aliases"

    private let termsByFirstWord: [String: [Term]]

    /// Indexes `entities`' names, titles and aliases.
    public init(entities: [StoredEntity]) {
        var index: [String: [Term]] = [:]
        for stored in entities {
            let metadata = stored.entity.metadata
            var candidates: [(String, Int)] = [(metadata.name, 0)]
            if let title = metadata.title { candidates.append((title, 2)) }
            for alias in (metadata.annotations[Self.aliasesAnnotation] ?? "").split(separator: ",") {
                candidates.append((String(alias), 1))
            }
            for (text, rank) in candidates {
                let words = Self.words(in: text)
                guard let first = words.first, Self.isDistinctive(words) else { continue }
                index[first, default: []].append(Term(words: words, ref: stored.ref, rank: rank))
            }
        }
        termsByFirstWord = index.mapValues { terms in
            terms.sorted { ($0.words.count, -$0.rank) > ($1.words.count, -$1.rank) }
        }
    }

    /// The services `text` names, in order of first appearance, each once.
    public func mentions(in text: String) -> [Mention] {
        let words = Self.words(in: text)
        var found: [Mention] = []
        var seen: Set<EntityRef> = []
        var position = 0
        while position < words.count {
            let term = termsByFirstWord[words[position]]?.first { term in
                position + term.words.count <= words.count && Array(words[position..<position + term.words.count]) == term.words
            }
            guard let term else {
                position += 1
                continue
            }
            if seen.insert(term.ref).inserted { found.append(Mention(ref: term.ref, matched: term.words.joined(separator: " "))) }
            position += term.words.count
        }
        return found
    }

    /// Lower-case words of letters and digits.
    static func words(in text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// A term is worth matching when it has several words, or one uncommon word of 3+ letters.
    static func isDistinctive(_ words: [String]) -> Bool {
        guard words.count == 1 else { return !words.isEmpty }
        let word = words[0]
        return word.count >= 3 && !word.allSatisfy(\.isNumber) && !CommonWords.all.contains(word)
    }
}
