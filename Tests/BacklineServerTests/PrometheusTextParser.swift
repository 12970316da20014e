import Foundation

/// A strict reader of Prometheus' text exposition format (0.0.4), for checking what `/metrics`
/// prints: every line is a `# HELP`/`# TYPE` comment or a sample whose family was declared,
/// names and labels are well-formed, values are numbers, histograms have monotone buckets ending
/// in `le="+Inf"` equal to `_count`.
struct PrometheusText {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []

    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
                guard parts.count >= 3, parts[0] == "#" else { continue }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw ParseError(line: number, message: "bad TYPE line: \(line)")
                    }
                    guard Self.isMetricName(parts[2]) else { throw ParseError(line: number, message: "bad metric name \(parts[2])") }
                    guard types[parts[2]] == nil else { throw ParseError(line: number, message: "second TYPE for \(parts[2])") }
                    types[parts[2]] = parts[3]
                }
                continue
            }
            samples.append(try Self.sample(String(line), line: number))
        }
        for sample in samples where family(of: sample.name) == nil {
            throw ParseError(line: 0, message: "sample \(sample.name) has no TYPE line")
        }
        try checkHistograms()
    }

    /// The declared family a sample name belongs to (`x_bucket` → `x` for a histogram).
    func family(of name: String) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return nil
    }

    /// The value of the sample `name` whose labels include `labels`, summed over the rest.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }
        return matching.isEmpty ? nil : matching.map { $0.value }.reduce(0, +)
    }

    private func checkHistograms() throws {
        for (name, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == name + "_bucket" }
            let series = Dictionary(grouping: buckets) { sample in sample.labels.filter { $0.key != "le" } }
            for (labels, buckets) in series {
                let ordered = try buckets.map { bucket -> (Double, Double) in
                    guard let le = bucket.labels["le"], let bound = le == "+Inf" ? Double.infinity : Double(le) else {
                        throw ParseError(line: 0, message: "\(name) bucket without a numeric le")
                    }
                    return (bound, bucket.value)
                }.sorted { $0.0 < $1.0 }
                guard ordered.last?.0 == .infinity else { throw ParseError(line: 0, message: "\(name) has no +Inf bucket") }
                for (lower, upper) in zip(ordered, ordered.dropFirst()) where upper.1 < lower.1 {
                    throw ParseError(line: 0, message: "\(name) buckets are not cumulative")
                }
                let count = samples.first { $0.name == name + "_count" && $0.labels == labels }?.value
                guard count == ordered.last?.1 else { throw ParseError(line: 0, message: "\(name)_count differs from its +Inf bucket") }
            }
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        name.range(of: "^[a-zA-Z_:][a-zA-Z0-9_:]*$", options: .regularExpression) != nil
    }

    private static func sample(_ line: String, line number: Int) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard isMetricName(name) else { throw ParseError(line: number, message: "bad sample name in \(line)") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = String(rest.prefix { $0 != "=" })
                guard label.range(of: "^[a-zA-Z_][a-zA-Z0-9_]*$", options: .regularExpression) != nil else {
                    throw ParseError(line: number, message: "bad label name \(label)")
                }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw ParseError(line: number, message: "label \(label) has no quoted value") }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else {
                            throw ParseError(line: number, message: "bad escape in label \(label)")
                        }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw ParseError(line: number, message: "unterminated label value") }
                rest = rest.dropFirst()
                guard labels.updateValue(value, forKey: label) == nil else { throw ParseError(line: number, message: "label \(label) twice") }
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw ParseError(line: number, message: "no space before the value in \(line)") }
        let fields = rest.split(separator: " ")
        guard (1...2).contains(fields.count) else { throw ParseError(line: number, message: "bad value in \(line)") }
        let text = String(fields[0])
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value else { throw ParseError(line: number, message: "value \(text) is not a number") }
        return Sample(name: name, labels: labels, value: value)
    }
}
