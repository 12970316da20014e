import Catalog
import Foundation

/// The words and buttons of alert messages and of `/alerts`, as platform-neutral replies.
public enum AlertMessages {
    /// Why a pushed alert is being told.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// First found.
        case new
        /// Found before and now worse.
        case worse
        /// A snooze ended and it is still there.
        case reminder
    }

    /// The pushed message for one alert, with buttons to acknowledge, snooze and see details.
    public static func notice(_ alert: AlertView, reason: Reason) throws -> Reply {
        let lead: String
        switch reason {
        case .new: lead = "New"
        case .worse: lead = "Worse"
        case .reminder: lead = "Still open after the snooze"
        }
        var blocks: [ReplyBlock] = [
            .paragraph(RichText([.text("\(lead): "), .bold(alert.title)])),
            .context(RichText([.text(alert.detail)])),
        ]
        blocks.append(.actions(buttons(alert)))
        blocks.append(.context(RichText([.text("Alert #\(alert.id) · \(alert.rule.rawValue) · "), .code("/alerts \(alert.team.name)"), .text(" lists the team's open alerts")])))
        let data: JSONValue = .object(["kind": .string("alert"), "reason": .string(reason.rawValue), "alert": try JSONValue(encoding: alert)])
        return Reply(visibility: .inChannel, summary: "\(lead): \(alert.title)", blocks: blocks, data: data)
    }

    /// `/alerts [TEAM]`: the open, acknowledged and snoozed alerts, worst first.
    public static func list(_ alerts: [AlertView], teamName: String?, now: Date) throws -> Reply {
        let scope = teamName.map { " for \($0)" } ?? ""
        var blocks: [ReplyBlock] = [.header("Alerts\(scope)")]
        if alerts.isEmpty {
            blocks.append(.paragraph("No open alerts."))
        } else {
            let items = alerts.prefix(20).map { alert -> RichText in
                var spans: [RichText.Span] = [.code("#\(alert.id)"), .text(" "), .bold(alert.title)]
                switch alert.status {
                case .acknowledged: spans.append(.text(" · acknowledged"))
                case .snoozed: spans.append(.text(" · snoozed until \(alert.snoozedUntil.map(day) ?? "?")"))
                case .open, .resolved: break
                }
                if teamName == nil { spans.append(.text(" · \(alert.team.name)")) }
                return RichText(spans)
            }
            blocks.append(.list(title: nil, items: Array(items), more: max(0, alerts.count - 20)))
            if let first = alerts.first(where: { $0.status == .open }) { blocks.append(.actions(buttons(first))) }
        }
        blocks.append(.context(RichText([.code("/alerts ack ID"), .text(" · "), .code("/alerts snooze ID 1w|1m")])))
        let data: JSONValue = .object(["command": .string("alerts"), "team": teamName.map(JSONValue.string) ?? .null, "alerts": try JSONValue(encoding: alerts)])
        return Reply(summary: "\(alerts.count) open alert(s)\(scope)", blocks: blocks, data: data)
    }

    /// The answer to `ack` and `snooze`.
    public static func changed(_ alert: AlertView, what: String) throws -> Reply {
        Reply(
            visibility: .inChannel, summary: "Alert #\(alert.id) \(what)",
            blocks: [.paragraph(RichText([.text("Alert #\(alert.id) "), .bold(alert.title), .text(" \(what).")]))],
            data: .object(["command": .string("alerts"), "alert": try JSONValue(encoding: alert), "changed": .string(what)]))
    }

    static func buttons(_ alert: AlertView) -> [ReplyAction] {
        var actions = [
            ReplyAction(label: "Acknowledge", commandLine: "/alerts ack \(alert.id)"),
            ReplyAction(label: "Snooze 1 week", commandLine: "/alerts snooze \(alert.id) 1w"),
            ReplyAction(label: "Snooze 1 month", commandLine: "/alerts snooze \(alert.id) 1m"),
        ]
        if let details = alert.detailsCommand { actions.append(ReplyAction(label: "Details", commandLine: details)) }
        return actions
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
