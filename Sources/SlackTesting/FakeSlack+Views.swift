import Foundation
import Slack
import Synchronization

extension FakeSlack {
    /// A modal view the fake shows, as the app last sent it.
    public struct OpenedView: Sendable, Hashable {
        /// Slack's id for it (`V0FAKE…`).
        public var id: String
        /// How it got there: `views.open`, `views.push`, `views.update`, or `response_action:push`/`update`.
        public var origin: String
        /// The view as sent.
        public var view: ModalView
        /// The version, for `views.update`'s `hash`.
        public var hash: String
        /// The first view of its stack.
        public var rootViewID: String
        /// The view under it, for a pushed view.
        public var previousViewID: String?
    }

    /// What a person does with one input block of a view, as a test says it.
    public enum ViewInput: Sendable, Hashable {
        /// Types text (a plain text or number input).
        case text(String)
        /// Chooses the option with this label (a select).
        case choose(String)
        /// Chooses the options with these labels (a multi-select or checkboxes); empty clears them.
        case chooseAll([String])
    }

    /// What the app answered a `view_submission` with, applied to the fake's modal.
    public enum ViewOutcome: Sendable, Hashable {
        /// The submitted view closed (an empty answer), or the whole modal (`clear`).
        case closed
        /// Field errors by `block_id`; the view stays open.
        case errors([String: String])
        /// A new view on top of the stack.
        case pushed(OpenedView)
        /// The submitted view, replaced.
        case updated(OpenedView)
    }

    /// Every view the app opened, pushed or updated, in order.
    public var views: Recorder<OpenedView> { state.views }

    /// The open modal's views, bottom first; empty when no modal is open.
    public var viewStack: [OpenedView] { state.mutable.withLock { $0.viewStack } }

    /// `views.open`, `views.push` and `views.update`, checked as Slack checks them.
    static func viewReply(method: String, arguments: [String: JSONValue], state: FakeSlackState) -> FakeReply {
        let triggerID = arguments["trigger_id"]?.stringValue ?? ""
        if method != "views.update" {
            if triggerID.isEmpty { return .failure("invalid_arguments", messages: ["[ERROR] missing required field: trigger_id"]) }
            // A trigger opens one view, once.
            let fresh = state.mutable.withLock { $0.usedTriggers.insert(triggerID).inserted }
            if !fresh { return .failure("exchanged_trigger_id") }
        }
        let view: ModalView
        switch decodeView(arguments["view"]) {
        case .failure(let problem): return .failure("invalid_arguments", messages: ["[ERROR] \(problem.code)"])
        case .success(let decoded): view = decoded
        }
        let violations = view.violations()
        if !violations.isEmpty { return .failure("invalid_arguments", messages: violations.map { "[ERROR] \($0)" }) }
        let result: Result<OpenedView, FakeViewRefusal>
        switch method {
        case "views.open": result = .success(state.openView(view))
        case "views.push": result = state.pushView(view, origin: method)
        default:
            guard let viewID = arguments["view_id"]?.stringValue, !viewID.isEmpty else {
                return .failure("invalid_arguments", messages: ["[ERROR] view_id or external_id is required"])
            }
            result = state.updateView(viewID, with: view, hash: arguments["hash"]?.stringValue, origin: method)
        }
        switch result {
        case .failure(let refusal): return .failure(refusal.code)
        case .success(let opened):
            return .ok(["view": .object(["id": .string(opened.id), "hash": .string(opened.hash), "root_view_id": .string(opened.rootViewID)])])
        }
    }

    private static func decodeView(_ value: JSONValue?) -> Result<ModalView, FakeViewRefusal> {
        let data: Data
        switch value {
        case .string(let text)?: data = Data(text.utf8)
        case .object?: data = (try? JSONEncoder().encode(value)) ?? Data()
        default: return .failure(FakeViewRefusal(code: "missing required field: view"))
        }
        do {
            return .success(try JSONDecoder().decode(ModalView.self, from: data))
        } catch {
            return .failure(FakeViewRefusal(code: "invalid view: \(error)"))
        }
    }

