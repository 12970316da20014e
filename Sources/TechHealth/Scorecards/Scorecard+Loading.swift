import Foundation
import Yams

extension Scorecard {
    /// Files larger than this are refused unread: a scorecard is a page of YAML.
    public static let maximumFileBytes = 1024 * 1024

    /// The fields of a scorecard file.
    static let fileFields = ["id", "title", "description", "appliesTo", "levels", "checks"]
    /// The fields of `appliesTo`.
    static let filterFields = ["kind", "type", "lifecycle", "tag"]
    /// The fields of a check (the operators are checked separately).
    static let checkFields = ["id", "level", "title", "fact", "whenUnknown", "fix", "description"] + FactCondition.operatorNames

    /// Loads every `*.yaml`/`*.yml` scorecard in a folder, in file-name order. Stops at the first
    /// error; ``problems(inDirectory:)`` lists them all. Two files with the same scorecard id are an
    /// error naming the second.
    public static func load(directory: URL) throws(ScorecardError) -> [Scorecard] {
        var scorecards: [Scorecard] = []
        var firstFile: [String: String] = [:]
        for url in try files(in: directory) {
            let scorecard = try load(file: url)
            if let first = firstFile[scorecard.id] {
                throw ScorecardError(
                    file: url.path, line: scorecard.idLine, field: "id",
                    message: "field \"id\" is \"\(scorecard.id)\", which \(first) already uses; scorecard ids must be unique")
            }
            firstFile[scorecard.id] = url.lastPathComponent
            scorecards.append(scorecard.card)
        }
        return scorecards
    }

