import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import func SlackTesting.withLoopbackApp
import Synchronization

/// GitHub on loopback, for the publish actions: the REST API under `/api/v3` (as GitHub Enterprise
/// Server serves it) and git's smart HTTP protocol for the `clone_url`s it hands out, served by
/// the real `git http-backend` run as a CGI program over bare repositories the fake creates.
///
/// It behaves as GitHub does where the actions can tell: `Authorization: Bearer`/`token` on the
/// API and `Basic` (any user, the token as password) or `Bearer` on git; 401 `Bad credentials`,
/// 404 `Not Found`, 422 `name already exists on this account`; private repositories need the
/// token even to clone; and it can refuse pushes with 403 as GitHub does for a token without
/// write access.
final class FakeGitHub: Sendable {
    /// One request as it arrived.
    struct Received: Sendable {
        var method: String
        var path: String
        var authorization: String?
        var body: String
    }

    /// A repository the fake holds.
    struct Repository: Sendable {
        var owner: String
        var name: String
        var isPrivate: Bool
        var visibility: String
        var description: String?
        var defaultBranch: String
        var topics: [String] = []
    }

    /// A pull request the fake holds.
    struct PullRequest: Sendable {
        var number: Int
        var repository: String
        var title: String
        var body: String
        var head: String
        var base: String
        var draft: Bool
    }

    struct State {
        var repositories: [String: Repository] = [:]
        var pullRequests: [PullRequest] = []
        var received: [Received] = []
        var rejectPushes = false
    }

    let port: Int
    let token: String
    /// The user the token belongs to.
    let login = "backline-bot"
    /// Organizations that exist.
    let organizations: Set<String> = ["tempo-music", "backstage"]
    /// Where the bare repositories are (`owner/name.git`).
    let root: URL
    private let state: Mutex<State>

    var apiBaseURL: String { "http://127.0.0.1:\(port)/api/v3" }
    var webBaseURL: String { "http://127.0.0.1:\(port)" }
    var received: [Received] { state.withLock { $0.received } }
    var pullRequests: [PullRequest] { state.withLock { $0.pullRequests } }
    func repository(_ owner: String, _ name: String) -> Repository? { state.withLock { $0.repositories["\(owner)/\(name)".lowercased()] } }

    /// From now on every push is refused with 403, as GitHub refuses a token without write access.
    func rejectPushes() { state.withLock { $0.rejectPushes = true } }

    private init(port: Int, token: String, root: URL) {
        self.port = port
        self.token = token
        self.root = root
        self.state = Mutex(State())
    }

