import Catalog
import Foundation
import OnCall

/// The messages incident handling posts in the incident channel.
enum IncidentMessages {
    /// The one message for a batch of findings: who was tagged for which service and why, what
    /// went wrong, and who may be affected (listed, not paged).
    static func tagged(_ incident: IncidentRecord, taggings: [TeamTagging], possiblyAffected: [PossiblyAffected], opening: Bool, now: Date) -> Reply {
        var blocks: [ReplyBlock] = []
        var summary: [String] = []
        if opening { blocks.append(.header("Incident INC-\(incident.id) opened")) }
        let tagged = taggings.filter { $0.tag.outcome == "invited" }
        for tagging in tagged {
            let goalie = tagging.status?.goalie
            var line: RichText = RichText([.user(id: tagging.tag.chatUserID ?? "")]) + " (\(goalie?.name ?? "goalie")) is goalie for \(bold: tagging.teamName)"
            if let channel = tagging.teamChannel { line = line + ", team channel " + RichText([.channel(channel)]) }
            line = line + ": tagged for \(code: tagging.service.name) because " + .text(tagging.reason) + "."
            if let status = tagging.status, let at = status.lastKnownAt {
                line = line + " " + .text("(\(status.problem ?? "The pager could not be reached.") Last known \(OnCallFormat.duration(now.timeIntervalSince(at))) ago.)")
            }
            blocks.append(.paragraph(line))
            summary.append("Tagged \(goalie?.name ?? tagging.tag.chatUserID ?? "the goalie") (\(tagging.teamName) goalie) for \(tagging.service.name).")
        }
        for tagging in taggings where tagging.tag.outcome != "invited" {
            let problem = problemText(tagging)
            var line: RichText = "⚠️ Could not tag \(bold: tagging.teamName)'s goalie for \(code: tagging.service.name): " + .text(problem)
            if let channel = tagging.teamChannel { line = line + " Ask in " + RichText([.channel(channel)]) + "." }
            blocks.append(.paragraph(line))
            summary.append("Could not tag \(tagging.teamName)'s goalie for \(tagging.service.name): \(problem)")
        }
        if !possiblyAffected.isEmpty {
            let items = possiblyAffected.map { entry -> RichText in
                var line: RichText = "\(bold: entry.teamName)"
                if let channel = entry.teamChannel { line = line + " (" + RichText([.channel(channel)]) + ")" }
                return line + " owns \(code: entry.dependency.name), which \(code: entry.dependent.name) depends on"
            }
            blocks.append(.list(title: "Possibly affected (not paged)", items: items, more: 0))
            summary.append("Possibly affected, not paged: \(possiblyAffected.map(\.teamName).joined(separator: ", ")).")
        }
        if opening && taggings.isEmpty {
            blocks.append(.paragraph("No service recognized yet. Name one here (e.g. `playlist-api`) and I will tag its team's goalie."))
            summary.append("Incident INC-\(incident.id) opened; no service recognized yet.")
        }
        blocks.append(.context(.text("INC-\(incident.id) · each team's goalie is tagged once · /incident status · /incident resolve")))
        return Reply(visibility: .inChannel, summary: summary.joined(separator: " "), blocks: blocks, data: .object(["incident": .number(Double(incident.id))]))
    }

    static func problemText(_ tagging: TeamTagging) -> String {
        let outcome = tagging.tag.outcome
        switch outcome {
        case "no rotation": return "the team has no goalie rotation (add one under rotations/)."
        case "not in the workspace":
            return "\(tagging.status?.goalie?.name ?? "the goalie") is not in this Slack workspace (no slack.com/user_id in the catalog)."
        default: return outcome.prefix(1).uppercased() + outcome.dropFirst() + "."
        }
    }

    /// `/incident status`.
    static func status(_ incident: IncidentRecord, now: Date) -> Reply {
        let state = incident.resolvedAt.map { "resolved \(OnCallFormat.duration(now.timeIntervalSince($0))) ago" } ?? "open for \(OnCallFormat.duration(now.timeIntervalSince(incident.startedAt)))"
        var blocks: [ReplyBlock] = [.header("INC-\(incident.id) · \(state)")]
        if let summary = incident.summary { blocks.append(.paragraph(.text(summary))) }
        let affected = incident.services.filter { !$0.possiblyAffected }
        let possibly = incident.services.filter(\.possiblyAffected)
        func line(_ service: IncidentService) -> RichText { "\(code: shortRef(service.ref)) · " + .text(service.reason) }
        blocks.append(.list(title: "Services", items: affected.map(line), more: 0))
        if !possibly.isEmpty { blocks.append(.list(title: "Possibly affected", items: possibly.map(line), more: 0)) }
        let tags = incident.tags.map { tag -> RichText in
            let who: RichText = tag.chatUserID.map { RichText([.user(id: $0)]) } ?? .text(tag.userRef ?? "nobody")
            return who + " for \(code: shortRef(tag.team)) (\(tag.outcome))"
        }
        blocks.append(.list(title: "Tagged", items: tags, more: 0))
        blocks.append(.context(.text("Started \(OnCallFormat.iso(incident.startedAt))\(incident.resolvedAt.map { " · resolved \(OnCallFormat.iso($0))" } ?? "")")))
        let data: JSONValue = (try? JSONValue(encoding: incident)) ?? .null
        return Reply(summary: "INC-\(incident.id) is \(state): \(affected.count) service(s), \(incident.tags.count) team(s) tagged", blocks: blocks, data: data)
    }

    static func shortRef(_ ref: String) -> String {
        (try? EntityRef(parsing: ref).shortDescription) ?? ref
    }
}