    /// Every file's first error in a folder, and duplicate ids, for `validate`-style listings.
    public static func problems(inDirectory directory: URL) -> [ScorecardError] {
        let urls: [URL]
        do { urls = try files(in: directory) } catch { return [error] }
        var problems: [ScorecardError] = []
        var seen: [String: String] = [:]
        for url in urls {
            do {
                let loaded = try load(file: url)
                if let first = seen[loaded.id] {
                    problems.append(ScorecardError(
                        file: url.path, line: loaded.idLine, field: "id",
                        message: "field \"id\" is \"\(loaded.id)\", which \(first) already uses; scorecard ids must be unique"))
                } else {
                    seen[loaded.id] = url.lastPathComponent
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// Loads one scorecard file; errors name it by its path.
    public init(contentsOf url: URL) throws(ScorecardError) {
        self = try Self.load(file: url).card
    }

    /// Parses and validates a scorecard from YAML text.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the name errors carry.
    public init(yaml: String, file: String) throws(ScorecardError) {
        self = try Self.parse(yaml, file: file).card
    }

    // MARK: - Reading

    /// A scorecard with the line of its id, for duplicate-id errors across files.
    struct Loaded {
        let card: Scorecard
        let idLine: Int?
        var id: String { card.id }
    }

    private static func files(in directory: URL) throws(ScorecardError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ScorecardError(file: directory.path, message: "cannot list the scorecards folder: \(error.localizedDescription)")
        }
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    private static func load(file url: URL) throws(ScorecardError) -> Loaded {
        let name = url.path
        let data: Data
        do {
            let size = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
            guard size <= maximumFileBytes else {
                throw ScorecardError(file: name, message: "larger than \(maximumFileBytes / 1024) KiB; a scorecard is a page of YAML")
            }
            data = try Data(contentsOf: url)
        } catch let error as ScorecardError {
            throw error
        } catch {
            throw ScorecardError(file: name, message: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ScorecardError(file: name, message: "is not UTF-8 text") }
        return try parse(text, file: name)
    }

    static func parse(_ text: String, file: String) throws(ScorecardError) -> Loaded {
        guard text.utf8.count <= maximumFileBytes else {
            throw ScorecardError(file: file, message: "larger than \(maximumFileBytes / 1024) KiB; a scorecard is a page of YAML")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ScorecardError(file: file, line: 1, message: "the file is empty") }
            root = node
        } catch let error as ScorecardError {
            throw error
        } catch let error as YamlError {
            throw ScorecardError(file: file, line: YAMLErrorText.line(of: error), message: "not valid YAML: \(YAMLErrorText.summary(of: error))")
        } catch {
            throw ScorecardError(file: file, message: "not valid YAML: \(error)")
        }
        let fields = try ScorecardFields(file: file, path: "", node: root)
        try fields.rejectUnknownKeys(fileFields)
        let id = try fields.requiredString("id")
        guard isIdentifier(id) else {
            throw fields.error("id", "is \"\(id)\": use lower-case letters, digits, - and _ (it names the scorecard in chat and in stored results)")
        }
        let title = try fields.requiredString("title")
        let appliesTo = try fields.node("appliesTo").map { node throws(ScorecardError) in
            try readFilter(ScorecardFields(file: file, path: "appliesTo", node: node))
        } ?? .any
        let levels = try readLevels(fields)
        guard fields.node("checks") != nil else { throw fields.missing("checks") }
        var checks: [ScorecardCheck] = []
        var checkLines: [String: Int?] = [:]
        for item in try fields.list("checks") {
            let check = try readCheck(item, levels: levels)
            if let first = checkLines[check.id] {
                throw item.error("id", "is \"\(check.id)\", which the check\(first.map { " on line \($0)" } ?? "") already uses; check ids must be unique")
            }
            checkLines[check.id] = item.line(of: "id")
            checks.append(check)
        }
        if checks.isEmpty { throw fields.error("checks", "is empty; a scorecard needs at least one check") }
        // A level without checks would be reached for free, which reads as an achievement it is not.
        for level in levels where !checks.contains(where: { $0.level == level }) {
            throw fields.error("levels", "names \"\(level)\", which no check belongs to; give it a check or remove it")
        }
        let card = Scorecard(
            id: id, title: title, description: try fields.string("description"), appliesTo: appliesTo, levels: levels, checks: checks)
        return Loaded(card: card, idLine: fields.line(of: "id"))
    }

    private static func readLevels(_ fields: ScorecardFields) throws(ScorecardError) -> [String] {
        guard fields.node("levels") != nil else { throw fields.missing("levels") }
        let levels = try fields.strings("levels")
        if levels.isEmpty { throw fields.error("levels", "is empty; list the levels lowest first (bronze, silver, gold)") }
        var seen = Set<String>()
        for level in levels {
            guard isIdentifier(level) else { throw fields.error("levels", "has \"\(level)\": use lower-case letters, digits, - and _") }
            guard seen.insert(level).inserted else { throw fields.error("levels", "names \"\(level)\" twice") }
        }
        return levels
    }

    private static func readFilter(_ fields: ScorecardFields) throws(ScorecardError) -> ScorecardFilter {
        try fields.rejectUnknownKeys(filterFields)
        return ScorecardFilter(
            kinds: try fields.strings("kind"), types: try fields.strings("type"), lifecycles: try fields.strings("lifecycle"),
            tags: try fields.strings("tag"))
    }

    private static func readCheck(_ fields: ScorecardFields, levels: [String]) throws(ScorecardError) -> ScorecardCheck {
        try fields.rejectUnknownKeys(checkFields)
        let id = try fields.requiredString("id")
        guard isIdentifier(id) else { throw fields.error("id", "is \"\(id)\": use lower-case letters, digits, - and _") }
        let level = try fields.requiredString("level")
        guard levels.contains(level) else {
            throw fields.error("level", "is \"\(level)\", which is not one of the scorecard's levels (\(levels.joined(separator: ", ")))")
        }
        let title = try fields.requiredString("title")
        let fact = try fields.requiredString("fact")
        guard let definition = ComponentFacts.definitionsByName[fact] else {
            throw fields.error("fact", "is \"\(fact)\", which is not a fact Backline computes\(suggestion(for: fact)); docs/scorecards.md lists them")
        }
        let condition = try FactConditionReader.read(fields, fact: definition)
        let whenUnknown: ScorecardCheck.UnknownFact
        if let text = try fields.string("whenUnknown") {
            guard let value = ScorecardCheck.UnknownFact(rawValue: text) else {
                throw fields.error("whenUnknown", "is \"\(text)\"; use pass, fail or skip")
            }
            whenUnknown = value
        } else {
            whenUnknown = .fail
        }
        return ScorecardCheck(
            id: id, level: level, title: title, fact: fact, condition: condition, whenUnknown: whenUnknown,
            fix: try fields.string("fix"), description: try fields.string("description"))
    }

    /// ` (did you mean "owner.exists"?)` when a known fact is close.
    private static func suggestion(for fact: String) -> String {
        let lowered = fact.lowercased()
        if let same = ComponentFacts.definitions.first(where: { $0.name.lowercased() == lowered }) { return " (did you mean \"\(same.name)\"?)" }
        let close = ComponentFacts.definitions.map(\.name).min { EditDistance.between($0.lowercased(), lowered) < EditDistance.between($1.lowercased(), lowered) }
        guard let close, EditDistance.between(close.lowercased(), lowered) <= 3 else { return "" }
        return " (did you mean \"\(close)\"?)"
    }

    /// Lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 63 characters.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}

/// Levenshtein distance, for "did you mean" on fact names (a few dozen short names).
enum EditDistance {
    static func between(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Turns Yams' parse errors into a line and a sentence.
enum YAMLErrorText {
    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: String(describing: error)
        }
    }
}