    /// A `view_submission` payload for the view on top of the modal (or `viewID`): the view as
    /// the app sent it, with `state.values` holding each input's initial value unless `inputs`
    /// changes it, as Slack's client fills them in.
    /// - Throws: ``FakeSlackError`` where Slack's client would not let the person submit: a block
    ///   the view lacks, an option it does not offer, a required input left empty, text in a number.
    public func viewSubmissionPayload(
        _ inputs: [String: ViewInput], viewID: String? = nil, user: String = "U0MARIA01", userName: String = "maria"
    ) throws -> String {
        guard let opened = state.mutable.withLock({ state in viewID.map { id in state.viewStack.first { $0.id == id } } ?? state.viewStack.last })
        else { throw FakeSlackError(description: "no open view \(viewID ?? "at all") to submit") }
        let byBlock = Dictionary(opened.view.inputs.map { ($0.blockID, $0) }, uniquingKeysWith: { first, _ in first })
        for blockID in inputs.keys where byBlock[blockID] == nil {
            throw FakeSlackError(description: "the view has no input block \(blockID) (blocks: \(byBlock.keys.sorted().joined(separator: ", ")))")
        }
        var values: [String: JSONValue] = [:]
        for input in opened.view.inputs {
            let state = try Self.elementState(input, given: inputs[input.blockID])
            values[input.blockID] = .object([input.element.actionID: state])
        }
        let viewJSON = (try? JSONDecoder().decode(JSONValue.self, from: SlackJSON.encode(opened.view))) ?? .object([:])
        var view = viewJSON.objectMembers
        view["id"] = .string(opened.id)
        view["team_id"] = .string("T0001")
        view["state"] = .object(["values": .object(values)])
        view["hash"] = .string(opened.hash)
        view["root_view_id"] = .string(opened.rootViewID)
        view["previous_view_id"] = opened.previousViewID.map(JSONValue.string) ?? .null
        view["app_id"] = .string("A0FAKE")
        view["bot_id"] = .string("B0FAKE")
        let payload: JSONValue = .object([
            "type": .string("view_submission"), "team": .object(["id": .string("T0001"), "domain": .string("example")]),
            "user": .object(["id": .string(user), "username": .string(userName), "name": .string(userName), "team_id": .string("T0001")]),
            "api_app_id": .string("A0FAKE"), "token": .string("deprecated"), "trigger_id": .string(issueTrigger()),
            "view": .object(view), "response_urls": .array([]), "is_enterprise_install": .bool(false),
        ])
        return payload.jsonText
    }

    /// A fresh trigger id, as Slack puts in every interaction.
    public func issueTrigger() -> String {
        "\(state.nextTimestamp().replacingOccurrences(of: ".", with: "")).1.fake\(state.nextID("T"))"
    }

