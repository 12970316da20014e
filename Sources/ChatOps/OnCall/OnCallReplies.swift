import Catalog
import Foundation
import OnCall

/// The layouts of `/oncall`'s answers.
enum OnCallReplies {
    static func lookup(_ answer: OnCallLookup.Answer, now: Date, data: JSONValue) -> Reply {
        let channel: RichText? = answer.channel.map { RichText([.channel($0)]) }
        guard let status = answer.goalie else {
            var text: RichText = "\(bold: answer.teamName) has no goalie rotation."
            if let channel { text = text + " Reach the team in " + channel + "." }
            return Reply(summary: "\(answer.teamName) has no goalie rotation\(answer.channel.map { "; reach the team in \($0)" } ?? "")", blocks: [.paragraph(text)], data: data)
        }
        var fields: [ReplyField] = []
        if let channel { fields.append(ReplyField("Team channel", channel)) }
        fields.append(ReplyField("Goalie", goalieText(status.goalie)))
        fields.append(ReplyField("Goalie group", .code("@\(status.userGroupHandle)")))
        if let until = status.overrideUntil {
            fields.append(ReplyField("Override until", .text(OnCallFormat.instant(until, zone: status.timeZone))))
        }
        if let next = status.nextHandoff {
            fields.append(ReplyField("Next hand-off", .text("\(OnCallFormat.instant(next, zone: status.timeZone)) (in \(OnCallFormat.duration(next.timeIntervalSince(now))))")))
        }
        if let nextGoalie = status.nextGoalie { fields.append(ReplyField("Then", goalieText(nextGoalie))) }
        fields.append(ReplyField("From", .text(sourceText(status))))
        var blocks: [ReplyBlock] = [.header("Goalie for \(answer.teamName): \(status.goalie?.name ?? "nobody")"), .fields(fields)]
        if let at = status.lastKnownAt {
            blocks.append(.context(.text("⚠️ \(status.problem ?? "The pager could not be reached.") Last known goalie as of \(OnCallFormat.duration(now.timeIntervalSince(at))) ago.")))
        } else if let problem = status.problem {
            blocks.append(.context(.text("⚠️ \(problem)")))
        }
        var summary = "\(status.goalie?.name ?? "Nobody") is goalie for \(answer.teamName)"
        if let at = status.lastKnownAt { summary += " (last known, \(OnCallFormat.duration(now.timeIntervalSince(at))) old)" }
        if let channel = answer.channel { summary += "; team channel \(channel)" }
        return Reply(summary: summary, blocks: blocks, data: data)
    }

    static func goalieText(_ goalie: Goalie?) -> RichText {
        guard let goalie else { return "nobody" }
        guard let id = goalie.chatUserID else { return .text("\(goalie.name) (not in Slack)") }
        return RichText([.user(id: id)]) + " " + .text(goalie.name)
    }

    static func sourceText(_ status: GoalieStatus) -> String {
        switch status.source {
        case .rotation: "the rotation file (\(status.timeZone))"
        case .override: "an override"
        case .pagerDuty: "PagerDuty"
        case .opsgenie: "Opsgenie"
        }
    }
}
