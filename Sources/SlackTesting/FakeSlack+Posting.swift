import Slack
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// How strictly the fake paces `chat.postMessage`, as Slack does: one message per second per
    /// channel and a workspace-wide rate, each answered with HTTP 429 and `Retry-After` when broken.
    public struct PostingLimits: Sendable {
        /// The least time between two accepted posts to one channel; nil for no channel limit.
        public var perChannel: Duration?
        /// Accepted posts per minute across the workspace; nil for no workspace limit.
        public var workspacePerMinute: Int?
        /// Posts that may go back to back before the workspace rate applies (at least 1).
        public var workspaceBurst: Int
        /// Measures time between posts; a test passes the manual clock the code under test uses.
        public var now: @Sendable () -> Duration

        /// Creates limits measured on `clock`.
        public init(perChannel: Duration? = .seconds(1), workspacePerMinute: Int? = nil, workspaceBurst: Int = 1, clock: some Clock<Duration> = ContinuousClock()) {
            self.perChannel = perChannel
            self.workspacePerMinute = workspacePerMinute
            self.workspaceBurst = max(1, workspaceBurst)
            let start = clock.now
            self.now = { start.duration(to: clock.now) }
        }
    }

    /// A message the fake accepted with `chat.postMessage`, as `conversations.history` serves it.
    public struct PostedMessage: Sendable, Hashable {
        /// The conversation.
        public var channel: String
        /// Its timestamp.
        public var ts: String
        /// The text.
        public var text: String
        /// The `metadata` argument as sent, if any.
        public var metadata: JSONValue?
        /// When the fake accepted it, on the posting-limits clock.
        public var acceptedAt: Duration
    }

    /// Turns on posting limits (until the fake stops).
    public func limitPosting(_ limits: PostingLimits) {
        state.mutable.withLock { $0.postingLimits = limits }
    }

    /// Makes the fake's message timestamps (and `conversations.history`'s `oldest`) follow `now`,
    /// in seconds since 1970; a test with a manual clock passes the same wall time the code uses.
    public func useWallClock(_ now: @escaping @Sendable () -> Double) {
        state.mutable.withLock { $0.wallClock = now }
    }

    /// Makes `chat.postMessage` to `channel` fail with `code` every time (`channel_not_found`,
    /// `is_archived`, …), as for a channel that was deleted or archived.
    public func failPosts(to channel: String, with code: String) {
        state.mutable.withLock { $0.channelFailures[channel] = code }
    }

    /// Makes the bot a non-member of `channel`: posts and history answer `not_in_channel` until
    /// `conversations.join` (public channels only; see ``addConversation(_:)``).
    public func removeBot(from channel: String) {
        state.mutable.withLock { _ = $0.notMemberOf.insert(channel) }
    }

    /// Answers every call to `method` only `delay` after handling (and recording) it, like a slow
    /// network: a client killed in that window never learns that Slack accepted its post.
    public func delayResponses(to method: String, by delay: Duration) {
        state.mutable.withLock { $0.responseDelays[method] = delay }
    }

    /// Every message accepted, in order.
    public var postedMessages: [PostedMessage] { state.mutable.withLock { $0.posted } }

    /// Clears the fake's memory of what it has served so far: rate windows are kept.
    public func forgetPosted() {
        state.mutable.withLock { $0.posted.removeAll() }
    }
}

extension FakeSlack {
    /// The posting rules in front of `chat.postMessage`: configured channel failures, membership,
    /// then the rate limits. Returns a reply when the post is refused.
    static func postingRefusal(channel: String, state: FakeSlackState) -> FakeReply? {
        state.mutable.withLock { state -> FakeReply? in
            if let code = state.channelFailures[channel] { return .failure(code) }
            if state.notMemberOf.contains(channel) { return .failure("not_in_channel") }
            guard let limits = state.postingLimits else { return nil }
            let now = limits.now()
            var wait = Duration.zero
            if let spacing = limits.perChannel, let last = state.lastAccepted[channel], now - last < spacing {
                wait = max(wait, spacing - (now - last))
            }
            var workspaceArrival = state.workspaceArrival ?? now
            if let perMinute = limits.workspacePerMinute {
                let interval = Duration.seconds(60) / max(1, perMinute)
                let tolerance = interval * (limits.workspaceBurst - 1)
                let allowedAt = workspaceArrival - tolerance
                if now < allowedAt { wait = max(wait, allowedAt - now) }
                workspaceArrival = max(workspaceArrival, now) + interval
            }
            if wait > .zero {
                var reply = FakeReply.failure("ratelimited")
                reply.status = 429
                // Whole seconds, rounded up, as Slack sends them.
                let (seconds, attoseconds) = wait.components
                reply.retryAfter = Int(seconds) + (attoseconds > 0 ? 1 : 0)
                return reply
            }
            state.lastAccepted[channel] = now
            if limits.workspacePerMinute != nil { state.workspaceArrival = workspaceArrival }
            return nil
        }
    }