    /// The HTTP interactivity body for `payload`: one form field, `payload`.
    public static func interactivityForm(payload: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "payload=" + (payload.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// The HTTP interactivity body for `payload`, signed as Slack signs it for an app with
    /// `signingSecret`, at `timestamp` (Unix seconds; now by default).
    public static func signedInteraction(
        payload: String, signingSecret: String, timestamp: Int64 = Int64(Date().timeIntervalSince1970)
    ) -> (body: String, headers: SlackRequestSigner.Headers) {
        let body = interactivityForm(payload: payload)
        return (body, SlackRequestSigner(signingSecret: signingSecret).sign(body: body, timestamp: timestamp))
    }

    /// A Socket Mode `interactive` envelope carrying `payload`; view submissions accept a response.
    public static func interactiveEnvelope(id: String, payload: String) -> String {
        #"{"envelope_id":"\#(id)","type":"interactive","accepts_response_payload":true,"payload":\#(payload)}"#
    }

    /// Applies the app's answer to a `view_submission` of `viewID` (the HTTP body, or a Socket Mode
    /// ack's payload) to the modal, as Slack would.
    /// - Throws: ``FakeSlackError`` when Slack would refuse the answer: not JSON, an unknown
    ///   `response_action`, an invalid view, errors naming blocks the view lacks, a full stack.
    @discardableResult
    public func receiveViewResponse(_ body: JSONValue?, to viewID: String) throws -> ViewOutcome {
        guard let body, body != .null, body != .object([:]) else {
            state.mutable.withLock { state in state.viewStack.removeAll { $0.id == viewID } }
            return .closed
        }
        switch body["response_action"]?.stringValue {
        case "clear"?:
            state.mutable.withLock { $0.viewStack.removeAll() }
            return .closed
        case "errors"?:
            guard case .object(let members)? = body["errors"], !members.isEmpty else { throw FakeSlackError(description: "errors needs an object of block_id: message") }
            let blocks = Set(state.mutable.withLock { state in state.viewStack.first { $0.id == viewID } }?.view.inputs.map(\.blockID) ?? [])
            var errors: [String: String] = [:]
            for (blockID, message) in members {
                guard blocks.contains(blockID) else { throw FakeSlackError(description: "errors names block \(blockID), which is not an input of the view") }
                guard let text = message.stringValue, !text.isEmpty else { throw FakeSlackError(description: "the error for \(blockID) is not text") }
                errors[blockID] = text
            }
            return .errors(errors)
        case let action?:
            guard action == "push" || action == "update" else { throw FakeSlackError(description: "unknown response_action \(action)") }
            let view: ModalView
            switch Self.decodeView(body["view"]) {
            case .failure(let problem): throw FakeSlackError(description: "response_action \(action): \(problem.code)")
            case .success(let decoded): view = decoded
            }
            let violations = view.violations()
            if !violations.isEmpty { throw FakeSlackError(description: "response_action \(action): \(violations.map(\.description).joined(separator: "; "))") }
            let result = action == "push" ? state.pushView(view, origin: "response_action:push") : state.updateView(viewID, with: view, hash: nil, origin: "response_action:update")
            switch result {
            case .failure(let refusal): throw FakeSlackError(description: "response_action \(action): \(refusal.code)")
            case .success(let opened): return action == "push" ? .pushed(opened) : .updated(opened)
            }
        case nil:
            throw FakeSlackError(description: "a view_submission answer must be empty or carry response_action, not \(body)")
        }
    }

    /// One input's `state.values` entry after the person's input.
    private static func elementState(_ input: InputBlock, given: ViewInput?) throws -> JSONValue {
        let element = input.element
        func option(_ label: String) throws -> OptionObject {
            guard let found = element.options.first(where: { $0.text == label }) else {
                throw FakeSlackError(description: "\(input.blockID) offers no option \"\(label)\" (options: \(element.options.prefix(10).map(\.text).joined(separator: ", ")))")
            }
            return found
        }
        func json(_ option: OptionObject) -> JSONValue {
            .object(["text": .object(["type": .string("plain_text"), "text": .string(option.text), "emoji": .bool(true)]), "value": .string(option.value)])
        }
        func required(_ isEmpty: Bool) throws {
            if isEmpty && !input.isOptional { throw FakeSlackError(description: "Slack's client will not submit: \(input.blockID) (\(input.label)) is required") }
        }
        switch element {
        case .plainText(_, let initialValue, _, _, _, let maxLength):
            var text = initialValue
            if case .text(let typed)? = given { text = typed } else if let given { throw FakeSlackError(description: "\(input.blockID) takes text, not \(given)") }
            try required((text ?? "").isEmpty)
            if let maxLength, let text, text.count > maxLength { throw FakeSlackError(description: "Slack's client will not submit: \(input.blockID) is longer than \(maxLength)") }
            return .object(["type": .string(element.type), "value": (text?.isEmpty ?? true) ? .null : .string(text!)])
        case .number(_, let isDecimalAllowed, let initialValue, let minValue, let maxValue):
            var text = initialValue
            if case .text(let typed)? = given { text = typed } else if let given { throw FakeSlackError(description: "\(input.blockID) takes a number, not \(given)") }
            try required((text ?? "").isEmpty)
            if let text, !text.isEmpty {
                guard let number = Double(text), isDecimalAllowed || Int(text) != nil else {
                    throw FakeSlackError(description: "Slack's client will not submit: \(input.blockID) needs a\(isDecimalAllowed ? "" : " whole") number")
                }
                if let low = minValue.flatMap(Double.init), number < low { throw FakeSlackError(description: "Slack's client will not submit: \(input.blockID) is below \(low)") }
                if let high = maxValue.flatMap(Double.init), number > high { throw FakeSlackError(description: "Slack's client will not submit: \(input.blockID) is above \(high)") }
            }
            return .object(["type": .string(element.type), "value": (text?.isEmpty ?? true) ? .null : .string(text!)])
        case .staticSelect(_, _, let initialOption, _):
            var chosen = initialOption
            if case .choose(let label)? = given { chosen = try option(label) } else if let given { throw FakeSlackError(description: "\(input.blockID) is a select: choose one option, not \(given)") }
            try required(chosen == nil)
            return .object(["type": .string(element.type), "selected_option": chosen.map(json) ?? .null])
        case .multiStaticSelect(_, _, let initialOptions, _), .checkboxes(_, _, let initialOptions):
            var chosen = initialOptions
            switch given {
            case .chooseAll(let labels)?: chosen = try labels.map(option)
            case .choose(let label)?: chosen = [try option(label)]
            case .text?: throw FakeSlackError(description: "\(input.blockID) takes options, not text")
            case nil: break
            }
            try required(chosen.isEmpty)
            return .object(["type": .string(element.type), "selected_options": .array(chosen.map(json))])
        }
    }
}

/// Why the fake refused a view: Slack's error code, or what was wrong with the view.
struct FakeViewRefusal: Error {
    let code: String
}

extension FakeSlackState {
    func openView(_ view: ModalView) -> FakeSlack.OpenedView {
        let id = nextID("V")
        let opened = FakeSlack.OpenedView(id: id, origin: "views.open", view: view, hash: nextTimestamp(), rootViewID: id, previousViewID: nil)
        mutable.withLock { $0.viewStack = [opened] }
        views.record(opened)
        return opened
    }

    func pushView(_ view: ModalView, origin: String) -> Result<FakeSlack.OpenedView, FakeViewRefusal> {
        let id = nextID("V")
        let hash = nextTimestamp()
        let result: Result<FakeSlack.OpenedView, FakeViewRefusal> = mutable.withLock { state in
            guard let top = state.viewStack.last else { return .failure(FakeViewRefusal(code: "not_found")) }
            guard state.viewStack.count < BlockKitLimits.viewStack else { return .failure(FakeViewRefusal(code: "push_limit_reached")) }
            let opened = FakeSlack.OpenedView(id: id, origin: origin, view: view, hash: hash, rootViewID: top.rootViewID, previousViewID: top.id)
            state.viewStack.append(opened)
            return .success(opened)
        }
        if case .success(let opened) = result { views.record(opened) }
        return result
    }

    func updateView(_ viewID: String, with view: ModalView, hash: String?, origin: String) -> Result<FakeSlack.OpenedView, FakeViewRefusal> {
        let newHash = nextTimestamp()
        let result: Result<FakeSlack.OpenedView, FakeViewRefusal> = mutable.withLock { state in
            guard let index = state.viewStack.firstIndex(where: { $0.id == viewID }) else { return .failure(FakeViewRefusal(code: "not_found")) }
            if let hash, hash != state.viewStack[index].hash { return .failure(FakeViewRefusal(code: "hash_conflict")) }
            state.viewStack[index].view = view
            state.viewStack[index].hash = newHash
            state.viewStack[index].origin = origin
            return .success(state.viewStack[index])
        }
        if case .success(let opened) = result { views.record(opened) }
        return result
    }
}

extension JSONValue {
    fileprivate var objectMembers: [String: JSONValue] {
        if case .object(let members) = self { members } else { [:] }
    }
}
