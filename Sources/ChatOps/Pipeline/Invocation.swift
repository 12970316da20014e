import Catalog

/// One command as any transport delivers it: the command, its text and who asked where.
///
/// Every transport (Slack over HTTP or Socket Mode, Mattermost, the CLI) builds this same value,
/// so handlers never see a transport's payloads.
public struct Invocation: Sendable, Hashable {
    /// Where an invocation came from.
    public enum Source: String, Sendable, Hashable, Codable {
        case cli, slackHTTP, slackSocketMode, mattermost
    }

    /// The command name without the slash, lower-cased (`owner`).
    public var command: String
    /// Everything after the command (`playlist-api`).
    public var text: String
    /// Who asked.
    public var caller: Caller
    /// The conversation it was asked in, when there is one.
    public var channelID: String?
    /// The transport.
    public var source: Source

    /// Creates an invocation.
    public init(command: String, text: String, caller: Caller = .anonymous, channelID: String? = nil, source: Source) {
        self.command = Self.normalize(command)
        self.text = text.trimmingWhitespace()
        self.caller = caller
        self.channelID = channelID
        self.source = source
    }

    /// Reads a typed command line, `/owner playlist-api`, as the CLI and tests write it.
    public init(commandLine: String, caller: Caller = .anonymous, source: Source = .cli) {
        let trimmed = commandLine.trimmingWhitespace()
        let command = trimmed.prefix { !$0.isWhitespace }
        self.init(command: String(command), text: String(trimmed.dropFirst(command.count)), caller: caller, source: source)
    }

    private static func normalize(_ command: String) -> String {
        var name = Substring(command.trimmingWhitespace())
        while name.first == "/" { name = name.dropFirst() }
        return name.lowercased()
    }
}

/// The person behind an invocation, as far as the transport knows them.
public struct Caller: Sendable, Hashable, Codable {
    /// The chat platform's user id (`U0123ABCD`), or the local user for the CLI.
    public var userID: String?
    /// A display name, when known.
    public var name: String?
    /// The catalog User this person is, when the transport could tell (see the README's annotations).
    public var catalogUser: EntityRef?

    /// Creates a caller.
    public init(userID: String?, name: String? = nil, catalogUser: EntityRef? = nil) {
        self.userID = userID
        self.name = name
        self.catalogUser = catalogUser
    }

    /// Someone the transport could not identify.
    public static let anonymous = Caller(userID: nil)
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let characters = drop { $0.isWhitespace }
        var end = characters.endIndex
        while end > characters.startIndex, characters[characters.index(before: end)].isWhitespace {
            end = characters.index(before: end)
        }
        return String(characters[..<end])
    }
}
