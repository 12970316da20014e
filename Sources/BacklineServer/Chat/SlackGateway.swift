import ChatOps
import Foundation
import Logging
import Slack

/// Turns whatever Slack delivers, over HTTP or Socket Mode, into invocations, and replies back.
///
/// The gateway owns Slack's 3-second rule: a command that answers within the budget is answered in
/// the acknowledgement itself; a slower one is acknowledged with "working on it" and its answer is
/// posted to `response_url` when ready, from the ``CommandRunner``'s task group.
public struct SlackGateway: Sendable {
    /// What to answer Slack right away.
    public enum Acknowledgement: Sendable, Equatable {
        /// A message body (slash commands): the inline reply or "working on it".
        case message(SlackMessage)
        /// An empty 200.
        case empty
        /// The `url_verification` challenge, echoed.
        case challenge(String)
        /// A `view_submission`'s answer: errors on fields, the next view, or closing the modal.
        case viewResponse(ViewResponse)
    }

    let answerer: ChatAnswerer
    let runner: CommandRunner
    let webAPI: SlackWebAPIClient
    let eventReceipts: EventReceiptStore
    let replyBudget: Duration
    let canPost: Bool
    let incidents: IncidentDesk?
    let metrics: BacklineMetrics?
    let templateForms: SlackTemplateForms?
    let logger: Logger

    /// Creates a gateway.
    /// - Parameters:
    ///   - canPost: whether a bot token is configured, so replies to mentions can be posted.
    ///   - incidents: incident handling for channel and message events; nil turns it off.
    ///   - metrics: where acknowledgement latency and late answers are counted.
    ///   - templateForms: opens `/template run NAME` as a modal and answers its submissions; nil
    ///     (no bot token) makes `/template run NAME` say what to type instead.
    public init(
        answerer: ChatAnswerer, runner: CommandRunner, webAPI: SlackWebAPIClient, eventReceipts: EventReceiptStore,
        replyBudget: Duration, canPost: Bool, incidents: IncidentDesk? = nil, metrics: BacklineMetrics? = nil,
        templateForms: SlackTemplateForms? = nil, logger: Logger
    ) {
        self.templateForms = templateForms
        self.answerer = answerer
        self.runner = runner
        self.webAPI = webAPI
        self.eventReceipts = eventReceipts
        self.replyBudget = replyBudget
        self.canPost = canPost
        self.incidents = incidents
        self.metrics = metrics
        self.logger = logger
    }

    /// Handles one delivery and says what to acknowledge with.
    public func handle(_ inbound: SlackInbound, transport: Invocation.Source) async -> Acknowledgement {
        switch inbound {
        case .urlVerification(let challenge):
            return .challenge(challenge)
        case .sslCheck, .unsupported:
            return .empty
        case .slashCommand(let command):
            let invocation = Invocation(
                command: command.command, text: command.text, caller: .init(userID: command.userID, name: command.userName),
                channelID: command.channelID, source: transport)
            return await answerWithinBudget(invocation, responseURL: command.responseURL, triggerID: command.triggerID)
        case .interactive(let actions):
            // A button carries the command line to run in its value (e.g. the next page of a list).
            guard let action = actions.actions.first(where: { $0.actionID.hasPrefix(SlackReplyRenderer.runCommandActionID) }), let line = action.value else {
                return .empty
            }
            let invocation = Invocation(commandLine: line, caller: .init(userID: actions.user.id, name: actions.user.username), source: transport)
            if let responseURL = actions.responseURL {
                runner.detach { await self.postReply(await answerer.answer(invocation), to: responseURL) }
            }
            return .empty
        case .event(let callback):
            await receive(callback, transport: transport)
            return .empty
        case .viewSubmission(let submission):
            guard let templateForms, templateForms.owns(submission.view) else {
                logger.debug("a view submission that is not ours", metadata: ["callback_id": "\(submission.view.callbackID ?? "")"])
                return .empty
            }
            return .viewResponse(await templateForms.submit(submission))
        case .viewClosed(let closed):
            // Closing a form needs no answer: nothing was started, nothing is kept.
            logger.debug("a view was closed", metadata: ["callback_id": "\(closed.view.callbackID ?? "")"])
            return .empty
        }
    }

    /// A reply asking for a form opens it with the command's `trigger_id` (only good for three
    /// seconds, so within the acknowledgement's budget); when it cannot, the reply's own text says
    /// what to type instead. Nil when the form opened and nothing more needs saying.
    private func openForm(of reply: Reply, triggerID: String?, channel: String?) async -> Reply? {
        guard case .template(let name)? = reply.form else { return reply }
        guard let templateForms, let triggerID else { return reply }
        switch await templateForms.open(template: name, triggerID: triggerID, channel: channel) {
        case .opened:
            return nil
        case .refused(let why):
            var refused = reply
            refused.blocks.insert(.paragraph(.text(why)), at: 0)
            refused.summary = why
            return refused
        }
    }

