import Foundation

/// Finds the release cycle a runtime version belongs to: `20.11.1` → `20`, `3.12.4` → `3.12`,
/// `8` → `8.0`, `lts/iron` → the cycle codenamed Iron, `bullseye` → Debian `11`.
enum CycleMatcher {
    enum Match {
        /// The cycle the version belongs to.
        case cycle(EOLCycle)
        /// The version is older than every cycle in the data; the oldest is given.
        case olderThanAll(EOLCycle)
        /// Nothing matched, with the reason for people.
        case none(String)
    }

    /// What a pin string says once its decorations are removed.
    enum Reading: Equatable {
        case numbers([UInt64])
        case codename(String)
        /// `lts/*` (nil) or `lts/<codename>`.
        case lts(String?)
        case nothing
    }

    static func match(version: String, product: String, cycles: [EOLCycle], on day: CalendarDay) -> Match {
        switch read(version, product: product) {
        case .nothing:
            return .none("\"\(version)\" names no \(product) version")
        case .lts(let codename?), .codename(let codename):
            if let cycle = cycles.first(where: { $0.codename?.lowercased() == codename }) { return .cycle(cycle) }
            let known = product == "debian" ? ContainerImageReference.debianCodenames[codename]
                : product == "ubuntu" ? ContainerImageReference.ubuntuCodenames[codename] : nil
            if let known, let numbers = numbers(known) { return match(numbers: numbers, version: version, product: product, cycles: cycles) }
            return .none("no \(product) cycle is codenamed \"\(codename)\"")
        case .lts(nil):
            // `lts/*`: the newest line that is LTS by then.
            let released = cycles.filter { $0.isLTS(on: day) && ($0.releaseDate.map { $0 <= day } ?? true) }
            if let newest = released.first { return .cycle(newest) }
            return .none("no \(product) cycle is marked LTS in the data")
        case .numbers(let numbers):
            return match(numbers: numbers, version: version, product: product, cycles: cycles)
        }
    }

    private static func match(numbers: [UInt64], version: String, product: String, cycles: [EOLCycle]) -> Match {
        let numeric = cycles.compactMap { cycle in Self.numbers(cycle.cycle).map { (cycle, $0) } }
        // The longest cycle whose numbers start the version: `3.12` for `3.12.4`.
        let containing = numeric.filter { $0.1.count <= numbers.count && Array(numbers.prefix($0.1.count)) == $0.1 }
        if let best = containing.max(by: { $0.1.count < $1.1.count }) { return .cycle(best.0) }
        // A shorter version names the newest cycle it starts: `8` → `8.0`, `3` → the newest 3.x.
        let within = numeric.filter { numbers.count < $0.1.count && Array($0.1.prefix(numbers.count)) == numbers }
        if let newest = within.max(by: { $0.1.lexicographicallyPrecedes($1.1) }) { return .cycle(newest.0) }
        if let oldest = numeric.min(by: { $0.1.lexicographicallyPrecedes($1.1) }), numbers.lexicographicallyPrecedes(oldest.1) {
            return .olderThanAll(oldest.0)
        }
        return .none("no \(product) cycle in the data matches \(version)")
    }

    /// Strips what tools and people put around a version.
    static func read(_ text: String, product: String) -> Reading {
        var value = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        if value.hasPrefix("lts") {
            let codename = value.dropFirst(3).drop { $0 == "/" || $0 == "-" }
            return codename.isEmpty || codename == "*" ? .lts(nil) : .lts(String(codename))
        }
        for prefix in ["\(product)-", "ruby-", "python-", "node-", "jdk-", "go", "v"] where value.hasPrefix(prefix) {
            let rest = value.dropFirst(prefix.count)
            if rest.first?.isVersionDigit == true { value = rest }
        }
        // A range (`>=18`, `^3.11`, `~> 3.2`): its lowest named version is the oldest runtime it admits.
        guard let start = value.firstIndex(where: \.isVersionDigit) else {
            let word = value.prefix { $0.isLetter }
            return word.isEmpty || word.count != value.count || ["node", "stable", "latest", "current", "system"].contains(String(word))
                ? .nothing : .codename(String(word))
        }
        let prefix = value[..<start]
        guard prefix.allSatisfy({ "<>=^~! ".contains($0) }) else { return .nothing }
        let digits = value[start...].prefix { $0.isVersionDigit || $0 == "." }
        guard var numbers = numbers(String(digits.hasSuffix(".") ? digits.dropLast() : digits)) else { return .nothing }
        // Java's legacy `1.8` is 8.
        if ["java", "eclipse-temurin", "amazon-corretto"].contains(product), numbers.count > 1, numbers[0] == 1 { numbers.removeFirst() }
        return .numbers(numbers)
    }

    /// `3.12` → `[3, 12]`; nil when any part is not a number.
    static func numbers(_ text: String) -> [UInt64]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isVersionDigit), let number = UInt64(part) else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// Orders cycle names: numerically part by part when numeric, as text otherwise.
    static func compare(_ a: String, _ b: String) -> Int {
        if let x = numbers(a), let y = numbers(b) {
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        }
        return a == b ? 0 : (a < b ? -1 : 1)
    }
}
