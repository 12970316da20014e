import Foundation

/// Release data from the offline file and the registries together, registry answers kept in
/// SQLite with a TTL.
///
/// - A fresh cached answer is served without asking (no request within the TTL).
/// - A stale one is refreshed; when the registry fails, the last answer is served and the
///   failure recorded, and the registry is not asked again for ``RegistrySettings/retryAfterFailure``.
/// - The offline file and a registry answer merge per version: the file's entries win (an
///   organisation's mirror or correction), a day the file leaves out is filled in from the
///   registry, and versions only the registry knows are added.
/// - A lookup throws only when nothing at all is known (no file entry, no cached answer) and
///   the registry failed; the measurer turns that into a note on that one dependency.
public struct RegistryReleaseSource: ReleaseSource {
    /// The offline data.
    public let offline: ReleaseCatalog
    /// The registries asked, by ecosystem.
    public let clients: [Ecosystem: any RegistryClient]
    let store: TechHealthStore
    let ttl: TimeInterval
    let retryAfterFailure: TimeInterval
    let warmUpPauses: [Ecosystem: Duration]
    let now: @Sendable () -> Date
    /// Merged answers built from fresh cache entries, kept in memory until the entry's TTL ends,
    /// so repeated `/health` answers do not decode and re-sort the same release lists.
    let memo = ReleaseMemo()

    /// Creates a source.
    /// - Parameters:
    ///   - offline: the offline `releases.yaml` data (``ReleaseCatalog/empty`` for none).
    ///   - clients: the registries to ask, by ecosystem; an ecosystem without one uses the file only.
    ///   - store: where answers are cached.
    ///   - now: the clock (tests move it to expire entries).
    public init(
        offline: ReleaseCatalog, clients: [Ecosystem: any RegistryClient], store: TechHealthStore, ttl: TimeInterval,
        retryAfterFailure: TimeInterval = 900, warmUpPauses: [Ecosystem: Duration] = [:], now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.offline = offline
        self.clients = clients
        self.store = store
        self.ttl = ttl
        self.retryAfterFailure = retryAfterFailure
        self.warmUpPauses = warmUpPauses
        self.now = now
    }

    /// A source for `settings`, HTTP registries carried by `transport`.
    public init(offline: ReleaseCatalog, settings: RegistrySettings, transport: any RegistryTransport, store: TechHealthStore,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(
            offline: offline, clients: settings.clients(transport: transport), store: store, ttl: settings.ttl,
            retryAfterFailure: settings.retryAfterFailure, warmUpPauses: settings.warmUpPauses, now: now)
    }

    /// The merged releases of a package; see the type's rules.
    public func releases(of name: String, in ecosystem: Ecosystem) async throws -> PackageReleases? {
        let fromFile = offline.lookup(name, in: ecosystem)
        guard let client = clients[ecosystem] else { return fromFile }
        let canonical = PackageName.normalised(name, in: ecosystem)
        let memoKey = "\(ecosystem.rawValue)\u{0}\(canonical)"
        if let remembered = memo.value(for: memoKey, at: now()) { return remembered }
        let answer: RegistryAnswer
        do {
            answer = try await registryReleases(of: canonical, client: client)
        } catch {
            // The file still answers when the registry cannot.
            if let fromFile { return fromFile }
            throw error
        }
        let merged = Self.merge(file: fromFile, registry: answer.releases, ecosystem: ecosystem, name: canonical)
        if let freshUntil = answer.freshUntil { memo.remember(merged, for: memoKey, until: freshUntil) }
        return merged
    }

    /// A registry's releases, and until when they count as fresh (nil when they are a stale
    /// answer served through a failure).
    struct RegistryAnswer {
        var releases: [Release]?
        var freshUntil: Date?
    }

