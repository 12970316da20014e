import Catalog
import Foundation
import Synchronization

/// Whether the service should receive traffic, and if not, every reason why (`GET /readyz`).
///
/// Not ready while: the database cannot be queried or its file has gone from its path (writes
/// would land in an unlinked file and vanish at restart); the first ingest since start-up is
/// still running; no catalog source has been ingested yet (every configured source has failed
/// since start-up, so every answer would be "not found"); Socket Mode is on but not connected
/// (Slack cannot reach the service).
public final class Readiness: Sendable {
    private struct Links {
        var socketModeEnabled = false
        var socketModeConnected = false
    }

    let catalog: CatalogStore
    let databasePath: String?
    /// Its counts and parked messages are notes: a parked message is for operators to see, and
    /// does not fail readiness.
    let outbox: OutboxStore?
    /// The first ingest, when `serve` runs it in the background; nil when it ran before serving.
    let catalogLoading: CatalogLoading?
    private let links = Mutex(Links())

    /// Readiness over `catalog`, whose file is `databasePath` (nil in memory), naming the outbox's
    /// parked messages when `outbox` is given, and not ready until `catalogLoading` says loaded.
    public init(catalog: CatalogStore, databasePath: String?, outbox: OutboxStore? = nil, catalogLoading: CatalogLoading? = nil) {
        self.catalog = catalog
        self.databasePath = databasePath
        self.outbox = outbox
        self.catalogLoading = catalogLoading
    }

    /// Socket Mode will dial out; until it connects, the service is not ready.
    public func socketModeEnabled() {
        links.withLock { $0.socketModeEnabled = true }
    }

    /// The Socket Mode link came up or went down.
    public func socketModeChanged(connected: Bool) {
        links.withLock { $0.socketModeConnected = connected }
    }

    /// What `/readyz` says: ready with a summary (and notes that do not fail it), or the reasons.
    public struct Report: Sendable, Equatable {
        /// Whether to send traffic here.
        public var isReady: Bool
        /// One line per fact: the entity count and degraded sources when ready, each failing
        /// reason when not.
        public var lines: [String]
    }

    /// Checks every condition now.
    public func check() async -> Report {
        var reasons: [String] = []
        var notes: [String] = []
        if let databasePath, !FileManager.default.fileExists(atPath: databasePath) {
            reasons.append("database: \(databasePath) is missing")
        }
        do {
            let count = try await catalog.entityCount()
            notes.append("ready: \(count) entities")
            let statuses = try await catalog.sourceStatuses()
            if let catalogLoading, !catalogLoading.isLoaded {
                // The statuses are the previous run's until each source has been read again.
                reasons.append("catalog: not ingested yet (the first ingest since start-up is running)")
            } else if !statuses.isEmpty, statuses.allSatisfy({ $0.lastSuccessAt == nil }) {
                reasons.append("catalog: no source has been ingested yet (\(statuses.count) failing)")
            }
            for status in statuses where !status.isHealthy {
                notes.append(status.failure.map { "catalog source \(status.source): last refresh failed: \($0)" }
                    ?? "catalog source \(status.source): \(status.problemCount) error(s) in the last refresh")
            }
            if let outbox { notes += try await OutboxReadiness.lines(outbox) }
        } catch {
            reasons.append("database: cannot be queried: \(error)")
        }
        let links = links.withLock { $0 }
        if links.socketModeEnabled && !links.socketModeConnected {
            reasons.append("slack: Socket Mode is on but not connected")
        }
        return reasons.isEmpty ? Report(isReady: true, lines: notes) : Report(isReady: false, lines: reasons)
    }
}
