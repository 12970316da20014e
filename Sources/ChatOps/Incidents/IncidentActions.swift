import Foundation
/// What incident handling needs from the chat platform. BacklineServer implements it over the
/// Slack Web API; tests can use the fake Slack through that implementation.
public protocol IncidentActions: Sendable {
    /// A conversation's name, topic, purpose and whether it is archived.
    func channel(_ id: String) async throws -> IncidentChannel
    /// Creates a public channel for a declared incident.
    func createChannel(named name: String) async throws -> IncidentChannel
    /// Joins a public conversation, so the bot can invite people there and hears its messages.
    func join(_ channel: String) async throws
    /// Invites people to a conversation, in one call.
    func invite(_ userIDs: [String], to channel: String) async throws
    /// Posts a message in a conversation.
    func post(_ reply: Reply, to channel: String) async throws
}

/// A chat conversation as incident handling sees it.
public struct IncidentChannel: Sendable, Hashable {
    /// The conversation id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its topic; empty when unset.
    public var topic: String
    /// Its purpose; empty when unset.
    public var purpose: String
    /// Whether it is archived (nobody can be invited and nothing posted).
    public var isArchived: Bool

    /// Creates a channel.
    public init(id: String, name: String, topic: String = "", purpose: String = "", isArchived: Bool = false) {
        self.id = id
        self.name = name
        self.topic = topic
        self.purpose = purpose
        self.isArchived = isArchived
    }
}

/// A chat platform call failed; `code` is the platform's error (`is_archived`, `user_not_found`).
public struct IncidentActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The platform's error code.
    public var code: String

    /// Creates an error.
    public init(code: String) { self.code = code }

    public var description: String { code }
}

/// Which channel names start an incident when the channel is created: a glob where `*` stands for
/// any run of characters (`inc-*`, `*-incident`).
public struct ChannelPattern: Sendable, Hashable, CustomStringConvertible {
    /// The glob.
    public var glob: String

    /// Creates a pattern.
    public init(_ glob: String) { self.glob = glob.lowercased() }

    /// The default, `inc-*`.
    public static let incidents = ChannelPattern("inc-*")

    /// Whether `name` matches.
    public func matches(_ name: String) -> Bool {
        let parts = glob.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(name.lowercased())
        guard parts.count > 1 else { return rest == glob }
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }

    public var description: String { glob }
}
