import ChatOps
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Secrets

/// `POST /mattermost/commands`: Mattermost's Slack-style slash command form, authenticated by the
/// command token (Mattermost does not sign requests), answered in Mattermost markdown.
struct MattermostRoutes {
    /// The form fields Mattermost sends (a subset; Mattermost adds more that are not needed).
    struct CommandForm: Decodable {
        var token: String?
        var command: String
        var text: String?
        var user_id: String?
        var user_name: String?
        var channel_id: String?
        var response_url: String?
    }

    let answerer: ChatAnswerer
    let runner: CommandRunner
    let client: MattermostClient
    let tokens: [Secret]
    let maxBodySize: Int
    /// Mattermost waits 30 s by default; answer inline well before that.
    let replyBudget: Duration = .seconds(20)

    func register(on router: Router<BasicRequestContext>) {
        router.post("mattermost/commands") { request, context in try await handle(request, context: context) }
    }

    private func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: maxBodySize)
        let form: CommandForm
        do {
            form = try URLEncodedFormDecoder().decode(CommandForm.self, from: String(buffer: body))
        } catch {
            // The decoder's own text names our types and echoes input: it goes to the log, not the caller.
            context.logger.notice("refused a malformed Mattermost command", metadata: ["error": "\(error)"])
            return .plainText("malformed Mattermost command: expected a form with at least a command field", status: .badRequest)
        }
        let headerToken = request.headers[.authorization].flatMap { $0.hasPrefix("Token ") ? String($0.dropFirst(6)) : nil }
        guard let presented = headerToken ?? form.token, tokens.contains(where: { $0.constantTimeEquals(presented) }) else {
            context.logger.notice("refused a Mattermost command with an unknown token")
            return .plainText("invalid Mattermost command token", status: .unauthorized)
        }
        let invocation = Invocation(
            command: form.command, text: form.text ?? "", caller: .init(userID: form.user_id, name: form.user_name),
            channelID: form.channel_id, source: .mattermost)
        let client = client
        let pictures = self
        let outcome = await runner.run(within: replyBudget, clock: ContinuousClock()) {
            await answerer.answer(invocation)
        } late: { reply in
            pictures.postPictures(of: reply, channelID: form.channel_id, logger: context.logger)
            guard let responseURL = form.response_url else { return }
            do {
                try await client.reply(to: responseURL, text: MattermostMarkdownRenderer.render(reply), inChannel: reply.visibility == .inChannel)
            } catch {
                context.logger.error("posting a late Mattermost reply failed", metadata: ["error": "\(error)"])
            }
        }
        if case .finished(let reply) = outcome { postPictures(of: reply, channelID: form.channel_id, logger: context.logger) }
        let (text, inChannel): (String, Bool) = switch outcome {
        case .finished(let reply): (MattermostMarkdownRenderer.render(reply), reply.visibility == .inChannel)
        case .continuing: ("Working on \(form.command)…", false)
        case .refused: ("Backline is restarting; please try again in a moment.", false)
        }
        return .json(try JSONEncoder().encode(["response_type": inChannel ? "in_channel" : "ephemeral", "text": text]))
    }

    /// A reply's heat maps also go to the channel as PNG files when the REST API is configured
    /// (server URL and bot token); the reply keeps its table either way, so a webhook-only set-up
    /// or a failed upload loses nothing.
    func postPictures(of reply: Reply, channelID: String?, logger: Logger) {
        let maps = MattermostPictureUploader.pictures(in: reply)
        guard !maps.isEmpty, let channelID, client.canUploadFiles else { return }
        let uploader = MattermostPictureUploader(client: client)
        for map in maps {
            _ = runner.detach {
                do {
                    try await uploader.post(map, channelID: channelID)
                } catch {
                    logger.error("posting a heat map picture to Mattermost failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
