import Foundation
import Yams

/// Resolves Backstage's `$text`, `$json` and `$yaml` placeholders against the directory of the file
/// that holds them.
///
/// Remote URLs are not fetched: Backline reads catalogs from disk and git, so a URL placeholder is
/// a warning on its field and the URL itself is kept as the value, so the entity is not lost.
struct PlaceholderResolver: Sendable {
    enum Directive: String {
        case text = "$text"
        case json = "$json"
        case yaml = "$yaml"
    }

    struct Failure: Error {
        let message: String
        /// Whether the entity must be rejected (a missing local file) or only warned about.
        let isFatal: Bool
        /// The value to use in place of the placeholder.
        let fallback: JSONValue
    }

    /// The directory relative references resolve against.
    let baseDirectory: URL

    func resolve(_ directive: Directive, _ reference: String) -> Result<JSONValue, Failure> {
        if let scheme = reference.split(separator: ":", maxSplits: 1).first, reference.contains("://") {
            return .failure(Failure(
                message: "\(directive.rawValue) \(reference) was not fetched (\(scheme) placeholders are not read; the URL is kept as the value)",
                isFatal: false, fallback: .string(reference)))
        }
        let url = reference.hasPrefix("/") ? URL(fileURLWithPath: reference) : baseDirectory.appendingPathComponent(reference).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            return .failure(Failure(message: "\(directive.rawValue) \(reference): cannot read \(url.path)", isFatal: true, fallback: .null))
        }
        switch directive {
        case .text:
            return .success(.string(text))
        case .json:
            do {
                return .success(try JSONValue(parsingJSON: text))
            } catch {
                return .failure(Failure(message: "\(directive.rawValue) \(reference) is not valid JSON", isFatal: true, fallback: .null))
            }
        case .yaml:
            do {
                guard let node = try Yams.compose(yaml: text, .basic) else { return .success(.null) }
                // Placeholders inside the included document resolve against its own directory.
                var converter = NodeConverter(substitutions: PlaceholderResolver(baseDirectory: url.deletingLastPathComponent()))
                return .success(converter.convert(node))
            } catch {
                return .failure(Failure(message: "\(directive.rawValue) \(reference) is not valid YAML", isFatal: true, fallback: .null))
            }
        }
    }
}
