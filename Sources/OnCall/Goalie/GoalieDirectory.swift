import Catalog
import Foundation
import Logging
import Synchronization

/// Knows every team's rotation and answers "who is goalie now, and next": overrides first, then
/// the team's pager when it has one, else the rotation file.
///
/// ```swift
/// let directory = GoalieDirectory(rotations: try RotationFile.loadDirectory(url), catalog: catalog, store: store)
/// let status = try await directory.status(team: EntityRef(kind: "group", name: "playlists"), at: Date())
/// ```
public struct GoalieDirectory: Sendable {
    /// Rotations by their team's canonical ref, as last loaded (a catalog refresh reloads them).
    public var rotations: [EntityRef: Rotation] { book.rotations.withLock { $0 } }
    /// Shared by every copy of the directory, so a reload reaches every handler that holds one.
    let book: RotationBook
    let catalog: CatalogStore
    /// Overrides, pager answers, user groups and incidents.
    public let store: OnCallStore
    let pagers: [any PagerClient]
    /// A pager answer younger than this is used without asking again.
    let cacheTTL: TimeInterval
    let logger: Logger

    /// Creates a directory.
    /// - Parameters:
    ///   - rotations: the rotation files' contents; a team listed twice keeps the first.
    ///   - pagers: the configured pager clients (none when no tokens are set).
    ///   - cacheTTL: how long a pager answer is reused, in seconds.
    public init(
        rotations: [Rotation], catalog: CatalogStore, store: OnCallStore, pagers: [any PagerClient] = [], cacheTTL: TimeInterval = 60,
        logger: Logger = Logger(label: "backline.oncall")
    ) {
        book = RotationBook(Self.byTeam(rotations))
        self.catalog = catalog
        self.store = store
        self.pagers = pagers
        self.cacheTTL = cacheTTL
        self.logger = logger
    }

    /// The teams with a rotation, sorted.
    public var teams: [EntityRef] { rotations.keys.sorted() }

    /// Who is goalie for `team` at `date`; nil when the team has no rotation.
    public func status(team: EntityRef, at date: Date) async throws -> GoalieStatus? {
        guard let rotation = rotations[team] else { return nil }
        return try await status(team: team, rotation: rotation, pagerTarget: rotation.pager, at: date)
    }

    /// Who answers for a service: its own PagerDuty service (`pagerduty.com/service-id`) when a
    /// PagerDuty client is configured, else its owning team's goalie. Nil when neither applies.
    public func status(service: StoredEntity, owner: EntityRef?, at date: Date) async throws -> GoalieStatus? {
        let serviceID = service.entity.metadata.annotations["pagerduty.com/service-id"]
        let target = serviceID.map(PagerTarget.pagerDutyService)
        if let owner, let rotation = rotations[owner] {
            let usable = target.flatMap { target in pagers.contains { $0.handles(target) } ? target : nil }
            return try await status(team: owner, rotation: rotation, pagerTarget: usable ?? rotation.pager, at: date)
        }
        return nil
    }

    private func status(team: EntityRef, rotation: Rotation, pagerTarget: PagerTarget?, at date: Date) async throws -> GoalieStatus {
        let base = GoalieStatus(team: team.description, goalie: nil, source: .rotation, timeZone: rotation.timeZone.identifier, userGroupHandle: rotation.userGroupHandle)
        if let override = try await store.activeOverride(team: team.description, at: date) {
            var status = base
            status.source = .override
            status.goalie = try await goalie(member: override.member)
            status.overrideUntil = override.endsAt
            status.nextHandoff = override.endsAt
            if pagerTarget == nil, !rotation.members.isEmpty {
                status.nextGoalie = try await goalie(member: rotation.shift(at: override.endsAt).member)
            }
            return status
        }
        if let pagerTarget {
            return try await pagerStatus(base, target: pagerTarget, rotation: rotation, at: date)
        }
        return try await rotationStatus(base, rotation: rotation, at: date)
    }

