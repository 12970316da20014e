import Catalog
import Foundation

/// How change-feed entries and source statuses read in chat and in JSON answers.
enum CatalogFeedFormat {
    /// `30m`, `24h`, `7d`, `4w` → seconds; nil when malformed or over a year.
    static func lookBack(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let amount = Int(trimmed.dropLast()), amount > 0 else { return nil }
        let seconds: TimeInterval
        switch unit {
        case "m": seconds = TimeInterval(amount) * 60
        case "h": seconds = TimeInterval(amount) * 3600
        case "d": seconds = TimeInterval(amount) * 86_400
        case "w": seconds = TimeInterval(amount) * 7 * 86_400
        default: return nil
        }
        return seconds <= 365 * 86_400 ? seconds : nil
    }

    /// `*git:…* — 1,234 entities · refreshed 3 min ago in 0.4 s · commit 1a2b3c4d5e6f`.
    static func statusLine(_ status: CatalogSourceStatus, now: Date) -> RichText {
        var spans: [RichText.Span] = [.text(status.isHealthy ? "✅ " : "⚠️ "), .bold(status.source), .text(" — \(status.entityCount) entities")]
        if let success = status.lastSuccessAt {
            spans.append(.text(" · refreshed \(OnCallFormat.duration(now.timeIntervalSince(success))) ago in \(String(format: "%.1f", status.durationSeconds)) s"))
        } else {
            spans.append(.text(" · never refreshed successfully"))
        }
        if let commit = status.commit { spans += [.text(" · commit "), .code(String(commit.prefix(12)))] }
        if status.problemCount > 0 { spans.append(.text(" · \(status.problemCount) error(s)")) }
        return RichText(spans)
    }

    /// One change as a list item, e.g. `playlist-api (component): Playlists → Playback · commit 1a2b3c`.
    static func changeLine(_ change: CatalogChange, names: [EntityRef: String]) -> RichText {
        func name(_ ref: EntityRef?) -> String { ref.map { names[$0] ?? $0.name } ?? "no owner" }
        var spans: [RichText.Span] = [.bold(change.entity.name), .text(" (\(change.entity.kind)) ")]
        switch change.kind {
        case .added: spans.append(.text("added, owned by \(name(change.ownerAfter))"))
        case .removed: spans.append(.text("removed (was owned by \(name(change.ownerBefore)))"))
        case .ownerChanged: spans += [.text("handed over: "), .bold(name(change.ownerBefore)), .text(" → "), .bold(name(change.ownerAfter))]
        case .renamed: spans.append(.text("renamed from \(change.previousRef?.name ?? "?")"))
        case .moved: spans.append(.text("moved from \(change.valueBefore ?? "?") to \(change.valueAfter ?? "?")"))
        case .lifecycleChanged: spans.append(.text("lifecycle \(change.valueBefore ?? "none") → \(change.valueAfter ?? "none")"))
        }
        spans.append(.text(" · " + OnCallFormat.instant(change.recordedAt, zone: "UTC")))
        if let commit = change.commit { spans += [.text(" · "), .code(String(commit.prefix(12)))] }
        return RichText(spans)
    }

    static func json(_ status: CatalogSourceStatus) -> JSONValue {
        .object([
            "source": .string(status.source), "lastAttemptAt": .string(iso(status.lastAttemptAt)),
            "lastSuccessAt": status.lastSuccessAt.map { .string(iso($0)) } ?? .null, "commit": status.commit.map(JSONValue.string) ?? .null,
            "durationSeconds": .number(status.durationSeconds), "entityCount": .number(Double(status.entityCount)),
            "problemCount": .number(Double(status.problemCount)), "problems": .array(status.problems.map(JSONValue.string)),
            "failure": status.failure.map(JSONValue.string) ?? .null, "healthy": .bool(status.isHealthy),
        ])
    }

    static func json(_ change: CatalogChange) -> JSONValue {
        func ref(_ value: EntityRef?) -> JSONValue { value.map { .string($0.description) } ?? .null }
        return .object([
            "id": change.id.map { .number(Double($0)) } ?? .null, "kind": .string(change.kind.rawValue), "entity": .string(change.entity.description),
            "previousEntity": ref(change.previousRef), "ownerBefore": ref(change.ownerBefore), "ownerAfter": ref(change.ownerAfter),
            "before": change.valueBefore.map(JSONValue.string) ?? .null, "after": change.valueAfter.map(JSONValue.string) ?? .null,
            "source": .string(change.source), "commit": change.commit.map(JSONValue.string) ?? .null, "recordedAt": .string(iso(change.recordedAt)),
        ])
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
