import Foundation
import Slack

/// Turns the channel an outbox message is addressed to into the conversation id Slack's reading
/// methods need. `chat.postMessage` takes a name (`#squad-playlists`, what `slack.com/bot-notify`
/// annotations usually hold) or a user id (the app's DM), but `conversations.history` takes
/// conversation ids only, so without this a message whose send outcome is unknown could not be
/// looked up and would be posted again.
///
/// Names are read from `conversations.list` (public and private channels, archived ones left out,
/// every page) and kept for ``maxAge``; a name not found reloads the list at most once per
/// ``missRetry``, so a channel created a minute ago is found without a Tier 2 call per message.
/// User ids are opened with `conversations.open`.
actor SlackConversationDirectory {
    /// What resolving one address came to.
    enum Resolution: Sendable, Equatable {
        /// The conversation id.
        case id(String)
        /// Slack does not list a channel of that name (deleted, archived, or private without the bot).
        case unknown(String)
        /// Slack could not be asked now (rate limit, network, missing scope).
        case failed(String)
    }

    /// What kind of address a message carries.
    enum Address: Sendable, Equatable {
        case conversation(String)
        case user(String)
        case name(String)

        init(_ raw: String) {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if Self.isID(text, prefixes: "CGD") {
                self = .conversation(text)
            } else if Self.isID(text, prefixes: "UW") {
                self = .user(text)
            } else {
                // Slack channel names are lower case; `#` is how people write them.
                self = .name((text.hasPrefix("#") ? String(text.dropFirst()) : text).lowercased())
            }
        }

        /// Slack ids are an upper-case type letter followed by upper-case letters and digits;
        /// channel names never contain upper case, so the two cannot be confused.
        private static func isID(_ text: String, prefixes: String) -> Bool {
            guard let first = text.first, prefixes.contains(first), text.count >= 2 else { return false }
            return text.dropFirst().allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        }
    }

    let slack: SlackWebAPIClient
    let now: @Sendable () -> Date
    /// How long a loaded list is trusted (channels are renamed rarely).
    let maxAge: TimeInterval
    /// The least time between two reloads caused by a name that was not found.
    let missRetry: TimeInterval
    /// Answers of `conversations.list` that asking again soon will not change.
    static let refusals: Set<String> = ["missing_scope", "not_allowed_token_type", "invalid_arguments", "access_denied", "team_access_not_granted", "no_permission"]
    /// The most pages one load reads (1,000 channels each at best): a bound on a hostile or huge workspace.
    static let maxPages = 200

    private var byName: [String: String] = [:]
    private var loadedAt: Date?
    private var lastAttempt: Date?
    private var lastFailure: String?
    private var lastRefusal: String?
    private var loading: Task<[String: String], any Error>?
    private var directMessages: [String: String] = [:]

    init(slack: SlackWebAPIClient, now: @escaping @Sendable () -> Date, maxAge: TimeInterval = 3600, missRetry: TimeInterval = 60) {
        self.slack = slack
        self.now = now
        self.maxAge = maxAge
        self.missRetry = missRetry
    }

    /// The conversation id for `address` (an id, a user id, or a channel name).
    func resolve(_ address: String) async -> Resolution {
        switch Address(address) {
        case .conversation(let id):
            return .id(id)
        case .user(let user):
            if let id = directMessages[user] { return .id(id) }
            do {
                let id = try await slack.openDirectMessage(user: user)
                directMessages[user] = id
                return .id(id)
            } catch let error as SlackAPIError where ["user_not_found", "user_disabled", "cannot_dm_bot"].contains(error.code) {
                return .unknown(error.code)
            } catch {
                return .failed("\(error)")
            }
        case .name(let name):
            if let loadedAt, now().timeIntervalSince(loadedAt) < maxAge, let id = byName[name] { return .id(id) }
            // A list read (or refused) moments ago is the answer; one that failed for now is asked
            // again at once (the worker's backoff paces that), and one being read is waited for.
            if loading == nil, lastFailure == nil, let attempted = lastAttempt, now().timeIntervalSince(attempted) < missRetry {
                return byName[name].map(Resolution.id) ?? .unknown(lastRefusal ?? name)
            }
            await reload()
            // An older list still answers for the names it had.
            if let id = byName[name] { return .id(id) }
            if let lastFailure { return .failed(lastFailure) }
            return .unknown(lastRefusal ?? name)
        }
    }

    /// Remembers what a post told: Slack answers a post to a name with the conversation id.
    func learn(name address: String, id: String) {
        if case .name(let name) = Address(address) { byName[name] = id }
    }

    /// Loads every page of the list; concurrent callers share one load.
    private func reload() async {
        let task: Task<[String: String], any Error>
        if let loading {
            task = loading
        } else {
            lastAttempt = now()
            let slack = self.slack
            task = Task {
                var names: [String: String] = [:]
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try await slack.conversationList(
                        types: [.publicChannel, .privateChannel], excludeArchived: true, limit: 1000, cursor: cursor)
                    for channel in page.channels { if let name = channel.name { names[name.lowercased()] = channel.id } }
                    cursor = page.nextCursor
                    pages += 1
                } while cursor != nil && pages < Self.maxPages
                return names
            }
            loading = task
        }
        do {
            byName = try await task.value
            loadedAt = now()
            lastFailure = nil
            lastRefusal = nil
        } catch let error as SlackAPIError where error.isInvalidToken || Self.refusals.contains(error.code) {
            // No `channels:read`/`groups:read` scope, or a bad token: asking again soon will not help.
            lastRefusal = "conversations.list refused: \(error.code)"
            lastFailure = nil
        } catch {
            lastFailure = "conversations.list: \(error)"
        }
        if loading == task { loading = nil }
    }
}
