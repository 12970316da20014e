/// "Did you mean" over entity names: a trigram index narrows 100,000 names to a few candidates,
/// then an edit distance ranks them.
///
/// Built in memory from the catalog's names; the store rebuilds it when the catalog changes.
struct SuggestionIndex: Sendable {
    private let names: [String]
    private let refsByName: [[EntityRef]]
    private let postings: [Trigram: [Int32]]

    /// How many of the best trigram matches are ranked by edit distance.
    static let candidateLimit = 200

    init(refs: [EntityRef]) {
        var refsByName: [String: [EntityRef]] = [:]
        for ref in refs { refsByName[ref.name, default: []].append(ref) }
        let names = refsByName.keys.sorted()
        var postings: [Trigram: [Int32]] = [:]
        for (index, name) in names.enumerated() {
            for trigram in Set(Trigram.all(in: name)) { postings[trigram, default: []].append(Int32(index)) }
        }
        self.names = names
        self.refsByName = names.map { refsByName[$0]!.sorted() }
        self.postings = postings
    }

    /// Up to `limit` refs whose names are closest to `query`, best first; empty when nothing is close.
    func suggestions(for query: String, limit: Int) -> [EntityRef] {
        let query = query.lowercased()
        let queryTrigrams = Set(Trigram.all(in: query))
        guard !queryTrigrams.isEmpty, !names.isEmpty else { return [] }
        let maxDistance = max(2, query.count / 3)

        // Count shared trigrams per name; one edit changes at most three trigrams.
        var shared = [UInt16](repeating: 0, count: names.count)
        var touched: [Int32] = []
        for trigram in queryTrigrams {
            for index in postings[trigram] ?? [] {
                if shared[Int(index)] == 0 { touched.append(index) }
                shared[Int(index)] &+= 1
            }
        }
        let needed = max(1, queryTrigrams.count - 3 * maxDistance)

        // Only the names sharing the most trigrams are worth an edit distance: bucket by count
        // and take the best few, so the cost stays flat however many names share a common prefix.
        var buckets = [[Int32]](repeating: [], count: queryTrigrams.count + 1)
        for index in touched where Int(shared[Int(index)]) >= needed {
            buckets[min(Int(shared[Int(index)]), queryTrigrams.count)].append(index)
        }
        var candidates: [Int32] = []
        for bucket in buckets.reversed() where candidates.count < Self.candidateLimit {
            candidates += bucket.prefix(Self.candidateLimit - candidates.count)
        }

        var scored: [(distance: Int, shared: Int, name: Int)] = []
        let queryCharacters = Array(query)
        for index in candidates {
            let name = names[Int(index)]
            let distance = name.contains(query) || query.contains(name)
                ? 1
                : EditDistance.optimalStringAlignment(queryCharacters, Array(name), limit: maxDistance)
            if distance <= maxDistance { scored.append((distance, Int(shared[Int(index)]), Int(index))) }
        }
        scored.sort { ($0.distance, -$0.shared, names[$0.name]) < ($1.distance, -$1.shared, names[$1.name]) }
        return Array(scored.lazy.flatMap { self.refsByName[$0.name] }.prefix(limit))
    }
}

/// Three consecutive characters of a name padded with spaces, so short names still have some.
struct Trigram: Hashable, Sendable {
    let a: Character, b: Character, c: Character

    static func all(in text: String) -> [Trigram] {
        let characters = [" "] + Array(text) + [" "]
        guard characters.count >= 3 else { return [] }
        return (0..<(characters.count - 2)).map { Trigram(a: characters[$0], b: characters[$0 + 1], c: characters[$0 + 2]) }
    }
}

enum EditDistance {
    /// The optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or
    /// `limit + 1` as soon as it is certain to exceed `limit`.
    static func optimalStringAlignment(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
