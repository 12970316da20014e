import Logging
import WSClient

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What reaches one connection's loop: messages from its reader, or the supervisor's request to retire.
enum ConnectionSignal: Sendable {
    case message(WebSocketMessage)
    /// Stop reading, finish and acknowledge in-flight envelopes, then close.
    case retire
    /// The reader finished; `problem` describes a failure.
    case readerEnded(problem: String?)
}

/// One WebSocket: reads messages, hands envelopes to child tasks of a group it owns, acknowledges them.
struct SocketModeConnection: Sendable {
    let id: Int
    let client: SocketModeClient
    let seen: RecentEnvelopeIDs
    let reports: AsyncStream<ConnectionReport>.Continuation

    func run(url: String, inbox: AsyncStream<ConnectionSignal>, signals: AsyncStream<ConnectionSignal>.Continuation) async {
        var connectionLogger = client.logger
        connectionLogger[metadataKey: "slack.socket.connection"] = "\(id)"
        let logger = connectionLogger
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: client.configuration.maxMessageSize,
            closeTimeout: client.configuration.closeTimeout,
            autoPing: client.configuration.pingInterval.map { .enabled(timePeriod: $0) } ?? .disabled
        )
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                await serve(inbound: inbound, outbound: outbound, inbox: inbox, signals: signals, logger: logger)
            }
            reports.yield(.ended(connection: id, problem: nil))
        } catch {
            reports.yield(.ended(connection: id, problem: "\(error)"))
        }
    }

    private func serve(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, inbox: AsyncStream<ConnectionSignal>,
        signals: AsyncStream<ConnectionSignal>.Continuation, logger: Logger
    ) async {
        let maxSize = client.configuration.maxMessageSize
        // Envelope tasks live in the outer group so that retiring (cancelling only the reader) still
        // lets every in-flight envelope finish and be acknowledged before the socket closes.
        await withDiscardingTaskGroup { envelopes in
            await withDiscardingTaskGroup { reader in
                reader.addTask {
                    do {
                        // messages(maxSize:) reassembles fragmented frames into whole messages.
                        for try await message in inbound.messages(maxSize: maxSize) { signals.yield(.message(message)) }
                        logger.debug("Socket Mode reader finished")
                        signals.yield(.readerEnded(problem: nil))
                    } catch {
                        logger.debug("Socket Mode reader failed", metadata: ["error": "\(error)"])
                        signals.yield(.readerEnded(problem: "\(error)"))
                    }
                }
                loop: for await signal in inbox {
                    switch signal {
                    case .message(.text(let text)):
                        guard let envelope = decode(text, outbound: outbound, logger: logger, into: &envelopes) else { continue }
                        let firstDelivery = seen.insert(envelope.info.envelopeID)
                        envelopes.addTask { await process(envelope, firstDelivery: firstDelivery, outbound: outbound, logger: logger) }
                    case .message(.binary):
                        logger.debug("Ignoring a binary Socket Mode message")
                    case .retire:
                        logger.debug("Retiring Socket Mode connection")
                        break loop
                    case .readerEnded(let problem):
                        if let problem { logger.debug("Socket Mode read failed", metadata: ["error": "\(problem)"]) }
                        break loop
                    }
                }
                reader.cancelAll()
            }
        }
    }

    /// Decodes one text message; reports hello/disconnect and returns envelopes.
    private func decode(
        _ text: String, outbound: WebSocketOutboundWriter, logger: Logger, into envelopes: inout DiscardingTaskGroup
    ) -> SocketModeEnvelope? {
        let message: SocketModeMessage
        do {
            message = try SocketModeMessage(text: text)
        } catch {
            logger.warning("Skipping a malformed Socket Mode message", metadata: ["error": "\(error)", "slack.message.bytes": "\(text.utf8.count)"])
            // An envelope we cannot decode would be redelivered forever; acknowledge it if it has an ID.
            if let envelopeID = try? JSONDecoder().decode(EnvelopeIDOnly.self, from: Data(text.utf8)).envelopeID {
                envelopes.addTask { await acknowledge(SocketModeAck(envelopeID: envelopeID), outbound: outbound, logger: logger) }
            }
            return nil
        }
        switch message {
        case .hello(let hello):
            reports.yield(.hello(connection: id, hello))
            return nil
        case .disconnect(let disconnect):
            reports.yield(.disconnect(connection: id, disconnect.reason))
            return nil
        case .envelope(let envelope):
            return envelope
        }
    }

    private func process(_ envelope: SocketModeEnvelope, firstDelivery: Bool, outbound: WebSocketOutboundWriter, logger: Logger) async {
        var logger = logger
        logger[metadataKey: "slack.envelope_id"] = "\(envelope.info.envelopeID)"
        logger[metadataKey: "slack.envelope_type"] = "\(envelope.info.type)"
        var payload: SocketModeAck.Payload?
        if firstDelivery {
            payload = await client.handler(envelope.inbound, envelope.info)
        } else {
            logger.debug("Acknowledging a duplicate envelope without handling it again")
        }
        let ack = SocketModeAck(envelopeID: envelope.info.envelopeID, payload: envelope.info.acceptsResponsePayload ? payload : nil)
        await acknowledge(ack, outbound: outbound, logger: logger)
    }

    private func acknowledge(_ ack: SocketModeAck, outbound: WebSocketOutboundWriter, logger: Logger) async {
        do {
            try await outbound.writeTextMessage(try ack.jsonText())
        } catch {
            // Slack redelivers envelopes that were not acknowledged, so a lost ack is recoverable.
            logger.warning("Could not acknowledge a Socket Mode envelope", metadata: ["error": "\(error)"])
        }
    }
}

private struct EnvelopeIDOnly: Decodable {
    var envelopeID: String
    enum CodingKeys: String, CodingKey { case envelopeID = "envelope_id" }
}
