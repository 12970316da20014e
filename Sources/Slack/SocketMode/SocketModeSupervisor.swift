/// The supervising loop's bookkeeping: which connection is current and which wait for a replacement.
struct Supervisor {
    private var nextID = 1
    private var current: Int?
    private var awaitingReplacement: [Int] = []
    private var inboxes: [Int: AsyncStream<ConnectionSignal>.Continuation] = [:]
    private(set) var consecutiveFailures = 0

    /// Starts a connection in the client's task group and makes it current.
    mutating func start(
        url: String, in group: inout ThrowingDiscardingTaskGroup<any Error>, client: SocketModeClient,
        seen: RecentEnvelopeIDs, reports: AsyncStream<ConnectionReport>.Continuation
    ) {
        let id = nextID
        nextID += 1
        let (inbox, signals) = AsyncStream.makeStream(of: ConnectionSignal.self)
        inboxes[id] = signals
        current = id
        let connection = SocketModeConnection(id: id, client: client, seen: seen, reports: reports)
        group.addTask { await connection.run(url: url, inbox: inbox, signals: signals) }
    }

    /// The current connection said hello: the sockets it replaces can now drain and close.
    mutating func helloReceived(on id: Int) {
        guard id == current else { return }
        consecutiveFailures = 0
        for old in awaitingReplacement { inboxes[old]?.yield(.retire) }
        awaitingReplacement.removeAll()
    }

    /// Slack asked to replace `id`; returns whether a new connection should be opened.
    mutating func replacementRequested(by id: Int) -> Bool {
        guard id == current else { return false }
        awaitingReplacement.append(id)
        current = nil
        return true
    }

    /// `id` closed; returns whether it was the current one, i.e. whether to reconnect.
    mutating func ended(_ id: Int) -> Bool {
        inboxes.removeValue(forKey: id)?.finish()
        awaitingReplacement.removeAll { $0 == id }
        guard id == current else { return false }
        current = nil
        consecutiveFailures += 1
        return true
    }

    /// Asks every open connection to drain and close (graceful shutdown).
    func retireAll() {
        for inbox in inboxes.values { inbox.yield(.retire) }
    }
}