    /// Runs a fake for the duration of `body`; its repositories are removed afterwards.
    static func withRunning<T: Sendable>(token: String = "ghp_fakeToken0123456789abcdef", _ body: (FakeGitHub) async throws -> T) async throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fake-github-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let box = FakeBox()
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            guard let fake = box.fake.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await fake.handle(request)
        }
        router.get("**", use: handler)
        router.post("**", use: handler)
        router.put("**", use: handler)
        return try await withLoopbackApp(router, serverName: "FakeGitHub") { port in
            let fake = FakeGitHub(port: port, token: token, root: root)
            box.fake.withLock { $0 = fake }
            return try await body(fake)
        }
    }

    /// Lets the routes reach the fake, which exists only once the port is known.
    private final class FakeBox: Sendable {
        let fake = Mutex<FakeGitHub?>(nil)
    }

    // MARK: Seeding and reading repositories

    /// A repository with `files` committed on `branch`, as if someone had pushed them.
    func seed(owner: String, name: String, files: [String: String], branch: String = "main", isPrivate: Bool = true) async throws {
        let bare = try await createBare(owner: owner, name: name, branch: branch)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("fake-github-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        for (path, text) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try await Self.git(["init", "-q", "-b", branch, work.path])
        try await Self.git(["-C", work.path, "add", "-A"])
        try await Self.git(["-C", work.path, "-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-q", "-m", "seed"])
        try await Self.git(["-C", work.path, "push", "-q", bare.path, "HEAD:refs/heads/\(branch)"])
        state.withLock {
            $0.repositories["\(owner)/\(name)".lowercased()] = Repository(
                owner: owner, name: name, isPrivate: isPrivate, visibility: isPrivate ? "private" : "public", description: nil, defaultBranch: branch)
        }
    }

    /// The files of `branch` (path → text), read from a local clone of the bare repository; nil
    /// when the branch does not exist.
    func files(owner: String, name: String, branch: String) async throws -> [String: String]? {
        let bare = root.appendingPathComponent(owner).appendingPathComponent("\(name).git")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("fake-github-read-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        guard case .success(let outcome) = await TimedProcess.run(
            ["git", "clone", "-q", "--branch", branch, bare.path, work.path], environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)),
            outcome.status == 0
        else { return nil }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: work, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(work.standardizedFileURL.path.count + 1))
            if relative == ".git" || relative.hasPrefix(".git/") { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files[relative] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            }
        }
        return files
    }

    /// Whether the file at `path` on `branch` is executable in git's tree (mode 100755).
    func isExecutable(owner: String, name: String, branch: String, path: String) async throws -> Bool {
        let bare = root.appendingPathComponent(owner).appendingPathComponent("\(name).git")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("fake-github-ls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = await TimedProcess.run(
            ["git", "--git-dir", bare.path, "ls-tree", branch, "--", path], environment: ProcessInfo.processInfo.environment, timeout: .seconds(30),
            standardOutputPath: output.path)
        return (try String(contentsOf: output, encoding: .utf8)).hasPrefix("100755")
    }

    private func createBare(owner: String, name: String, branch: String) async throws -> URL {
        let bare = root.appendingPathComponent(owner).appendingPathComponent("\(name).git")
        try FileManager.default.createDirectory(at: bare.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await Self.git(["init", "-q", "--bare", "-b", branch, bare.path])
        return bare
    }

    static func git(_ arguments: [String]) async throws {
        switch await TimedProcess.run(["git"] + arguments, environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)) {
        case .success(let outcome) where outcome.status == 0: return
        case .success(let outcome): throw FakeGitHubError(description: "git \(arguments.joined(separator: " ")): \(outcome.standardError)")
        case .failure(let failure): throw FakeGitHubError(description: "git \(arguments.joined(separator: " ")): \(failure)")
        }
    }

    // MARK: Routing

    private func handle(_ request: Request) async throws -> Response {
        let path = request.uri.path
        let bodyBuffer = try await request.body.collect(upTo: 64 << 20)
        let body = Data(bodyBuffer.readableBytesView)
        let authorization = request.headers[.authorization]
        state.withLock {
            $0.received.append(
                Received(method: request.method.rawValue, path: path, authorization: authorization, body: String(decoding: body, as: UTF8.self)))
        }
        if path.hasPrefix("/api/v3/") {
            return await api(method: request.method.rawValue, path: String(path.dropFirst("/api/v3".count)), authorization: authorization, body: body)
        }
        return try await gitHTTP(request, path: path, authorization: authorization, body: body)
    }

    // MARK: REST API

    private func api(method: String, path: String, authorization: String?, body: Data) async -> Response {
        // As on GitHub, a public repository can be read without a token.
        let parts = path.split(separator: "/").map(String.init)
        if authorization == nil, method == "GET", parts.count == 3, parts[0] == "repos", let repository = repository(parts[1], parts[2]), !repository.isPrivate {
            return json(200, repositoryJSON(repository))
        }
        guard let authorization else { return json(401, .object(["message": "Requires authentication", "documentation_url": "https://docs.github.com/rest"])) }
        guard authorization == "Bearer \(token)" || authorization == "token \(token)" else {
            return json(401, .object(["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"]))
        }
        let input = (try? JSONDecoder().decode(JSONValue.self, from: body)) ?? .object([:])
        switch (method, parts.count) {
        case ("GET", 1) where parts[0] == "user":
            return json(200, .object(["login": .string(login), "id": .number(1001), "type": "User"]))
        case ("GET", 2) where parts[0] == "users":
            if parts[1].lowercased() == login { return json(200, .object(["login": .string(login), "id": .number(1001), "type": "User"])) }
            if organizations.contains(parts[1].lowercased()) { return json(200, .object(["login": .string(parts[1]), "id": .number(2002), "type": "Organization"])) }
            return notFound()
        case ("POST", 3) where parts[0] == "orgs" && parts[2] == "repos":
            guard organizations.contains(parts[1].lowercased()) else { return notFound() }
            return await createRepository(owner: parts[1], input: input)
        case ("POST", 2) where parts[0] == "user" && parts[1] == "repos":
            return await createRepository(owner: login, input: input)
        case ("GET", 3) where parts[0] == "repos":
            guard let repository = repository(parts[1], parts[2]) else { return notFound() }
            return json(200, repositoryJSON(repository))
        case ("PUT", 4) where parts[0] == "repos" && parts[3] == "topics":
            let names = input["names"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let found = state.withLock { state -> Bool in
                guard state.repositories["\(parts[1])/\(parts[2])".lowercased()] != nil else { return false }
                state.repositories["\(parts[1])/\(parts[2])".lowercased()]?.topics = names
                return true
            }
            return found ? json(200, .object(["names": .array(names.map(JSONValue.string))])) : notFound()
        case ("POST", 4) where parts[0] == "repos" && parts[3] == "pulls":
            return createPullRequest(owner: parts[1], name: parts[2], input: input)
        default:
            return notFound()
        }
    }

    private func createRepository(owner: String, input: JSONValue) async -> Response {
        guard let name = input["name"]?.stringValue, !name.isEmpty else {
            return json(422, .object(["message": "Repository creation failed.", "errors": .array([.object(["resource": "Repository", "code": "missing_field", "field": "name"])])]))
        }
        let key = "\(owner)/\(name)".lowercased()
        let isPrivate = input["private"] == .bool(true)
        let visibility = input["visibility"]?.stringValue ?? (isPrivate ? "private" : "public")
        let repository = Repository(
            owner: owner, name: name, isPrivate: visibility != "public", visibility: visibility, description: input["description"]?.stringValue,
            defaultBranch: "main")
        let created = state.withLock { state -> Bool in
            guard state.repositories[key] == nil else { return false }
            state.repositories[key] = repository
            return true
        }
        guard created else {
            return json(422, .object([
                "message": "Repository creation failed.",
                "errors": .array([.object(["resource": "Repository", "code": "custom", "field": "name", "message": "name already exists on this account"])]),
                "documentation_url": "https://docs.github.com/rest/repos/repos#create-an-organization-repository", "status": "422",
            ]))
        }
        // An empty repository, as GitHub creates it without auto_init (git runs on a thread of
        // its own, not on the handler's).
        _ = try? await createBare(owner: owner, name: name, branch: "main")
        return json(201, repositoryJSON(repository))
    }

    private func createPullRequest(owner: String, name: String, input: JSONValue) -> Response {
        guard let repository = repository(owner, name) else { return notFound() }
        let head = input["head"]?.stringValue ?? "", base = input["base"]?.stringValue ?? repository.defaultBranch
        let bare = root.appendingPathComponent(repository.owner).appendingPathComponent("\(repository.name).git")
        func exists(_ branch: String) -> Bool { FileManager.default.fileExists(atPath: bare.appendingPathComponent("refs/heads/\(branch)").path) || packed(bare, branch) }
        guard let title = input["title"]?.stringValue, !title.isEmpty else {
            return json(422, .object(["message": "Validation Failed", "errors": .array([.object(["resource": "PullRequest", "code": "missing_field", "field": "title"])])]))
        }
        guard exists(head) else {
            return json(422, .object(["message": "Validation Failed", "errors": .array([.object(["resource": "PullRequest", "field": "head", "code": "invalid"])])]))
        }
        guard exists(base) else {
            return json(422, .object(["message": "Validation Failed", "errors": .array([.object(["resource": "PullRequest", "field": "base", "code": "invalid"])])]))
        }
        let full = "\(repository.owner)/\(repository.name)"
        let result = state.withLock { state -> PullRequest? in
            guard !state.pullRequests.contains(where: { $0.repository == full && $0.head == head }) else { return nil }
            let pull = PullRequest(
                number: state.pullRequests.filter { $0.repository == full }.count + 1, repository: full, title: title, body: input["body"]?.stringValue ?? "",
                head: head, base: base, draft: input["draft"] == .bool(true))
            state.pullRequests.append(pull)
            return pull
        }
        guard let pull = result else {
            return json(422, .object(["message": "Validation Failed", "errors": .array([.object(["resource": "PullRequest", "code": "custom", "message": .string("A pull request already exists for \(owner):\(head).")])])]))
        }
        return json(201, .object([
            "number": .number(Double(pull.number)), "state": "open", "draft": .bool(pull.draft), "title": .string(pull.title), "body": .string(pull.body),
            "html_url": .string("\(webBaseURL)/\(full)/pull/\(pull.number)"),
            "url": .string("\(apiBaseURL)/repos/\(full)/pulls/\(pull.number)"),
            "head": .object(["ref": .string(head)]), "base": .object(["ref": .string(base)]),
        ]))
    }

    private func packed(_ bare: URL, _ branch: String) -> Bool {
        guard let text = try? String(contentsOf: bare.appendingPathComponent("packed-refs"), encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { $0.hasSuffix(" refs/heads/\(branch)") }
    }

    private func repositoryJSON(_ repository: Repository) -> JSONValue {
        let full = "\(repository.owner)/\(repository.name)"
        return .object([
            "id": .number(3003), "name": .string(repository.name), "full_name": .string(full), "private": .bool(repository.isPrivate),
            "visibility": .string(repository.visibility), "owner": .object(["login": .string(repository.owner)]),
            "html_url": .string("\(webBaseURL)/\(full)"), "description": repository.description.map(JSONValue.string) ?? .null,
            "clone_url": .string("\(webBaseURL)/\(full).git"), "ssh_url": .string("git@127.0.0.1:\(full).git"),
            "default_branch": .string(repository.defaultBranch), "topics": .array(repository.topics.map(JSONValue.string)),
        ])
    }

    private func notFound() -> Response {
        json(404, .object(["message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"]))
    }

    private func json(_ status: Int, _ value: JSONValue) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: git smart HTTP

    /// `/{owner}/{name}.git/info/refs`, `/git-upload-pack`, `/git-receive-pack`, through
    /// `git http-backend`.
    private func gitHTTP(_ request: Request, path: String, authorization: String?, body: Data) async throws -> Response {
        let parts = path.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[1].hasSuffix(".git"), let repository = repository(parts[0], String(parts[1].dropLast(4))) else {
            return text(404, "Repository not found.")
        }
        let query = request.uri.query ?? ""
        let pushing = parts[2] == "git-receive-pack" || query.contains("service=git-receive-pack")
        let authorized = authorization == "Bearer \(token)" || basicPassword(authorization) == token
        if authorization != nil && !authorized {
            return text(401, "Invalid username or token.", headers: [.wwwAuthenticate: "Basic realm=\"GitHub\""])
        }
        if !authorized && (pushing || repository.isPrivate) {
            return text(401, "Authentication required", headers: [.wwwAuthenticate: "Basic realm=\"GitHub\""])
        }
        if pushing && state.withLock({ $0.rejectPushes }) {
            return text(403, "Permission to \(repository.owner)/\(repository.name).git denied to \(login).")
        }
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_PROJECT_ROOT": root.path, "GIT_HTTP_EXPORT_ALL": "1", "REQUEST_METHOD": request.method.rawValue, "PATH_INFO": path,
            "QUERY_STRING": query, "CONTENT_LENGTH": String(body.count), "REMOTE_ADDR": "127.0.0.1",
        ]
        if authorized { environment["REMOTE_USER"] = login }
        if let type = request.headers[.contentType] { environment["CONTENT_TYPE"] = type }
        if let encoding = request.headers[.contentEncoding] { environment["HTTP_CONTENT_ENCODING"] = encoding }
        if let name = HTTPField.Name("Git-Protocol"), let protocolHeader = request.headers[name] { environment["GIT_PROTOCOL"] = protocolHeader }
        let output = try await CGIProcess.run(["git", "http-backend"], environment: environment, input: body)
        return Self.cgiResponse(output)
    }

    private func basicPassword(_ authorization: String?) -> String? {
        guard let authorization, authorization.hasPrefix("Basic "), let data = Data(base64Encoded: String(authorization.dropFirst(6))) else { return nil }
        let pair = String(decoding: data, as: UTF8.self)
        guard let colon = pair.firstIndex(of: ":") else { return nil }
        return String(pair[pair.index(after: colon)...])
    }

    private func text(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/plain"
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    /// A CGI program's output (headers, a blank line, the body) as a response.
    static func cgiResponse(_ output: Data) -> Response {
        let bytes = [UInt8](output)
        var split = bytes.count
        var bodyStart = bytes.count
        for index in 0..<bytes.count {
            if index + 3 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                split = index
                bodyStart = index + 4
                break
            }
            if index + 1 < bytes.count, bytes[index] == 10, bytes[index + 1] == 10 {
                split = index
                bodyStart = index + 2
                break
            }
        }
        var status = 200
        var headers = HTTPFields()
        for line in String(decoding: bytes[0..<split], as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" {
                status = Int(value.prefix(3)) ?? 500
            } else if let field = HTTPField.Name(name) {
                headers.append(HTTPField(name: field, value: value))
            }
        }
        let body = bodyStart < bytes.count ? Array(bytes[bodyStart...]) : []
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Runs a CGI program: the request body on its standard input, its whole standard output back.
/// Both go through files, so neither side can block on a full pipe; the wait happens on a thread
/// of its own, and a program that runs past 60 s is stopped.
enum CGIProcess {
    static func run(_ arguments: [String], environment: [String: String], input: Data) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(arguments, environment: environment, input: input) })
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], input: Data) throws -> Data {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fake-github-cgi-\(UUID().uuidString)")
        let inputURL = base.appendingPathExtension("in"), outputURL = base.appendingPathExtension("out")
        try input.write(to: inputURL)
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: inputURL)
            try? FileManager.default.removeItem(at: outputURL)
        }
        let inputHandle = try FileHandle(forReadingFrom: inputURL), outputHandle = try FileHandle(forWritingTo: outputURL)
        defer {
            try? inputHandle.close()
            try? outputHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + 60) == .timedOut {
            process.terminate()
            exited.wait()
            throw FakeGitHubError(description: "git http-backend ran for more than 60 s")
        }
        return try Data(contentsOf: outputURL)
    }
}

/// The fake could not start or a seeding command failed.
struct FakeGitHubError: Error, CustomStringConvertible {
    var description: String
}
