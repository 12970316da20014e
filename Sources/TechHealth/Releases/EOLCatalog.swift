import Foundation
import Yams

/// End-of-life data read from `eol.yaml`: runtime (endoflife.date product name) → cycles, with
/// endoflife.date's field names.
///
/// ```yaml
/// nodejs:
///   - {cycle: "20", releaseDate: 2023-04-18, eol: 2026-04-30, latest: 20.19.5, codename: Iron}
/// ```
public struct EOLCatalog: Sendable {
    /// Cycles per product, newest first as endoflife.date lists them.
    public let products: [String: [EOLCycle]]

    /// Days before an end-of-life date when a cycle counts as "ending soon", unless a call says otherwise.
    public static let defaultWarningDays = 90

    /// A catalog with no data.
    public static let empty = EOLCatalog(products: [:])

    /// Builds a catalog from cycles already in hand.
    public init(products: [String: [EOLCycle]]) {
        self.products = products.mapValues { cycles in cycles.sorted { CycleMatcher.compare($0.cycle, $1.cycle) > 0 } }
    }

    /// Parses `eol.yaml` text; `file` names it in errors.
    public init(yaml: String, file: String = "eol.yaml") throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile(text: yaml, file: file))
    }

    /// Reads `eol.yaml` from disk.
    public init(contentsOf url: URL) throws(HealthDataError) {
        try self.init(reading: HealthYAMLFile.load(url))
    }

    private init(reading file: HealthYAMLFile) throws(HealthDataError) {
        var products: [String: [EOLCycle]] = [:]
        for (product, _, cyclesNode) in try file.rootMapping() {
            var cycles: [EOLCycle] = []
            for node in try file.sequence(cyclesNode, what: product) {
                cycles.append(try Self.cycle(node, product: product, file: file))
            }
            products[product.lowercased()] = cycles
        }
        self.init(products: products)
    }

    private static func cycle(_ node: Node, product: String, file: HealthYAMLFile) throws(HealthDataError) -> EOLCycle {
        var cycle = EOLCycle(cycle: "")
        var hasCycle = false
        func mark(_ value: Node, _ key: String) throws(HealthDataError) -> EOLMark? {
            guard let text = try file.scalar(value, what: key) else { return nil }
            switch text.lowercased() {
            case "true": return .flag(true)
            case "false": return .flag(false)
            default:
                guard let day = CalendarDay(text) else { throw file.error("\(key) \"\(text)\" is neither a YYYY-MM-DD date nor true/false", at: value) }
                return .day(day)
            }
        }
        for (key, keyNode, value) in try file.mapping(node, what: "a cycle of \(product)") {
            switch key {
            case "cycle", "releaseCycle":
                guard let text = try file.scalar(value, what: key), !text.isEmpty else { throw file.error("cycle is empty", at: value) }
                cycle.cycle = text
                hasCycle = true
            case "releaseDate": cycle.releaseDate = try file.day(value, what: key)
            case "eol": cycle.eol = try mark(value, key)
            case "latest": cycle.latest = try file.scalar(value, what: key)
            case "latestReleaseDate": cycle.latestReleaseDate = try file.day(value, what: key)
            case "lts": cycle.lts = try mark(value, key)
            case "support", "eoas": cycle.support = try mark(value, key)
            case "extendedSupport", "eoes": cycle.extendedSupport = try mark(value, key)
            case "discontinued": cycle.discontinued = try mark(value, key)
            case "codename": cycle.codename = try file.scalar(value, what: key)
            case "link", "label", "note": continue
            default: throw file.error("unknown field \"\(key)\" in a cycle of \(product)", at: keyNode)
            }
        }
        guard hasCycle else { throw file.error("a cycle of \(product) has no cycle field", at: node) }
        return cycle
    }

    /// The cycles of a product (aliases such as `node`, `java`, `golang`, `postgres` accepted).
    public func cycles(of product: String) -> [EOLCycle]? {
        for name in Self.candidates(for: product) {
            if let cycles = products[name] { return cycles }
        }
        return nil
    }

    /// Where a runtime pin stands on `now`: the runtime's cycle and its status.
    ///
    /// Understands `20`, `20.11.1`, `v20`, `lts/iron`, `lts/*`, `3.12`, `21-jre`, `1.8`, `8u392`,
    /// `>=18` (the lowest version the range admits), `go1.22`, `ruby-3.3.5`, `3.3.5p100`, and image
    /// references (`node:20-alpine`) when `runtime` is `docker` or the version is one.
    public func assess(runtime: String, version: String, now: Date, warningDays: Int = defaultWarningDays) -> EOLAssessment {
        if let image = Self.imageReference(runtime: runtime, version: version) {
            return assess(image: image, now: now, warningDays: warningDays).runtime
        }
        return assess(product: runtime, version: version, on: CalendarDay(now), warningDays: warningDays)
    }

    /// The runtime and the OS an image reference names, each assessed on `now`.
    public func assess(image: ContainerImageReference, now: Date, warningDays: Int = defaultWarningDays)
        -> (runtime: EOLAssessment, operatingSystem: EOLAssessment?)
    {
        let day = CalendarDay(now)
        let os = image.operatingSystem.map { assess(product: $0.product, version: $0.version, on: day, warningDays: warningDays) }
        guard let runtime = image.runtime else {
            let unknown = EOLAssessment(
                product: nil, version: image.tag, status: .unknown,
                note: "no end-of-life data for the image \(image.repository)")
            return (unknown, os)
        }
        let assessment = assess(product: runtime.product, version: runtime.version, on: day, warningDays: warningDays)
        // For an OS image the runtime is the OS; do not report it twice.
        return (assessment, ContainerImageReference.operatingSystems.contains(runtime.product) ? nil : os)
    }

    /// The image a pin names, when it names one.
    static func imageReference(runtime: String, version: String) -> ContainerImageReference? {
        let lowered = runtime.lowercased()
        if lowered == "docker" || lowered == "image" { return ContainerImageReference(version) }
        if version.contains(":"), !version.hasPrefix("lts") { return ContainerImageReference(version) }
        return nil
    }

    func assess(product requested: String, version: String, on day: CalendarDay, warningDays: Int) -> EOLAssessment {
        let product = Self.candidates(for: requested).first { products[$0] != nil }
        guard let product, let cycles = products[product], !cycles.isEmpty else {
            return EOLAssessment(product: nil, version: version, status: .unknown, note: "no end-of-life data for \"\(requested)\"")
        }
        switch CycleMatcher.match(version: version, product: product, cycles: cycles, on: day) {
        case .cycle(let cycle):
            return Self.status(of: cycle, product: product, version: version, on: day, warningDays: warningDays)
        case .olderThanAll(let oldest):
            if let eol = oldest.eol, eol.holds(on: day) {
                return EOLAssessment(
                    product: product, version: version, status: .endOfLife, inferred: true,
                    note: "older than \(product) \(oldest.cycle), the oldest cycle in the data, which reached end of life")
            }
            return EOLAssessment(product: product, version: version, status: .unknown, note: "older than any \(product) cycle in the data")
        case .none(let reason):
            return EOLAssessment(product: product, version: version, status: .unknown, note: reason)
        }
    }

    static func status(of cycle: EOLCycle, product: String, version: String, on day: CalendarDay, warningDays: Int) -> EOLAssessment {
        var assessment = EOLAssessment(product: product, version: version, cycle: cycle.cycle, status: .unknown, latest: cycle.latest)
        switch cycle.eol {
        case .day(let date)?:
            let days = day.days(to: date)
            assessment.eolDate = date
            assessment.daysLeft = days
            assessment.status = days <= 0 ? .endOfLife : (days <= warningDays ? .endingSoon : .supported)
        case .flag(true)?: assessment.status = .endOfLife
        case .flag(false)?: assessment.status = .supported
        case nil: assessment.note = "\(product) \(cycle.cycle) has no end-of-life date in the data"
        }
        return assessment
    }

    /// Product names to try, most specific first (`java` has no data of its own on
    /// endoflife.date: the Temurin builds stand in for it).
    public static func candidates(for product: String) -> [String] {
        let name = product.lowercased()
        switch name {
        case "node", "nodejs", "node.js": return ["nodejs"]
        case "golang", "go": return ["go"]
        case "postgres", "postgresql": return ["postgresql"]
        case "java", "jdk", "jre", "openjdk", "temurin", "eclipse-temurin": return ["eclipse-temurin", "java"]
        case "amazoncorretto", "amazon-corretto", "corretto": return ["amazon-corretto", "eclipse-temurin", "java"]
        case "dotnet", ".net", "dotnet-core", "net": return ["dotnet"]
        case "python", "python3", "cpython": return ["python"]
        default: return [name]
        }
    }
}
