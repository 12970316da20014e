import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Secrets

extension MattermostClient {
    /// A file Mattermost did not take, or an answer it should not have given.
    public struct UploadError: Error, CustomStringConvertible, Sendable {
        /// What went wrong (never a URL or token).
        public var reason: String
        /// For the log line.
        public var description: String { "Mattermost file upload failed: \(reason)" }
    }

    /// Whether pictures can be uploaded: files need the REST API (a server URL and a bot token);
    /// an incoming webhook cannot carry them, so webhook-only set-ups keep the table.
    public var canUploadFiles: Bool { serverURL != nil && botToken != nil }

    /// Uploads `bytes` to `channelID` (`POST /api/v4/files`, multipart with `channel_id` and
    /// `files`), then posts `message` with the file attached (`POST /api/v4/posts` with
    /// `file_ids`). Returns the file's id.
    @discardableResult
    public func postFile(_ bytes: [UInt8], filename: String, contentType: String, channelID: String, message: String) async throws -> String {
        guard let serverURL, let botToken else { throw UploadError(reason: "set mattermost.serverURL and MATTERMOST_BOT_TOKEN") }
        let boundary = "backline-" + UUID().uuidString
        let body = Self.multipart(
            boundary: boundary, fields: [("channel_id", channelID)],
            file: (field: "files", filename: filename, contentType: contentType, bytes: bytes))
        let answer = try await exchange(
            url: "\(serverURL)/api/v4/files", contentType: "multipart/form-data; boundary=\(boundary)", body: body, bearer: botToken)
        struct Uploaded: Decodable {
            struct FileInfo: Decodable { var id: String }
            var file_infos: [FileInfo]
        }
        guard let uploaded = try? JSONDecoder().decode(Uploaded.self, from: answer), let id = uploaded.file_infos.first?.id, !id.isEmpty else {
            throw UploadError(reason: "the upload answer named no file")
        }
        struct Post: Encodable {
            var channel_id: String
            var message: String
            var file_ids: [String]
        }
        _ = try await exchange(
            url: "\(serverURL)/api/v4/posts", contentType: "application/json",
            body: Array(try JSONEncoder().encode(Post(channel_id: channelID, message: message, file_ids: [id]))), bearer: botToken)
        return id
    }

    /// A `multipart/form-data` body (RFC 7578): text fields, then one file part.
    static func multipart(
        boundary: String, fields: [(String, String)], file: (field: String, filename: String, contentType: String, bytes: [UInt8])
    ) -> [UInt8] {
        var body: [UInt8] = []
        func append(_ text: String) { body.append(contentsOf: Array(text.utf8)) }
        // Quotes and line breaks cannot appear in a quoted header parameter.
        func quoted(_ text: String) -> String { text.filter { $0 != "\"" && $0 != "\r" && $0 != "\n" } }
        for (name, value) in fields {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(quoted(name))\"\r\n\r\n\(value)\r\n")
        }
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(quoted(file.field))\"; filename=\"\(quoted(file.filename))\"\r\n")
        append("Content-Type: \(quoted(file.contentType))\r\n\r\n")
        body.append(contentsOf: file.bytes)
        append("\r\n--\(boundary)--\r\n")
        return body
    }

    /// POSTs `body`; the answer's bytes on 2xx, ``UploadError`` otherwise.
    private func exchange(url: String, contentType: String, body: [UInt8], bearer: Secret) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "Authorization", value: "Bearer \(bearer.revealed)")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await httpClient.execute(request, timeout: .seconds(30))
        let answer = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw UploadError(reason: "\(URL(string: url)?.path ?? "the API") answered HTTP \(response.status.code)")
        }
        return Data(answer.readableBytesView)
    }
}