    private func answerWithinBudget(_ invocation: Invocation, responseURL: String?, triggerID: String? = nil) async -> Acknowledgement {
        let started = ContinuousClock.now
        let outcome = await runner.run(within: replyBudget, clock: ContinuousClock()) { () -> Reply? in
            let reply = await answerer.answer(invocation)
            postPictures(of: reply, to: invocation.channelID, threadTS: nil)
            return await openForm(of: reply, triggerID: triggerID, channel: invocation.channelID)
        } late: { reply in
            guard let reply else { return }
            guard let responseURL else {
                logger.warning("a late reply has no response_url to go to", metadata: ["command": "\(invocation.command)"])
                return
            }
            await postReply(reply, to: responseURL)
        }
        var late = false
        if case .continuing = outcome { late = true }
        metrics?.slackAcknowledged(transport: invocation.source.rawValue, latency: ContinuousClock.now - started, late: late)
        switch outcome {
        case .finished(let reply?):
            return .message(SlackReplyRenderer.render(reply))
        case .finished(nil):
            // A form opened: the modal is the answer.
            return .empty
        case .continuing:
            return .message(SlackMessage(responseType: .ephemeral, text: "Working on /\(invocation.command) \(invocation.text)…"))
        case .refused:
            return .message(SlackMessage(responseType: .ephemeral, text: "Backline is restarting; please try again in a moment."))
        }
    }

    /// A reply's pictures (heat maps) go to the channel as PNG files through Slack's upload flow,
    /// after the text answer; a reply has the picture's table too, so a failed upload loses nothing.
    private func postPictures(of reply: Reply, to channel: String?, threadTS: String?) {
        let maps = reply.blocks.compactMap { block -> Heatmap? in
            if case .heatmap(let map) = block, !map.isEmpty { return map }
            return nil
        }
        guard !maps.isEmpty, let channel else { return }
        guard canPost else {
            logger.notice("a heat map picture needs SLACK_BOT_TOKEN (files:write) to be posted; the table was sent instead")
            return
        }
        let uploader = SlackPictureUploader(webAPI: webAPI)
        for map in maps {
            runner.detach {
                do {
                    _ = try await uploader.post(map, channel: channel, threadTS: threadTS)
                } catch {
                    logger.error("posting a heat map picture failed", metadata: ["channel": "\(channel)", "error": "\(error)"])
                }
            }
        }
    }

    private func postReply(_ reply: Reply, to responseURL: String) async {
        do {
            try await webAPI.postToResponseURL(responseURL, message: SlackReplyRenderer.render(reply))
        } catch {
            logger.error("posting a reply to response_url failed", metadata: ["error": "\(error)"])
        }
    }

    /// Records the event id and handles each event once, in the background (Slack wants its
    /// acknowledgement at once).
    private func receive(_ callback: SlackEventCallback, transport: Invocation.Source) async {
        do {
            guard try await eventReceipts.recordFirstDelivery(of: callback.eventID) else {
                logger.debug("duplicate event ignored", metadata: ["event_id": "\(callback.eventID)", "retry": "\(callback.retry?.attempt ?? 0)"])
                return
            }
        } catch {
            // Handling twice is better than never: carry on without the receipt.
            logger.error("could not record an event receipt", metadata: ["event_id": "\(callback.eventID)", "error": "\(error)"])
        }
        runner.detach { await handleEvent(callback, transport: transport) }
    }

    private func handleEvent(_ callback: SlackEventCallback, transport: Invocation.Source) async {
        switch callback.event {
        case .appMention(let message):
            // "@Backline owner playlist-api": the words after the mention are a command line.
            let words = message.text.split(separator: " ", omittingEmptySubsequences: true).drop { $0.hasPrefix("<@") }
            guard !words.isEmpty else { return }
            let reply = await answerer.answer(Invocation(
                commandLine: "/" + words.joined(separator: " "), caller: .init(userID: message.user), source: transport))
            guard canPost else {
                logger.notice("cannot answer a mention without SLACK_BOT_TOKEN", metadata: ["channel": "\(message.channel)"])
                return
            }
            do {
                var rendered = SlackReplyRenderer.render(reply)
                rendered.responseType = nil
                _ = try await webAPI.postMessage(channel: message.channel, message: rendered, threadTS: message.threadTS ?? message.ts)
                postPictures(of: reply, to: message.channel, threadTS: message.threadTS ?? message.ts)
            } catch {
                logger.error("replying to a mention failed", metadata: ["channel": "\(message.channel)", "error": "\(error)"])
            }
        case .channelCreated(let channel), .channelRename(let channel):
            // A rename into the pattern opens an incident too; an open one is found, not reopened.
            await incidents?.channelCreated(id: channel.id, name: channel.name, creator: channel.creator)
        case .message(let message) where message.subtype == nil && message.botID == nil:
            await incidents?.messagePosted(channel: message.channel, text: message.text)
        default:
            logger.debug("event received", metadata: ["type": "\(callback.event.type)", "event_id": "\(callback.eventID)"])
        }
    }
}
