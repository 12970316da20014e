import Catalog
import Foundation
import Slack

/// What a template's form carries from page to page in the view's `private_metadata`: the
/// template, the page shown, the channel the command came from (where progress goes), and the
/// values given on earlier pages.
///
/// Slack returns it inside a signed request, so nobody but Slack and Backline wrote it; it is
/// still read strictly (size, shape, a configured template, a page it has, its own fields only),
/// because a template file may have changed while the form was open.
struct TemplateModalState: Sendable, Equatable {
    /// The format's version, so a future change can refuse old forms plainly.
    static let version = 1

    var template: String
    var page: Int
    var channel: String?
    var values: [String: JSONValue]

    /// The JSON text for `private_metadata`.
    /// - Throws: ``TemplateModalRefusal`` when it exceeds Slack's 3,000 characters.
    func encoded() throws(TemplateModalRefusal) -> String {
        var members: [String: JSONValue] = [
            "v": .number(Double(Self.version)), "template": .string(template), "page": .number(Double(page)), "values": .object(values),
        ]
        if let channel { members["channel"] = .string(channel) }
        let text = TemplateModal.jsonText(.object(members))
        guard text.count <= BlockKitLimits.privateMetadata else {
            throw TemplateModalRefusal(
                message: "the values so far take \(text.count) characters, more than the \(BlockKitLimits.privateMetadata) Slack carries between pages; "
                    + "shorten them, or give them all at once: /template run \(template) key=value …")
        }
        return text
    }

    /// Reads `private_metadata`; nil when it is not a form of ours in this format.
    static func decode(_ text: String?) -> TemplateModalState? {
        guard let text, !text.isEmpty, text.count <= BlockKitLimits.privateMetadata,
            let value = try? JSONValue(parsingJSON: text), case .object(let members) = value,
            members["v"] == .number(Double(version)),
            let template = members["template"]?.stringValue, !template.isEmpty, template.count <= 253,
            case .number(let page)? = members["page"], page >= 0, page < 1000, page.rounded() == page,
            case .object(let values)? = members["values"]
        else { return nil }
        var channel: String?
        if let given = members["channel"] {
            // A conversation id: letters and digits only (it is used as a Web API argument).
            guard let id = given.stringValue, !id.isEmpty, id.count <= 32, id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else { return nil }
            channel = id
        }
        return TemplateModalState(template: template, page: Int(page), channel: channel, values: values)
    }
}
