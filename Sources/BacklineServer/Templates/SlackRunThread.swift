import Catalog
import ChatOps
import Foundation
import Logging
import Scaffolder
import Slack
import Synchronization

/// A template run shown in a Slack thread as it happens: a parent message in the channel when the
/// run starts, a threaded reply as each step ends, and a last reply with the outcome and links
/// (the template's `output.links`, the entity it registered, its `output.text`).
///
/// These posts go through the Web API client directly, not the durable outbox: each reply needs
/// the parent's `ts`, which only a synchronous `chat.postMessage` returns, and progress is worth
/// showing only while the run goes on; a post lost to a restart loses nothing, because the run
/// itself is kept in SQLite (`/template runs`) and the person also gets the run's own answer.
final class SlackRunThread: Sendable {
    private let webAPI: SlackWebAPIClient
    private let channel: String
    private let userID: String?
    private let templateTitle: String
    private let logger: Logger
    private let tellsRefusals: Bool
    /// The conversation and `ts` of the parent, once posted.
    private let parent = Mutex<(channel: String, ts: String)?>(nil)

    /// - Parameters:
    ///   - channel: Where the command was typed.
    ///   - userID: Who ran it; the thread falls back to their DM with the app when the channel
    ///     does not take the bot's posts.
    ///   - tellsRefusals: whether a run refused before it started is told to the person here
    ///     (a form's run has no other answer; a typed command's reply already says it).
    init(webAPI: SlackWebAPIClient, channel: String, userID: String?, templateTitle: String, tellsRefusals: Bool = false, logger: Logger) {
        self.tellsRefusals = tellsRefusals
        self.webAPI = webAPI
        self.channel = channel
        self.userID = userID
        self.templateTitle = templateTitle
        self.logger = logger
    }

    /// The watch a run reports to.
    var watch: TemplateRunWatch {
        TemplateRunWatch(
            started: { await self.started() }, stepFinished: { await self.stepFinished($0) }, finished: { await self.finished($0) })
    }

    func started() async {
        let who = userID.map { " for <@\($0)>" } ?? ""
        let text = "Running *\(TextObject.escape(templateTitle))*\(who)…"
        let message = SlackMessage(text: "Running \(templateTitle)…", blocks: [.section(text: .markdown(text), fields: [])])
        for target in [channel] + (userID.map { [$0] } ?? []) {
            do {
                let posted = try await webAPI.postMessage(channel: target, message: message)
                parent.withLock { $0 = (posted.channel, posted.ts) }
                return
            } catch {
                // not_in_channel, channel_not_found, …: the person's DM with the app is next.
                logger.notice("could not start a template run's thread", metadata: ["channel": "\(target)", "error": "\(error)"])
            }
        }
    }

    func stepFinished(_ step: StepResult) async {
        await reply(Self.stepText(step))
    }

    func finished(_ result: RunResult) async {
        let message = Self.outcome(result, title: templateTitle)
        guard let parent = parent.withLock({ $0 }) else {
            // Refused before it started (a group not allowed, an action missing): only the
            // person who asked learns it, as for any refused command.
            guard tellsRefusals, let userID else { return }
            do {
                _ = try await webAPI.postEphemeral(channel: channel, user: userID, message: message)
            } catch {
                logger.notice("could not tell the outcome of a template run", metadata: ["channel": "\(channel)", "error": "\(error)"])
            }
            return
        }
        await reply(message)
        let mark = result.status == .ok ? "✅" : "❌"
        let summary = "\(mark) \(result.status == .ok ? "Ran" : "Could not run") *\(TextObject.escape(templateTitle))*" + (userID.map { " for <@\($0)>" } ?? "")
        do {
            _ = try await webAPI.updateMessage(
                channel: parent.channel, ts: parent.ts,
                message: SlackMessage(text: "\(mark) \(templateTitle)", blocks: [.section(text: .markdown(summary), fields: [])]))
        } catch {
            logger.notice("could not update a template run's parent message", metadata: ["error": "\(error)"])
        }
    }

    private func reply(_ message: SlackMessage) async {
        guard let parent = parent.withLock({ $0 }) else { return }
        do {
            _ = try await webAPI.postMessage(channel: parent.channel, message: message, threadTS: parent.ts)
        } catch {
            logger.notice("could not post a template run's progress", metadata: ["channel": "\(parent.channel)", "error": "\(error)"])
        }
    }

