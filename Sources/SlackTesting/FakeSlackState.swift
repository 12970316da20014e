import Slack
import Synchronization

/// Mutable state behind the fake: scripted failures, seeded data and open sockets.
final class FakeSlackState: Sendable {
    struct Mutable {
        var failures: [String: [FakeSlack.ScriptedFailure]] = [:]
        var conversations: [String: SlackConversation] = [:]
        var users: [SlackUser] = []
        var userGroups: [SlackUserGroup] = []
        var usersNotInWorkspace: Set<String> = []
        var nextID = 1
        var sockets: [Int: AsyncStream<FakeSlack.SocketCommand>.Continuation] = [:]
        var nextSocket = 1
        var nextTimestamp = 1
        var uploads: [String: FakeSlack.PendingUpload] = [:]
        var postingLimits: FakeSlack.PostingLimits?
        var lastAccepted: [String: Duration] = [:]
        var workspaceArrival: Duration?
        var wallClock: (@Sendable () -> Double)?
        var lastTimestampMicros: Int64 = 0
        var channelFailures: [String: String] = [:]
        var notMemberOf: Set<String> = []
        var posted: [FakeSlack.PostedMessage] = []
        var responseDelays: [String: Duration] = [:]
        var conversationPageSize: Int?
        var viewStack: [FakeSlack.OpenedView] = []
        var usedTriggers: Set<String> = []
    }

    let botToken: String
    let appToken: String
    let calls = Recorder<FakeSlack.WebAPICall>()
    let responseURLPosts = Recorder<FakeSlack.ResponseURLPost>()
    let socketEvents = Recorder<FakeSlack.SocketEvent>()
    let sharedFiles = Recorder<FakeSlack.SharedFile>()
    let views = Recorder<FakeSlack.OpenedView>()
    let mutable = Mutex(Mutable())

    init(botToken: String, appToken: String) {
        self.botToken = botToken
        self.appToken = appToken
    }

    /// Removes and returns the next scripted failure for `method`.
    func popFailure(for method: String) -> FakeSlack.ScriptedFailure? {
        mutable.withLock { state in
            guard var queue = state.failures[method], !queue.isEmpty else { return nil }
            let failure = queue.removeFirst()
            state.failures[method] = queue
            return failure
        }
    }

    /// A fresh id with Slack's one-letter prefix (`C`, `S`), unique within this fake.
    func nextID(_ prefix: String) -> String {
        mutable.withLock { state in
            defer { state.nextID += 1 }
            return "\(prefix)0FAKE\(String(state.nextID).leftPadded(to: 4))"
        }
    }

    /// A fresh message timestamp, unique within this fake.
    func nextTimestamp() -> String {
        mutable.withLock { state in
            defer { state.nextTimestamp += 1 }
            return "1700000000.\(String(state.nextTimestamp).leftPadded(to: 6))"
        }
    }

    func openSocket(_ commands: AsyncStream<FakeSlack.SocketCommand>.Continuation) -> (number: Int, open: Int) {
        mutable.withLock { state in
            let number = state.nextSocket
            state.nextSocket += 1
            state.sockets[number] = commands
            return (number, state.sockets.count)
        }
    }

    func closeSocket(_ number: Int) {
        mutable.withLock { $0.sockets.removeValue(forKey: number) }?.finish()
    }

    func socket(_ number: Int?) throws -> (Int, AsyncStream<FakeSlack.SocketCommand>.Continuation) {
        try mutable.withLock { state in
            guard let number = number ?? state.sockets.keys.max(), let socket = state.sockets[number] else {
                throw FakeSlackError(description: "no open Socket Mode connection \(number.map(String.init) ?? "at all")")
            }
            return (number, socket)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

extension FakeSlack {
    /// A canned failure for the next call to a method.
    public enum ScriptedFailure: Sendable, Hashable {
        /// HTTP 429 with `Retry-After: seconds` and `{"ok":false,"error":"ratelimited"}`.
        case rateLimited(retryAfter: Int)
        /// HTTP 200 with `{"ok":false,"error":code}`.
        case error(String)
        /// A bare HTTP status with a non-JSON body, like a proxy error page.
        case httpStatus(Int)
    }

    /// Makes the next call(s) to `method` fail; failures queue up in order.
    public func failNext(_ method: String, with failure: ScriptedFailure) {
        state.mutable.withLock { $0.failures[method, default: []].append(failure) }
    }

    /// Makes `conversations.info` know a conversation (posting to archived ones fails with `is_archived`).
    public func addConversation(_ conversation: SlackConversation) {
        state.mutable.withLock { $0.conversations[conversation.id] = conversation }
    }

    /// Makes `conversations.invite` refuse a user with `user_not_found`, as for someone outside the workspace.
    public func markNotInWorkspace(_ userID: String) {
        state.mutable.withLock { _ = $0.usersNotInWorkspace.insert(userID) }
    }

    /// The user groups as the fake holds them now.
    public var userGroups: [SlackUserGroup] { state.mutable.withLock { $0.userGroups } }

    /// The conversations the fake knows (seeded or created with `conversations.create`).
    public func conversation(named name: String) -> SlackConversation? {
        state.mutable.withLock { $0.conversations.values.first { $0.name == name } }
    }

    /// Makes `users.info` and `users.lookupByEmail` know a user.
    public func addUser(_ user: SlackUser) {
        state.mutable.withLock { $0.users.append(user) }
    }
}