    /// Records an accepted post for `conversations.history` and returns its timestamp.
    static func recordPost(channel: String, arguments: [String: JSONValue], state: FakeSlackState) -> String {
        state.mutable.withLock { state in
            let seconds = state.wallClock?() ?? Date().timeIntervalSince1970
            var micros = Int64((seconds * 1_000_000).rounded(.down))
            if micros <= state.lastTimestampMicros { micros = state.lastTimestampMicros + 1 }
            state.lastTimestampMicros = micros
            let fraction = String(micros % 1_000_000)
            let ts = "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
            var metadata = arguments["metadata"]
            // Form-encoded posts carry metadata as a JSON string.
            if case .string(let text)? = metadata { metadata = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
            let acceptedAt = state.postingLimits?.now() ?? .zero
            state.posted.append(PostedMessage(
                channel: channel, ts: ts, text: arguments["text"]?.stringValue ?? "", metadata: metadata, acceptedAt: acceptedAt))
            return ts
        }
    }

    /// `conversations.history`: newest first, after `oldest`, `limit` per page with a cursor;
    /// metadata only with `include_all_metadata`.
    static func historyReply(arguments: [String: JSONValue], state: FakeSlackState) -> FakeReply {
        func string(_ name: String) -> String? {
            switch arguments[name] {
            case .string(let value)?: value.isEmpty ? nil : value
            case .number(let value)?: String(value)
            case .bool(let value)?: String(value)
            default: nil
            }
        }
        // Unlike posting, reading history takes conversation ids only: a name or a user id is
        // `channel_not_found`, as in Slack.
        guard let channel = string("channel"), isConversationID(channel) else { return .failure("channel_not_found") }
        return state.mutable.withLock { state -> FakeReply in
            if state.notMemberOf.contains(channel) { return .failure("not_in_channel") }
            if state.channelFailures[channel] == "channel_not_found" { return .failure("channel_not_found") }
            let oldest = string("oldest").flatMap(Double.init) ?? 0
            let limit = max(1, min(string("limit").flatMap(Int.init) ?? 100, 999))
            let offset = string("cursor").flatMap { Int($0.dropFirst("offset:".count)) } ?? 0
            let withMetadata = string("include_all_metadata") == "true" || string("include_all_metadata") == "1"
            let matching = state.posted.filter { $0.channel == channel && (Double($0.ts) ?? 0) > oldest }.reversed()
            let page = Array(matching.dropFirst(offset).prefix(limit))
            let hasMore = matching.count > offset + page.count
            let messages: [JSONValue] = page.map { message in
                var members: [String: JSONValue] = [
                    "type": .string("message"), "subtype": .string("bot_message"), "ts": .string(message.ts), "text": .string(message.text),
                    "bot_id": .string("B0FAKE"),
                ]
                if withMetadata, let metadata = message.metadata { members["metadata"] = metadata }
                return .object(members)
            }
            var body: [String: JSONValue] = ["messages": .array(messages), "has_more": .bool(hasMore)]
            if hasMore { body["response_metadata"] = .object(["next_cursor": .string("offset:\(offset + page.count)")]) }
            return .ok(body)
        }
    }

    /// `conversations.join` makes the bot a member again (public channels only).
    static func recordJoin(channel: String, state: FakeSlackState) {
        state.mutable.withLock { _ = $0.notMemberOf.remove(channel) }
    }
}
