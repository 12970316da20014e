import Catalog
import Foundation
import OnCall

/// A ``TeamDigest`` as a platform-neutral ``Reply``: Slack renders it as Block Kit (within its
/// limits, by ``SlackReplyRenderer``), Mattermost as markdown, the terminal as text. Buttons run
/// `/health …` and `/alerts …` for the details.
public enum DigestReply {
    /// The digest's reply, posted in the channel.
    public static func reply(_ digest: TeamDigest) throws -> Reply {
        var blocks: [ReplyBlock] = [.header("Weekly tech health: \(digest.teamName) · \(digest.week)")]
        blocks.append(.paragraph(RichText([
            .text("\(digest.components) component(s), \(digest.harvested) harvested. "),
            .text(digest.isAllClear ? "Nothing outdated, stale or broken this week." : "What needs attention, worst first:"),
        ])))

        for standing in digest.scorecards {
            blocks.append(.paragraph(standingText(standing)))
        }
        if !digest.actions.isEmpty {
            blocks.append(.list(
                title: "What would raise the level most",
                items: digest.actions.map { action in
                    var spans: [RichText.Span] = [.bold(action.title), .text(" — lifts \(action.components.count) component(s): \(names(action.components))")]
                    if let fix = action.fix { spans.append(.text(". \(fix)")) }
                    return RichText(spans)
                },
                more: 0))
        }
        if !digest.outdated.isEmpty {
            blocks.append(.list(
                title: "Outdated dependencies and runtimes, end of life first",
                items: digest.outdated.map { item in
                    RichText([.bold(item.component), .text(": "), .code("\(item.name) \(item.version ?? "?")"), .text(" — \(item.reasons.joined(separator: "; "))")])
                },
                more: digest.outdatedMore))
        }
        if !digest.outOfPolicy.isEmpty {
            blocks.append(.list(
                title: "Out of policy",
                items: digest.outOfPolicy.map { item in
                    RichText([.bold(item.component), .text(": "), .code("\(item.name) \(item.version ?? "?")"), .text(" — \(item.reasons.joined(separator: "; "))")])
                },
                more: 0))
        }
        if !digest.staleDocs.isEmpty {
            blocks.append(.list(
                title: "Stale docs",
                items: digest.staleDocs.map { docs in RichText([.bold(docs.component), .text(docs.reason.map { " — \($0)" } ?? "")]) },
                more: 0))
        }
        if !digest.hygiene.isEmpty {
            blocks.append(.list(title: "Catalog data to fix", items: digest.hygiene.map { RichText([.text($0.message)]) }, more: 0))
        }
        if !digest.incidents.isEmpty {
            blocks.append(.list(
                title: "Incidents this week",
                items: digest.incidents.map { incident in
                    var spans: [RichText.Span] = [.channel(incident.channelID), .text(" (\(incident.channelName))")]
                    if let summary = incident.summary { spans.append(.text(": \(summary)")) }
                    spans.append(.text(" — \(names(incident.services))"))
                    spans.append(.text(incident.resolvedAt == nil ? " · still open" : " · resolved"))
                    return RichText(spans)
                },
                more: 0))
        }
        if !digest.newServices.isEmpty {
            blocks.append(.list(title: "New services from templates", items: digest.newServices.map { RichText([.bold($0)]) }, more: 0))
        }
        var goalies: [ReplyField] = []
        if let goalie = digest.goalie { goalies.append(ReplyField("Goalie this week", person(goalie))) }
        if let next = digest.nextGoalie {
            var text = person(next)
            if let handoff = digest.nextHandoff { text = text + RichText([.text(" from \(localTime(handoff, zone: digest.timeZone))")]) }
            goalies.append(ReplyField("Next", text))
        }
        if !goalies.isEmpty { blocks.append(.fields(goalies)) }

        var actions = [ReplyAction(label: "Team health", commandLine: "/health team \(digest.team.name)")]
        if let worst = digest.outdated.first { actions.append(ReplyAction(label: "Worst: \(worst.component)", commandLine: "/health \(worst.component)")) }
        if let docs = digest.staleDocs.first, docs.component != digest.outdated.first?.component {
            actions.append(ReplyAction(label: "Docs: \(docs.component)", commandLine: "/health \(docs.component)"))
        }
        actions.append(ReplyAction(label: "Open alerts", commandLine: "/alerts \(digest.team.name)"))
        blocks.append(.actions(actions))
        blocks.append(.context(RichText([
            .text("Week \(digest.week) (\(digest.timeZone)) · measured now against the release, end-of-life and policy data · turn off with the Group annotation "),
            .code("backline.io/digest: \"off\""),
        ])))

        let summary = "Weekly tech health for \(digest.teamName) (\(digest.week)): "
            + (digest.isAllClear ? "all clear" : "\(digest.outdated.count + digest.outdatedMore) outdated, \(digest.staleDocs.count) stale docs, \(digest.hygiene.count) catalog fixes, \(digest.incidents.count) incident(s)")
        let data: JSONValue = .object(["kind": .string("digest"), "digest": try JSONValue(encoding: digest)])
        return Reply(visibility: .inChannel, summary: summary, blocks: blocks, data: data)
    }

    /// `Service maturity: silver (2 gold, 3 silver, 1 none) — up from bronze; playlist-api: bronze → silver`.
    static func standingText(_ standing: ScorecardStanding) -> RichText {
        var spans: [RichText.Span] = [.text("\(standing.title): "), .bold(standing.teamLevel ?? "no level yet")]
        var counts = standing.levels.reversed().filter { $0.components > 0 }.map { "\($0.components) \($0.level)" }
        if standing.noLevel > 0 { counts.append("\(standing.noLevel) none") }
        if !counts.isEmpty { spans.append(.text(" (\(counts.joined(separator: ", ")))")) }
        if !standing.hasLastWeek {
            spans.append(.text(" — no results from a week ago to compare"))
        } else {
            if standing.teamLevel != standing.teamLevelLastWeek {
                spans.append(.text(" — was \(standing.teamLevelLastWeek ?? "no level") a week ago"))
            }
            if standing.raised.isEmpty && standing.lowered.isEmpty {
                spans.append(.text(" — no change since last week"))
            } else {
                if !standing.raised.isEmpty { spans.append(.text(" — up: \(standing.raised.joined(separator: ", "))")) }
                if !standing.lowered.isEmpty { spans.append(.text(" — down: \(standing.lowered.joined(separator: ", "))")) }
            }
        }
        return RichText(spans)
    }

    static func person(_ goalie: Goalie) -> RichText {
        // The name reads at the terminal and in Mattermost; the mention notifies in Slack.
        goalie.chatUserID.map { RichText([.text("\(goalie.name) ("), .user(id: $0), .text(")")]) } ?? RichText([.text(goalie.name)])
    }

    static func names(_ list: [String]) -> String {
        list.count <= 4 ? list.joined(separator: ", ") : list.prefix(3).joined(separator: ", ") + " and \(list.count - 3) more"
    }

    /// `Mon 2 Dec 09:00` in the team's zone.
    static func localTime(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE d MMM HH:mm"
        return formatter.string(from: date)
    }
}
