import ChatOps
import Foundation

/// The `features.slash_commands` section of the Slack app manifest, generated from the command
/// specs so the app's commands can never drift from what the router answers.
public enum SlashCommandManifest {
    /// One slash command as Slack's app manifest describes it.
    public struct Entry: Sendable, Hashable, Codable {
        /// `/owner`.
        public var command: String
        /// The request URL; absent for Socket Mode apps.
        public var url: String?
        /// The one-line description Slack shows in its command menu.
        public var description: String
        /// The arguments hint Slack shows after the command.
        public var usageHint: String?
        /// Always true: Backline reads `<@U123|name>` and `<#C123|name>` escapes.
        public var shouldEscape: Bool

        enum CodingKeys: String, CodingKey {
            case command, url, description
            case usageHint = "usage_hint"
            case shouldEscape = "should_escape"
        }
    }

    /// Slack's length limits for the manifest fields.
    static let descriptionLimit = 100
    static let usageHintLimit = 100

    /// The entries for `specs`: each command, each alias, and the umbrella `/backline`.
    /// - Parameters:
    ///   - specs: the command specs.
    ///   - url: the request URL (`https://backline.example.com/slack/commands`), or nil for Socket Mode.
    ///   - includeUmbrella: whether to add `/backline COMMAND …` for workspaces that install one command.
    public static func entries(for specs: [CommandSpec], url: String?, includeUmbrella: Bool = true) -> [Entry] {
        var entries: [Entry] = []
        for spec in specs.sorted(by: { $0.name < $1.name }) {
            let hint = String(spec.usage.dropFirst(spec.name.count + 1)).trimmingCharacters(in: .whitespaces)
            let usageHint = hint.isEmpty ? nil : shorten(hint, to: usageHintLimit)
            entries.append(Entry(command: "/\(spec.name)", url: url, description: shorten(spec.summary, to: descriptionLimit), usageHint: usageHint, shouldEscape: true))
            for alias in spec.aliases {
                entries.append(Entry(command: "/\(alias)", url: url, description: shorten("Same as /\(spec.name): \(spec.summary)", to: descriptionLimit), usageHint: usageHint, shouldEscape: true))
            }
        }
        if includeUmbrella, !specs.contains(where: { $0.name == Invocation.umbrellaCommand }) {
            entries.append(Entry(command: "/\(Invocation.umbrellaCommand)", url: url, description: "Any Backline command: /backline owner playlist-api", usageHint: "COMMAND [ARGUMENTS]", shouldEscape: true))
        }
        return entries
    }

    /// The entries as JSON: `{"features": {"slash_commands": [...]}}`.
    public static func json(_ entries: [Entry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(["features": ["slash_commands": entries]]), as: UTF8.self) + "\n"
    }

    /// The entries as the manifest's YAML, ready to paste under `features:`.
    public static func yaml(_ entries: [Entry]) -> String {
        var lines = ["features:", "  slash_commands:"]
        for entry in entries {
            lines.append("    - command: \(quoted(entry.command))")
            if let url = entry.url { lines.append("      url: \(quoted(url))") }
            lines.append("      description: \(quoted(entry.description))")
            if let hint = entry.usageHint { lines.append("      usage_hint: \(quoted(hint))") }
            lines.append("      should_escape: \(entry.shouldEscape)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A double-quoted YAML scalar; JSON string escaping is valid YAML.
    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    private static func shorten(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