    // MARK: Messages

    static func stepText(_ step: StepResult) -> SlackMessage {
        let name = step.name.map { " \(TextObject.escape($0))" } ?? ""
        let head = "`\(TextObject.escape(step.id))`\(name) (\(TextObject.escape(step.action)))"
        let line: String
        switch step.status {
        case .completed: line = "✓ \(head) done"
        case .skipped: line = "– \(head) skipped"
        case .failed: line = "✗ \(head) failed: \(TextObject.escape(step.error ?? "unknown error"))"
        case .notRun: line = "· \(head) not run"
        }
        let text = TemplateModal.clip(line, BlockKitLimits.sectionText)
        return SlackMessage(text: TemplateModal.clip("\(step.id): \(step.status.rawValue)", 300), blocks: [.section(text: .markdown(text), fields: [])])
    }

    /// The last reply: done or failed (and where), then the links and the template's own text.
    static func outcome(_ result: RunResult, title: String) -> SlackMessage {
        var blocks: [Block] = []
        let headline: String
        switch result.status {
        case .ok: headline = "✅ *\(TextObject.escape(title))* is done."
        case .invalid: headline = "❌ *\(TextObject.escape(title))*: \(TextObject.escape(result.message ?? "the values are not valid"))"
        case .failed: headline = "❌ *\(TextObject.escape(title))* failed: \(TextObject.escape(result.message ?? ""))"
        }
        blocks.append(.section(text: .markdown(TemplateModal.clip(headline, BlockKitLimits.sectionText)), fields: []))
        if !result.errors.isEmpty {
            let lines = result.errors.prefix(20).map { "• `\(TextObject.escape($0.field))` \(TextObject.escape($0.message))" }
            blocks.append(.section(text: .markdown(TemplateModal.clip(lines.joined(separator: "\n"), BlockKitLimits.sectionText)), fields: []))
        }
        var lines = result.links.map { link(title: $0.title, target: $0.target) }
        let shown = Set(result.links.map(\.target))
        // The registered entity, even when the template's output does not link it.
        for step in result.steps where step.action == "catalog:register" && step.status == .completed {
            if let ref = step.output["entityRef"]?.stringValue, !shown.contains(ref) { lines.append(link(title: "Catalog entry", target: ref)) }
        }
        if !lines.isEmpty { blocks.append(.section(text: .markdown(TemplateModal.clip(lines.joined(separator: "\n"), BlockKitLimits.sectionText)), fields: [])) }
        for text in (result.output["text"]?.arrayValue ?? []).prefix(5) {
            let titleText = text["title"]?.stringValue.map { "*\(TextObject.escape($0))*\n" } ?? ""
            let content = TextObject.escape(text["content"]?.stringValue ?? "")
            let body = (titleText + content).trimmingCharacters(in: .whitespacesAndNewlines)
            if !body.isEmpty { blocks.append(.section(text: .markdown(TemplateModal.clip(body, BlockKitLimits.sectionText)), fields: [])) }
        }
        let fallback = result.status == .ok ? "\(title) is done" : "\(title): \(result.message ?? result.status.rawValue)"
        return SlackMessage(text: TemplateModal.clip(fallback, BlockKitLimits.messageText), blocks: Array(blocks.prefix(BlockKitLimits.blocksPerMessage)))
    }

    /// A web address as a link; anything else (a path, an entity ref) as code, with `/owner` for
    /// a component so the next question is one copy away.
    static func link(title: String, target: String) -> String {
        let safeTitle = TextObject.escape(title).replacingOccurrences(of: "|", with: "¦")
        let isWeb = (target.hasPrefix("https://") || target.hasPrefix("http://")) && !target.contains(where: { "<>| \n".contains($0) })
        if isWeb { return "• <\(target)|\(safeTitle)>" }
        var line = "• \(safeTitle): `\(TextObject.escape(target).replacingOccurrences(of: "`", with: "'"))`"
        if target.contains(":"), let ref = try? EntityRef(parsing: target), ref.kind == "component" { line += " — ask `/owner \(TextObject.escape(ref.name))`" }
        return line
    }
}
