import Catalog
import Foundation
import Scaffolder
import Slack

/// A template's form as Slack modal views, one view per parameter page, and the way back from a
/// submitted view to the form's values.
///
/// Each field is one input block whose `block_id` is the field's name (a `RepoUrlPicker` is three:
/// `NAME.host`, `NAME.owner`, `NAME.repo`), so a validation error naming a field lands on its block.
/// Values travel as text where Slack takes text, exactly as `/template run NAME key=value` gives
/// them, so the same ``ParameterForm/prepare(_:catalog:)`` reads both.
struct TemplateModal {
    /// The `callback_id` of every template view, so other views' submissions are left alone.
    static let callbackID = "backline.template"
    /// The one element of each input block.
    static let actionID = "value"

    let template: Template
    let fields: [ParameterForm.Field]

    init(template: Template) {
        self.template = template
        fields = ParameterForm(template: template).fields
    }

    /// The fields of page `page`.
    func fields(onPage page: Int) -> [ParameterForm.Field] { fields.filter { $0.page == page } }

    /// The view of page `page`: its fields as input blocks, `state` in `private_metadata`.
    /// - Parameter choices: for each entity picker field, the catalog entities it offers.
    /// - Throws: ``TemplateModalRefusal`` when the page cannot be a Slack view (too many fields,
    ///   values too long to carry between pages).
    func view(page: Int, state: TemplateModalState, choices: [String: [Entity]]) throws(TemplateModalRefusal) -> ModalView {
        let pageCount = template.pages.count
        var blocks: [Block] = []
        let info = template.pages[page]
        var intro: [String] = []
        if pageCount > 1 { intro.append("*Step \(page + 1) of \(pageCount)\(info.title.map { ": \(TextObject.escape($0))" } ?? "")*") }
        if let description = (info.description ?? (page == 0 ? template.description : nil))?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            intro.append(TextObject.escape(description))
        }
        if !intro.isEmpty { blocks.append(.section(text: .markdown(Self.clip(intro.joined(separator: "\n"), BlockKitLimits.sectionText)), fields: [])) }
        let own = Set(info.propertyNames)
        let pageFields = fields(onPage: page)
        for field in pageFields {
            // Fields a `dependencies` branch adds are required only on that branch: the check after
            // submission decides, so Slack's client must not.
            let isOptional = !(field.isRequired && own.contains(field.name))
            blocks += inputs(for: field, isOptional: isOptional, carried: state.values[field.name], choices: choices[field.name]).map(Block.input)
        }
        if pageFields.isEmpty { blocks.append(.context([.plain("Nothing to fill in on this page.")])) }
        let metadata = try state.encoded()
        let isLast = page == pageCount - 1
        let view = ModalView(
            title: Self.clip(template.displayName, BlockKitLimits.viewTitle), submit: isLast ? "Run" : "Next", close: "Cancel", blocks: blocks,
            privateMetadata: metadata, callbackID: Self.callbackID)
        let violations = view.violations()
        guard violations.isEmpty else {
            throw TemplateModalRefusal(
                message: "\(template.name)'s page \(page + 1) does not fit in a Slack form (\(violations.prefix(3).map(\.description).joined(separator: "; ")))")
        }
        return view
    }

    /// A view that only says something (the form is out of date, the run could not start).
    static func notice(title: String, text: String) -> ModalView {
        ModalView(title: clip(title, BlockKitLimits.viewTitle), close: "Close", blocks: [.section(text: .markdown(clip(TextObject.escape(text), BlockKitLimits.sectionText)), fields: [])])
    }

    // MARK: Fields to inputs

    func inputs(for field: ParameterForm.Field, isOptional: Bool, carried: JSONValue?, choices: [Entity]?) -> [InputBlock] {
        let schema = field.schema
        let label = Self.clip(field.title ?? field.name, BlockKitLimits.inputLabel)
        var hint = field.description?.trimmingCharacters(in: .whitespacesAndNewlines)
        if field.isSecret { hint = [hint, "Slack shows what you type here; Backline masks it in the run's record."].compactMap { $0 }.joined(separator: " ") }
        let value = carried ?? field.defaultValue
        let placeholder = schema["ui:placeholder"]?.stringValue.map { Self.clip($0, BlockKitLimits.placeholder) }
        func block(_ id: String, _ label: String, _ element: InputElement, hint: String?, optional: Bool? = nil) -> InputBlock {
            InputBlock(
                blockID: id, label: label, element: element, hint: hint.flatMap { $0.isEmpty ? nil : Self.clip($0, BlockKitLimits.inputHint) },
                isOptional: optional ?? isOptional)
        }
        if field.picker == "RepoUrlPicker" {
            return repoInputs(field, label: label, value: value, isOptional: isOptional, hint: hint)
        }
        if field.picksEntity {
            let choices = (choices ?? []).filter { $0.ref.description.count <= BlockKitLimits.optionValue }
            if !choices.isEmpty, choices.count <= BlockKitLimits.selectOptions {
                let options = choices.map { OptionObject(text: Self.clip(Self.label(of: $0), BlockKitLimits.optionText), value: $0.ref.description) }
                let initial = value?.stringValue.flatMap { wanted in
                    options.first { $0.value.lowercased() == wanted.lowercased() || $0.value.lowercased().hasSuffix("/\(wanted.lowercased())") }
                }
                return [block(field.name, label, .staticSelect(actionID: Self.actionID, options: options, initialOption: initial, placeholder: placeholder ?? "Choose"), hint: hint)]
            }
            // More than a select holds (or nothing to offer): the name or ref is typed and checked.
            let more = choices.isEmpty ? "Type a name or ref." : "\(choices.count) entities match, more than a list holds: type a name or ref."
            return [block(field.name, label, .plainText(actionID: Self.actionID, initialValue: value?.stringValue, placeholder: placeholder), hint: [hint, more].compactMap { $0 }.joined(separator: " "))]
        }
        let type = field.type
        if let options = schema["enum"]?.arrayValue, !options.isEmpty, options.count <= BlockKitLimits.selectOptions {
            let select = Self.enumOptions(options, names: schema["enumNames"]?.arrayValue)
            let initial = value.flatMap { options.firstIndex(of: $0) }.map { select[$0] }
            return [block(field.name, label, .staticSelect(actionID: Self.actionID, options: select, initialOption: initial, placeholder: placeholder ?? "Choose"), hint: hint)]
        }
        switch type {
        case "boolean":
            let option = OptionObject(text: Self.clip(field.title ?? field.name, BlockKitLimits.optionText), value: "true")
            // Unticked is an answer (false), so the box is never "required" for Slack's client.
            return [block(field.name, label, .checkboxes(actionID: Self.actionID, options: [option], initialOptions: value == .bool(true) ? [option] : []), hint: hint, optional: true)]
        case "number", "integer":
            let isDecimal = type == "number"
            func text(_ value: JSONValue?) -> String? {
                guard case .number(let number)? = value else { return nil }
                return Self.numberText(number, decimal: isDecimal)
            }
            return [block(
                field.name, label,
                .number(actionID: Self.actionID, isDecimalAllowed: isDecimal, initialValue: text(value), minValue: text(schema["minimum"]), maxValue: text(schema["maximum"])),
                hint: hint)]
        case "array":
            if let items = schema["items"]?["enum"]?.arrayValue, !items.isEmpty, items.count <= BlockKitLimits.selectOptions {
                let select = Self.enumOptions(items, names: schema["items"]?["enumNames"]?.arrayValue)
                let initial = (value?.arrayValue ?? []).compactMap { items.firstIndex(of: $0) }.map { select[$0] }
                return [block(field.name, label, .multiStaticSelect(actionID: Self.actionID, options: select, initialOptions: initial, placeholder: placeholder ?? "Choose"), hint: hint)]
            }
            let initial = value?.arrayValue.map { $0.map(Self.text).joined(separator: ", ") }
            return [block(field.name, label, .plainText(actionID: Self.actionID, initialValue: initial, placeholder: placeholder), hint: [hint, "Separate items with commas."].compactMap { $0 }.joined(separator: " "))]
        case "object":
            let initial = value.map(Self.jsonText)
            return [block(field.name, label, .plainText(actionID: Self.actionID, initialValue: initial, placeholder: placeholder, multiline: true), hint: [hint, "A JSON object."].compactMap { $0 }.joined(separator: " "))]
        default:
            let maxLength = schema["maxLength"].flatMap { value -> Int? in
                guard case .number(let number) = value, number >= 1, number <= Double(BlockKitLimits.plainTextInputLength) else { return nil }
                return Int(number)
            }
            let multiline = schema["ui:widget"]?.stringValue == "textarea" || schema["ui:options"]?["multiline"] == .bool(true)
            var initial = value.map(Self.text)
            if let maxLength, let text = initial, text.count > maxLength { initial = nil }
            return [block(field.name, label, .plainText(actionID: Self.actionID, initialValue: initial, placeholder: placeholder, multiline: multiline, maxLength: maxLength), hint: hint)]
        }
    }

    /// `RepoUrlPicker`: host (a select of `allowedHosts` when given), owner (a select of
    /// `allowedOwners` when given) and repository.
    private func repoInputs(_ field: ParameterForm.Field, label: String, value: JSONValue?, isOptional: Bool, hint: String?) -> [InputBlock] {
        let options = field.schema["ui:options"] ?? .object([:])
        let carried = value?.objectValue ?? [:]
        func part(_ name: String, _ title: String, allowed: [String], fallback: String?, hint: String?) -> InputBlock {
            let id = "\(field.name).\(name)"
            let current = carried[name]?.stringValue ?? fallback
            let element: InputElement
            let usable = allowed.filter { $0.count <= BlockKitLimits.optionValue }
            if !usable.isEmpty, usable.count <= BlockKitLimits.selectOptions {
                let choices = usable.map { OptionObject(text: Self.clip($0, BlockKitLimits.optionText), value: $0) }
                element = .staticSelect(actionID: Self.actionID, options: choices, initialOption: choices.first { $0.value == current } ?? (choices.count == 1 ? choices[0] : nil))
            } else {
                element = .plainText(actionID: Self.actionID, initialValue: current)
            }
            return InputBlock(blockID: id, label: Self.clip("\(label): \(title)", BlockKitLimits.inputLabel), element: element, hint: hint.map { Self.clip($0, BlockKitLimits.inputHint) }, isOptional: isOptional)
        }
        let hosts = options["allowedHosts"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let owners = options["allowedOwners"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return [
            part("host", "host", allowed: hosts, fallback: hosts.first ?? "github.com", hint: nil),
            part("owner", "owner", allowed: owners, fallback: nil, hint: nil),
            part("repo", "repository", allowed: [], fallback: nil, hint: hint),
        ]
    }

    // MARK: Submitted views to values

    /// The values typed or chosen for page `page`'s fields, as text where Slack gives text;
    /// fields left empty are absent (so defaults and `required` apply as at the terminal).
    func values(onPage page: Int, from view: SubmittedView) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for field in fields(onPage: page) {
            if field.picker == "RepoUrlPicker" {
                var parts: [String: JSONValue] = [:]
                for name in ["host", "owner", "repo"] {
                    guard let state = view.value(block: "\(field.name).\(name)", action: Self.actionID) else { continue }
                    let text = (state.value ?? state.selectedOptions.first ?? "").trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty { parts[name] = .string(text) }
                }
                if parts["owner"] != nil || parts["repo"] != nil { values[field.name] = .object(parts) }
                continue
            }
            guard let state = view.value(block: field.name, action: Self.actionID) else { continue }
            switch state.type {
            case "checkboxes":
                values[field.name] = .bool(!state.selectedOptions.isEmpty)
            case "static_select":
                guard let chosen = state.selectedOptions.first else { continue }
                values[field.name] = enumValue(chosen, field.schema["enum"]?.arrayValue) ?? .string(chosen)
            case "multi_static_select":
                let items = field.schema["items"]?["enum"]?.arrayValue
                values[field.name] = .array(state.selectedOptions.map { enumValue($0, items) ?? .string($0) })
            default:
                guard let text = state.value, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                // Typed text keeps its spaces: a description is the person's own words.
                values[field.name] = .string(field.type == "string" ? text : text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return values
    }

    /// An enum option's value (its index) back to the enum's own value.
    private func enumValue(_ optionValue: String, _ options: [JSONValue]?) -> JSONValue? {
        guard let options, let index = Int(optionValue), options.indices.contains(index) else { return nil }
        return options[index]
    }

    /// Errors placed on the blocks of page `page`: each error on its field's block, errors of
    /// fields elsewhere on the page's first input (they cannot be shown anywhere else).
    func blockErrors(_ errors: [FieldError], page: Int) -> [String: String] {
        let pageFields = fields(onPage: page)
        let blockOf: [String: String] = Dictionary(uniqueKeysWithValues: pageFields.map { field in
            // A repository error is mostly about the repository's name or owner: shown under the name.
            (field.name, field.picker == "RepoUrlPicker" ? "\(field.name).repo" : field.name)
        })
        let firstBlock = pageFields.first.map { blockOf[$0.name]! }
        var placed: [String: [String]] = [:]
        for error in errors {
            let name = Self.topLevelName(error.field)
            if let block = blockOf[name] {
                placed[block, default: []].append(error.field == name ? error.message : "\(error.field) \(error.message)")
            } else if let firstBlock {
                placed[firstBlock, default: []].append(error.description)
            }
        }
        return placed.mapValues { Self.clip($0.joined(separator: "; "), BlockKitLimits.inputHint) }
    }

    /// `repo` for `repo.owner`, `tags` for `tags[1]`.
    static func topLevelName(_ path: String) -> String {
        String(path.prefix { $0 != "." && $0 != "[" })
    }

    // MARK: Text

    static func label(of entity: Entity) -> String {
        entity.metadata.title.map { "\($0) (\(entity.metadata.name))" } ?? entity.metadata.name
    }

    static func enumOptions(_ values: [JSONValue], names: [JSONValue]?) -> [OptionObject] {
        values.enumerated().map { index, value in
            let name = names.flatMap { $0.indices.contains(index) ? $0[index].stringValue : nil } ?? text(value)
            return OptionObject(text: clip(name.isEmpty ? "(empty)" : name, BlockKitLimits.optionText), value: String(index))
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): numberText(number, decimal: true)
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array, .object: jsonText(value)
        }
    }

    static func numberText(_ number: Double, decimal: Bool) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return decimal ? String(number) : String(Int64(number.rounded()))
    }

    static func jsonText(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// `text` cut to `limit` characters, with an ellipsis when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Why a template's form cannot be shown in Slack, for the person asking.
struct TemplateModalRefusal: Error, Sendable {
    let message: String
}