    /// What the cache, or else the registry, says; see the type's rules.
    private func registryReleases(of name: String, client: any RegistryClient) async throws -> RegistryAnswer {
        let entry = try? await store.registryCacheEntry(ecosystem: client.ecosystem, name: name, baseURL: client.baseURL)
        let moment = now()
        if let entry {
            if isFresh(entry, at: moment), let fetchedAt = entry.fetchedAt {
                return RegistryAnswer(releases: entry.releases, freshUntil: fetchedAt.addingTimeInterval(ttl))
            }
            if let problem = entry.problem, within(retryAfterFailure, of: entry.checkedAt, at: moment) {
                if entry.fetchedAt != nil { return RegistryAnswer(releases: entry.releases) }
                throw RegistryError(registry: String(describing: client.ecosystem.rawValue), kind: .unreachable, reason: "last attempt failed: \(problem)")
            }
        }
        do {
            let releases = try await client.fetchReleases(of: name)
            try? await store.saveRegistryAnswer(ecosystem: client.ecosystem, name: name, baseURL: client.baseURL, releases: releases, at: moment)
            return RegistryAnswer(releases: releases, freshUntil: moment.addingTimeInterval(ttl))
        } catch {
            if error.isTransient {
                try? await store.saveRegistryFailure(
                    ecosystem: client.ecosystem, name: name, baseURL: client.baseURL, problem: error.description, at: moment)
            }
            if let entry, entry.fetchedAt != nil { return RegistryAnswer(releases: entry.releases) }
            throw error
        }
    }

    /// An answer younger than the TTL (one from the future, after a clock change, is not).
    private func isFresh(_ entry: RegistryCacheEntry, at moment: Date) -> Bool {
        guard let fetchedAt = entry.fetchedAt else { return false }
        return within(ttl, of: fetchedAt, at: moment)
    }

    private func within(_ interval: TimeInterval, of date: Date, at moment: Date) -> Bool {
        let age = moment.timeIntervalSince(date)
        return age >= 0 && age < interval
    }

    /// The file's releases first (they win), then the registry's, the file's missing days filled in.
    static func merge(file: PackageReleases?, registry: [Release]?, ecosystem: Ecosystem, name: String) -> PackageReleases? {
        guard let registry else { return file }
        guard let file else { return PackageReleases(ecosystem: ecosystem, name: name, releases: registry) }
        let scheme = VersionScheme.for(ecosystem)
        var registryByVersion: [ParsedVersion: Release] = [:]
        for release in registry {
            guard let parsed = scheme.parse(release.version), registryByVersion[parsed] == nil else { continue }
            registryByVersion[parsed] = release
        }
        let fromFile = zip(file.releases, file.versions).map { release, version -> Release in
            var merged = release
            if merged.released == nil { merged.released = registryByVersion[version]?.released }
            if registryByVersion[version]?.yanked == true { merged.yanked = true }
            return merged
        }
        return PackageReleases(ecosystem: ecosystem, name: name, releases: fromFile + registry)
    }

    /// What a cache warm-up did.
    public struct WarmUpReport: Sendable, Hashable {
        /// Packages whose cached answer was still fresh (no request).
        public var fresh = 0
        /// Packages asked for (the registry answered, or the last answer was kept).
        public var asked = 0
        /// Packages the registry failed for with nothing cached.
        public var failed = 0
    }

    /// Brings the cache up to date for `packages` (normally every harvested package), so the
    /// `/health` answers that follow read SQLite only. Ecosystems are warmed side by side; within
    /// one, requests go one after another with that registry's pause between them. Never throws:
    /// a registry outage leaves the last answers in place.
    public func warmUp(_ packages: [(ecosystem: Ecosystem, name: String)]) async -> WarmUpReport {
        var byEcosystem: [Ecosystem: [String]] = [:]
        for package in packages where clients[package.ecosystem] != nil {
            byEcosystem[package.ecosystem, default: []].append(PackageName.normalised(package.name, in: package.ecosystem))
        }
        return await withTaskGroup(of: WarmUpReport.self) { group in
            for (ecosystem, names) in byEcosystem {
                guard let client = clients[ecosystem] else { continue }
                let pause = warmUpPauses[ecosystem] ?? .zero
                group.addTask {
                    var report = WarmUpReport()
                    var first = true
                    for name in Set(names).sorted() {
                        if Task.isCancelled { break }
                        let entry = try? await store.registryCacheEntry(ecosystem: ecosystem, name: name, baseURL: client.baseURL)
                        if let entry, isFresh(entry, at: now()) {
                            report.fresh += 1
                            continue
                        }
                        if !first, pause > .zero { try? await Task.sleep(for: pause) }
                        first = false
                        do {
                            _ = try await registryReleases(of: name, client: client)
                            report.asked += 1
                        } catch {
                            report.failed += 1
                        }
                    }
                    return report
                }
            }
            var total = WarmUpReport()
            for await part in group {
                total.fresh += part.fresh
                total.asked += part.asked
                total.failed += part.failed
            }
            return total
        }
    }
}