    private func rotationStatus(_ base: GoalieStatus, rotation: Rotation, at date: Date) async throws -> GoalieStatus {
        var status = base
        let shift = rotation.shift(at: date)
        status.goalie = try await goalie(member: shift.member)
        status.nextHandoff = shift.end
        // An override already planned for the hand-off names the real next goalie.
        if let planned = try await store.activeOverride(team: base.team, at: shift.end) {
            status.nextGoalie = try await goalie(member: planned.member)
        } else {
            status.nextGoalie = try await goalie(member: rotation.shift(shift.index + 1).member)
        }
        return status
    }

    /// Asks the pager unless a fresh answer is cached; when it cannot be reached, the last known
    /// answer with its age, else the rotation file's answer, always with the problem stated.
    private func pagerStatus(_ base: GoalieStatus, target: PagerTarget, rotation: Rotation, at date: Date) async throws -> GoalieStatus {
        var status = base
        status.source = target.pagerName == "PagerDuty" ? .pagerDuty : .opsgenie
        let last = try await store.lastPagerAnswer(key: target.key)
        if let last, date.timeIntervalSince(last.fetchedAt) < cacheTTL, last.fetchedAt <= date {
            return try await fill(status, with: last.answer)
        }
        guard let client = pagers.first(where: { $0.handles(target) }) else {
            status.problem = "\(target.pagerName) is not configured (set its token), so the rotation file answers."
            return try await fallback(status, rotation: rotation, at: date)
        }
        do {
            guard let answer = try await client.onCall(target) else {
                status.problem = "\(target.pagerName) says nobody is on call."
                return status
            }
            try await store.rememberPagerAnswer(answer, key: target.key, at: date)
            return try await fill(status, with: answer)
        } catch {
            logger.warning("pager lookup failed", metadata: ["pager": "\(target.key)", "error": "\(error)"])
            guard let last else {
                status.problem = "\(target.pagerName) could not be reached (\(error)) and has never answered."
                return try await fallback(status, rotation: rotation, at: date)
            }
            status = try await fill(status, with: last.answer)
            status.lastKnownAt = last.fetchedAt
            status.problem = "\(target.pagerName) could not be reached; this is its last known answer."
            return status
        }
    }

    private func fallback(_ status: GoalieStatus, rotation: Rotation, at date: Date) async throws -> GoalieStatus {
        guard !rotation.members.isEmpty else { return status }
        var computed = try await rotationStatus(status, rotation: rotation, at: date)
        computed.source = .rotation
        return computed
    }

    private func fill(_ status: GoalieStatus, with answer: PagerOnCall) async throws -> GoalieStatus {
        var status = status
        status.nextHandoff = answer.until
        let person = try await answer.email.asyncFlatMap { try await catalog.users(withEmail: $0).first }
        status.goalie = person.map(Self.goalie(from:)) ?? Goalie(name: answer.name, email: answer.email)
        return status
    }

    /// The catalog User named `member`; a name the catalog lacks is still shown, untaggable.
    func goalie(member: String) async throws -> Goalie {
        let ref = (try? EntityRef(parsing: member, defaultKind: "user")) ?? EntityRef(kind: "user", name: member)
        guard let user = try await catalog.entity(ref) else { return Goalie(name: member) }
        return Self.goalie(from: user)
    }

    /// The goalie a catalog User is: profile name, Slack id and e-mail.
    public static func goalie(from user: StoredEntity) -> Goalie {
        let entity = user.entity
        return Goalie(
            name: entity.metadata.title ?? entity.spec["profile"]?["displayName"]?.stringValue ?? entity.metadata.name,
            userRef: entity.ref.description, chatUserID: entity.metadata.annotations["slack.com/user_id"],
            email: entity.spec["profile"]?["email"]?.stringValue)
    }

    /// The earliest moment after `date` at which any goalie may change: a rotation hand-off or an
    /// override starting or ending.
    public func nextChange(after date: Date) async throws -> Date? {
        var candidates = rotations.values.filter { !$0.members.isEmpty }.map { $0.shift(at: date).end }
        if let override = try await store.nextOverrideChange(after: date) { candidates.append(override) }
        return candidates.min()
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
