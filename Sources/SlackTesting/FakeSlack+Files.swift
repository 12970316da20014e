import HTTPTypes
import Hummingbird
import NIOCore
import Slack
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FakeSlack {
    /// A file shared with `files.completeUploadExternal`, with the bytes that were uploaded for it.
    public struct SharedFile: Sendable, Hashable {
        /// The file id (`F0FAKE…`).
        public var id: String
        /// The name given to `files.getUploadURLExternal`.
        public var filename: String
        /// The title given at completion, if any.
        public var title: String?
        /// The screen-reader description given with the upload URL request, if any.
        public var altText: String?
        /// The conversation it was shared in; nil for a private file.
        public var channelID: String?
        /// The message text posted with it.
        public var initialComment: String?
        /// The thread it was shared in.
        public var threadTS: String?
        /// Exactly the bytes posted to the upload URL.
        public var bytes: [UInt8]
    }

    /// A file between `files.getUploadURLExternal` and `files.completeUploadExternal`.
    struct PendingUpload {
        var filename: String
        var length: Int
        var altText: String?
        /// Nil until the bytes arrive at the upload URL.
        var bytes: [UInt8]?
        var completed = false
    }

    /// Every file shared so far, in completion order; await it rather than polling.
    public var sharedFiles: Recorder<SharedFile> { state.sharedFiles }

    /// How many uploads reached the fake's upload URL with the declared length.
    public var uploadsReceived: Int { state.mutable.withLock { $0.uploads.values.count(where: { $0.bytes != nil }) } }

    /// The upload URL: takes the raw bytes (or rejects them) as Slack's file service does, answering
    /// `OK - <length>` on success.
    static func addUploadRoute(to router: Router<BasicRequestContext>, state: FakeSlackState) {
        router.post("/upload/:fileID") { request, context -> Response in
            let id = context.parameters.get("fileID") ?? ""
            let body = try await request.body.collect(upTo: 64 << 20)
            let bytes = Array(body.readableBytesView)
            let outcome: (HTTPResponse.Status, String) = state.mutable.withLock { state in
                guard var upload = state.uploads[id], !upload.completed else { return (.notFound, "file not found") }
                // Slack's upload service checks the size promised in getUploadURLExternal.
                guard bytes.count == upload.length else { return (.badRequest, "length mismatch: expected \(upload.length), got \(bytes.count)") }
                upload.bytes = bytes
                state.uploads[id] = upload
                return (.ok, "OK - \(bytes.count)")
            }
            return Response(status: outcome.0, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: outcome.1)))
        }
    }

    /// `files.getUploadURLExternal` and `files.completeUploadExternal`, checked as Slack checks them.
    static func fileReply(method: String, arguments: [String: JSONValue], state: FakeSlackState, host: String?) -> FakeReply {
        func string(_ name: String) -> String? {
            guard let value = arguments[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        switch method {
        case "files.getUploadURLExternal":
            guard let filename = string("filename") else { return .failure("invalid_arguments", messages: ["[ERROR] missing required field: filename"]) }
            let length: Int? = switch arguments["length"] {
            case .string(let text)?: Int(text)
            case .number(let number)?: Int(exactly: number)
            default: nil
            }
            // Slack answers missing_argument for a zero length, as its docs say.
            guard let length, length > 0 else { return .failure("missing_argument", messages: ["[ERROR] length must be a positive integer"]) }
            if let altText = string("alt_txt"), altText.count > 1000 { return .failure("alt_txt_too_large") }
            let id = state.nextID("F")
            state.mutable.withLock { $0.uploads[id] = PendingUpload(filename: filename, length: length, altText: string("alt_txt")) }
            return .ok(["upload_url": .string("http://\(host ?? "127.0.0.1")/upload/\(id)"), "file_id": .string(id)])
        case "files.completeUploadExternal":
            guard let requested = completionFiles(arguments["files"]), !requested.isEmpty else {
                return .failure("invalid_arguments", messages: ["[ERROR] files must be a non-empty array of {id, title}"])
            }
            let channel = string("channel_id")
            if string("thread_ts") != nil, channel == nil { return .failure("invalid_arguments", messages: ["[ERROR] thread_ts needs channel_id"]) }
            if let channel, state.mutable.withLock({ $0.conversations[channel]?.isArchived == true }) { return .failure("is_archived") }
            let shared: [SharedFile]? = state.mutable.withLock { state in
                // All or nothing: one unknown or never-uploaded id fails the whole call.
                guard requested.allSatisfy({ state.uploads[$0.id]?.bytes != nil && state.uploads[$0.id]?.completed == false }) else { return nil }
                return requested.map { file in
                    state.uploads[file.id]!.completed = true
                    let upload = state.uploads[file.id]!
                    return SharedFile(
                        id: file.id, filename: upload.filename, title: file.title, altText: upload.altText, channelID: channel,
                        initialComment: string("initial_comment"), threadTS: string("thread_ts"), bytes: upload.bytes ?? [])
                }
            }
            guard let shared else { return .failure("file_not_found") }
            shared.forEach(state.sharedFiles.record)
            return .ok(["files": .array(shared.map { file in
                .object([
                    "id": .string(file.id), "name": .string(file.filename), "title": .string(file.title ?? file.filename),
                    "size": .number(Double(file.bytes.count)),
                ])
            })])
        default:
            return .failure("unknown_method")
        }
    }

    /// The `files` argument: a JSON array in JSON bodies, JSON text in forms.
    private static func completionFiles(_ value: JSONValue?) -> [(id: String, title: String?)]? {
        var value = value
        if case .string(let text)? = value { value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
        guard case .array(let elements)? = value else { return nil }
        var files: [(id: String, title: String?)] = []
        for element in elements {
            guard let id = element["id"]?.stringValue, !id.isEmpty else { return nil }
            files.append((id, element["title"]?.stringValue))
        }
        return files
    }
}
