import Catalog
import Foundation
import OnCall

extension IncidentDesk {
    /// `/incident declare SUMMARY`: in a channel already named like an incident channel, opens the
    /// incident there; anywhere else, creates `inc-YYYYMMDD-<summary words>` and opens it there.
    /// Whoever declared it is invited along with the goalies, in the same call.
    public func declare(summary: String, by user: String?, in channelID: String?) async throws -> Reply {
        var channel: IncidentChannel?
        if let channelID {
            let here = await channelInfo(channelID, fallbackName: "")
            if pattern.matches(here.name) { channel = here }
        }
        if channel == nil { channel = try await createChannel(for: summary) }
        guard let channel else { throw IncidentActionError(code: "channel_not_created") }
        let invitees = channelID == channel.id ? [] : [user].compactMap { $0 }
        let incident = try await open(in: channel, summary: summary, declaredBy: user, alsoInvite: invitees)
        let tagged = incident.tags.filter { $0.outcome == "invited" }.count
        return Reply(
            visibility: .ephemeral,
            summary: "INC-\(incident.id) is open in #\(channel.name); \(tagged) goalie(s) tagged.",
            blocks: [.paragraph("\(bold: "INC-\(incident.id)") is open in " + RichText([.channel(channel.id)]) + .text(". \(tagged) goalie(s) tagged; details are in the channel."))],
            data: .object(["incident": .number(Double(incident.id)), "channel": .string(channel.id), "status": "declared"]))
    }

    private func createChannel(for summary: String) async throws -> IncidentChannel {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd"
        let slug = ServiceMentionFinder.words(in: summary).prefix(6).joined(separator: "-")
        let base = String("inc-\(formatter.string(from: now()))\(slug.isEmpty ? "" : "-" + slug)".prefix(72))
        var lastError: (any Error)?
        for attempt in 1...5 {
            let name = attempt == 1 ? base : "\(base)-\(attempt)"
            do {
                return try await actions.createChannel(named: name)
            } catch let error as IncidentActionError where error.code == "name_taken" {
                lastError = error
            }
        }
        throw lastError ?? IncidentActionError(code: "name_taken")
    }

    /// `/incident status` in an incident channel.
    public func status(in channelID: String?) async throws -> Reply {
        guard let channelID, let incident = try await store.incident(channelID: channelID) else {
            throw NoIncidentHere()
        }
        return IncidentMessages.status(incident, now: now())
    }

    /// `/incident resolve` in an incident channel: closes the record and says so in the channel.
    public func resolve(in channelID: String?, by user: String?) async throws -> Reply {
        guard let channelID, let incident = try await store.incident(channelID: channelID) else { throw NoIncidentHere() }
        guard try await store.resolveIncident(channelID: channelID, by: user, at: now()) else {
            return .problem("INC-\(incident.id) is already resolved.", kind: "user-error")
        }
        let took = OnCallFormat.duration(now().timeIntervalSince(incident.startedAt))
        let who: RichText = user.map { RichText([.user(id: $0)]) } ?? "someone"
        return Reply(
            visibility: .inChannel, summary: "INC-\(incident.id) resolved after \(took).",
            blocks: [.paragraph("✅ \(bold: "INC-\(incident.id)") resolved by " + who + " after \(took).")],
            data: .object(["incident": .number(Double(incident.id)), "status": "resolved"]))
    }
}

/// `/incident status|resolve` outside an incident channel.
struct NoIncidentHere: UserFacingError {
    var userMessage: String { "There is no incident in this channel. Run /incident status in the incident's channel, or /incident declare SUMMARY to open one." }
}
