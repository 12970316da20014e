#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A view as `views.open`, `views.push` and `views.update` return it: what a later update names.
public struct SlackViewInfo: Sendable, Hashable, Decodable {
    /// The view's id (`V…`).
    public var id: String
    /// Passed to `views.update` so an older version does not overwrite a newer one.
    public var hash: String?
    /// The first view of its stack.
    public var rootViewID: String?

    /// Creates a view reference.
    public init(id: String, hash: String? = nil, rootViewID: String? = nil) {
        self.id = id
        self.hash = hash
        self.rootViewID = rootViewID
    }

    enum CodingKeys: String, CodingKey {
        case id, hash
        case rootViewID = "root_view_id"
    }
}

extension SlackWebAPIClient {
    /// `views.open`: opens a modal for the person whose interaction gave `triggerID` (valid for
    /// three seconds, once; Slack answers `expired_trigger_id` or `exchanged_trigger_id` otherwise).
    public func openView(triggerID: String, view: ModalView, token: SlackToken? = nil) async throws -> SlackViewInfo {
        let body = ViewArguments(triggerID: triggerID, view: view)
        return try await call("views.open", arguments: .json(try SlackJSON.encode(body)), token: token, as: ViewResult.self).view
    }

    /// `views.push`: puts a view on top of an open modal's stack (at most three views;
    /// `push_limit_reached` beyond).
    public func pushView(triggerID: String, view: ModalView, token: SlackToken? = nil) async throws -> SlackViewInfo {
        let body = ViewArguments(triggerID: triggerID, view: view)
        return try await call("views.push", arguments: .json(try SlackJSON.encode(body)), token: token, as: ViewResult.self).view
    }

    /// `views.update`: replaces an open view; with `hash`, Slack refuses (`hash_conflict`) when the
    /// view changed since that version.
    public func updateView(viewID: String, view: ModalView, hash: String? = nil, token: SlackToken? = nil) async throws -> SlackViewInfo {
        let body = ViewArguments(view: view, viewID: viewID, hash: hash)
        return try await call("views.update", arguments: .json(try SlackJSON.encode(body)), token: token, as: ViewResult.self).view
    }
}

private struct ViewArguments: Encodable {
    var triggerID: String?
    var view: ModalView
    var viewID: String?
    var hash: String?

    enum CodingKeys: String, CodingKey {
        case view, hash
        case triggerID = "trigger_id"
        case viewID = "view_id"
    }
}

private struct ViewResult: Decodable { var view: SlackViewInfo }
