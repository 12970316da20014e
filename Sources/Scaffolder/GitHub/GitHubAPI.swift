import Catalog
import Foundation
import Secrets

/// A refusal or failure from GitHub's API, in words the person running the template can act on.
/// It never holds the token: messages are built from GitHub's answer and the request's purpose.
public struct GitHubAPIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status (0 when no answer arrived).
    public var status: Int
    /// GitHub's `message` with the `errors[].message` details it gave.
    public var detail: String
    /// What was being done: "creating the repository acme/shop".
    public var purpose: String

    public var description: String {
        switch status {
        case 0: "\(purpose) failed: \(detail)"
        case 401: "GitHub refused the token while \(purpose) (401 \(detail)); check GITHUB_TOKEN"
        case 403: "GitHub forbade \(purpose) (403 \(detail)); the token may lack a scope or permission"
        case 404: "\(purpose): GitHub answered 404 \(detail) (it does not exist, or the token cannot see it)"
        default: "\(purpose): GitHub answered \(status) \(detail)"
        }
    }
}

/// The few REST calls the publish actions make. Every path segment taken from a template is
/// checked first (``GitHubNames``), so a name cannot reach another endpoint.
struct GitHubAPI {
    let connection: GitHubConnection
    /// Nil for anonymous reads (public repositories fetched by `fetch:*`).
    let token: Secret?

    /// `GET /users/{login}`: whether `login` is an organization.
    func isOrganization(_ login: String) async throws -> Bool {
        let user = try await send("GET", "/users/\(login)", purpose: "looking up the owner \(login)")
        return user["type"]?.stringValue == "Organization"
    }

    /// `GET /user`: the login the token belongs to.
    func authenticatedLogin() async throws -> String {
        let user = try await send("GET", "/user", purpose: "looking up the token's user")
        guard let login = user["login"]?.stringValue else {
            throw GitHubAPIError(status: 0, detail: "the answer has no login", purpose: "looking up the token's user")
        }
        return login
    }

    /// `POST /orgs/{org}/repos` or `POST /user/repos`: the new repository.
    func createRepository(owner: String, name: String, inOrganization: Bool, fields: [String: JSONValue]) async throws -> JSONValue {
        var body = fields
        body["name"] = .string(name)
        let purpose = "creating the repository \(owner)/\(name)"
        do {
            return try await send("POST", inOrganization ? "/orgs/\(owner)/repos" : "/user/repos", body: .object(body), purpose: purpose)
        } catch let error as GitHubAPIError where error.status == 422 && error.detail.lowercased().contains("already exists") {
            throw ScaffolderError("the repository \(owner)/\(name) already exists on GitHub; choose another name (nothing was changed)")
        }
    }

    /// `GET /repos/{owner}/{repo}`.
    func repository(owner: String, name: String) async throws -> JSONValue {
        try await send("GET", "/repos/\(owner)/\(name)", purpose: "reading the repository \(owner)/\(name)")
    }

    /// `POST /repos/{owner}/{repo}/pulls`: the new pull request.
    func createPullRequest(owner: String, name: String, fields: [String: JSONValue]) async throws -> JSONValue {
        try await send("POST", "/repos/\(owner)/\(name)/pulls", body: .object(fields), purpose: "opening a pull request on \(owner)/\(name)")
    }

    /// One exchange: JSON in, JSON out, GitHub's refusals turned into ``GitHubAPIError``.
    func send(_ method: String, _ path: String, body: JSONValue? = nil, purpose: String) async throws -> JSONValue {
        let settings = connection.settings
        var headers: [(name: String, value: String)] = [
            ("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28"),
            ("User-Agent", "backline-scaffolder"),
        ]
        if let token { headers.append(("Authorization", "Bearer \(token.revealed)")) }
        var data: Data?
        if let body {
            data = try JSONEncoder().encode(body)
            headers.append(("Content-Type", "application/json"))
        }
        let response: GitHubResponse
        do {
            response = try await connection.transport.send(
                GitHubRequest(method: method, url: settings.apiBaseURL + path, headers: headers, body: data), timeout: settings.timeout,
                maxBytes: settings.maxResponseBytes)
        } catch {
            throw GitHubAPIError(status: 0, detail: "no answer from \(settings.apiBaseURL) (\(error))", purpose: purpose)
        }
        let document = try? JSONDecoder().decode(JSONValue.self, from: response.body)
        guard (200..<300).contains(response.status) else {
            throw GitHubAPIError(status: response.status, detail: Self.detail(document, status: response.status), purpose: purpose)
        }
        guard let document else {
            throw GitHubAPIError(status: response.status, detail: "the answer is not JSON", purpose: purpose)
        }
        return document
    }

    /// GitHub's `message`, followed by each `errors[].message` (where 422 says what was wrong).
    static func detail(_ document: JSONValue?, status: Int) -> String {
        var parts: [String] = []
        if let message = document?["message"]?.stringValue { parts.append(message) }
        for error in document?["errors"]?.arrayValue ?? [] {
            if let message = error["message"]?.stringValue ?? error.stringValue {
                parts.append(message)
            } else if let code = error["code"]?.stringValue {
                parts.append([error["field"]?.stringValue, code].compactMap { $0 }.joined(separator: " "))
            }
        }
        let text = parts.joined(separator: ": ")
        return String((text.isEmpty ? HTTPStatusText.text(status) : text).prefix(300))
    }
}

/// Names GitHub allows in the places templates fill in: owners, repositories and branches.
enum GitHubNames {
    /// A user or organization login (GitHub Enterprise also allows `_`).
    static func isOwner(_ text: String) -> Bool {
        text.range(of: "^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$", options: .regularExpression) != nil
    }

    /// A repository name: letters, digits, `.`, `-`, `_`; not `.` or `..`.
    static func isRepository(_ text: String) -> Bool {
        text.range(of: "^[A-Za-z0-9._-]{1,100}$", options: .regularExpression) != nil && text != "." && text != ".."
            && !text.lowercased().hasSuffix(".git")
    }

    /// A branch name git and GitHub accept, which cannot be read as an option.
    static func isBranch(_ text: String) -> Bool {
        text.range(of: "^[A-Za-z0-9._/-]{1,200}$", options: .regularExpression) != nil && !text.hasPrefix("-") && !text.hasPrefix("/")
            && !text.hasSuffix("/") && !text.hasSuffix(".lock") && !text.contains("..") && !text.contains("//")
    }
}

/// Short reason phrases for answers without a JSON message.
enum HTTPStatusText {
    static func text(_ status: Int) -> String {
        switch status {
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 422: "Unprocessable Entity"
        case 500...599: "server error"
        default: "HTTP \(status)"
        }
    }
}
