@testable import BacklineServer
import Catalog
import Foundation
import Scaffolder
import Slack
import Testing

/// A template's form as Slack views, and Slack's state back into the form's values, without a server.
@Suite("Template forms as Slack views")
struct TemplateModalTests {
    static let yaml = """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: {name: every-field, title: A template whose title is far too long for Slack}
        spec:
          type: service
          parameters:
            - title: Kinds of fields
              required: [size, repoUrl]
              ui:order: [size, public, replicas, notes, langs, repoUrl, token, team, service]
              properties:
                size: {type: string, enum: [s, m, l], enumNames: [Small, Medium, Large], default: m}
                public: {type: boolean, title: Public, default: true}
                replicas: {type: integer, minimum: 1, maximum: 9, default: 2}
                notes: {type: string, ui:widget: textarea}
                langs: {type: array, items: {type: string, enum: [swift, go]}, default: [go]}
                repoUrl:
                  type: string
                  ui:field: RepoUrlPicker
                  ui:options: {allowedHosts: [github.com, ghe.tempo.io]}
                token: {type: string, ui:widget: password}
                team: {type: string, ui:field: OwnerPicker, ui:options: {catalogFilter: {kind: Group}}}
                service: {type: string, ui:field: EntityPicker, ui:options: {catalogFilter: {kind: Component}}}
            - title: Second
              properties:
                extra: {type: string}
          steps:
            - {id: log, action: 'debug:log', input: {message: hi}}
        """

    static func template() throws -> Template {
        try Template(text: yaml, origin: TemplateOrigin(file: URL(fileURLWithPath: "/nonexistent/every-field/template.yaml")))
    }

    static func entity(_ kind: String, _ name: String, title: String? = nil) -> Entity {
        Entity(apiVersion: "backstage.io/v1alpha1", kind: kind, metadata: EntityMetadata(name: name, title: title), spec: .object(["owner": "playback"]))
    }

    @Test("each kind of field becomes the Slack input people expect, within Block Kit's limits")
    func fieldsBecomeInputs() throws {
        let modal = TemplateModal(template: try Self.template())
        let groups = [Self.entity("Group", "playback", title: "Playback"), Self.entity("Group", "playlists")]
        let components = (1...150).map { Self.entity("Component", "service-\($0)") }
        let view = try modal.view(
            page: 0, state: TemplateModalState(template: "every-field", page: 0, channel: "C1", values: [:]),
            choices: ["team": groups, "service": components])
        #expect(view.violations().isEmpty)
        #expect(view.title.count <= 24)
        #expect(view.submit == "Next")
        let inputs = Dictionary(uniqueKeysWithValues: view.inputs.map { ($0.blockID, $0) })
        #expect(view.inputs.map(\.blockID) == ["size", "public", "replicas", "notes", "langs", "repoUrl.host", "repoUrl.owner", "repoUrl.repo", "token", "team", "service"])
        // enumNames label the options; the enum's own values come back by position.
        let sizes = OptionObject(text: "Medium", value: "1")
        #expect(inputs["size"]?.element == .staticSelect(actionID: "value", options: [OptionObject(text: "Small", value: "0"), sizes, OptionObject(text: "Large", value: "2")], initialOption: sizes, placeholder: "Choose"))
        #expect(inputs["public"]?.element == .checkboxes(actionID: "value", options: [OptionObject(text: "Public", value: "true")], initialOptions: [OptionObject(text: "Public", value: "true")]))
        #expect(inputs["public"]?.isOptional == true)
        #expect(inputs["replicas"]?.element == .number(actionID: "value", isDecimalAllowed: false, initialValue: "2", minValue: "1", maxValue: "9"))
        #expect(inputs["notes"]?.element == .plainText(actionID: "value", multiline: true))
        #expect(inputs["langs"]?.element.type == "multi_static_select")
        #expect(inputs["repoUrl.host"]?.element.options.map(\.value) == ["github.com", "ghe.tempo.io"])
        #expect(inputs["repoUrl.repo"]?.isOptional == false)
        #expect(inputs["token"]?.hint?.contains("masks") == true)
        #expect(inputs["team"]?.element.options.map(\.text) == ["Playback (playback)", "playlists"])
        #expect(inputs["team"]?.element.options.first?.value == "group:default/playback")
        // 150 components are more than a select holds (100): the name is typed and checked.
        #expect(inputs["service"]?.element.type == "plain_text_input")
        #expect(inputs["service"]?.hint?.contains("150 entities") == true)
    }

    @Test("what Slack sends back becomes the form's values and the form's checks place errors on blocks")
    func stateBecomesValues() async throws {
        let template = try Self.template()
        let modal = TemplateModal(template: template)
        let view = SubmittedView(id: "V1", callbackID: TemplateModal.callbackID, values: [
            "size": ["value": ViewStateValue(type: "static_select", selectedOptions: ["2"])],
            "public": ["value": ViewStateValue(type: "checkboxes")],
            "replicas": ["value": ViewStateValue(type: "number_input", value: "12")],
            "notes": ["value": ViewStateValue(type: "plain_text_input", value: "  two\nlines ")],
            "langs": ["value": ViewStateValue(type: "multi_static_select", selectedOptions: ["0", "1"])],
            "repoUrl.host": ["value": ViewStateValue(type: "static_select", selectedOptions: ["ghe.tempo.io"])],
            "repoUrl.owner": ["value": ViewStateValue(type: "plain_text_input", value: "tempo")],
            "repoUrl.repo": ["value": ViewStateValue(type: "plain_text_input", value: "bad repo!")],
            "token": ["value": ViewStateValue(type: "plain_text_input")],
        ])
        let values = modal.values(onPage: 0, from: view)
        #expect(values["size"] == "l")
        #expect(values["public"] == .bool(false))
        #expect(values["replicas"] == "12")
        #expect(values["notes"] == "  two\nlines ")
        #expect(values["langs"] == .array(["swift", "go"]))
        #expect(values["repoUrl"] == .object(["host": "ghe.tempo.io", "owner": "tempo", "repo": "bad repo!"]))
        #expect(values["token"] == nil)
        let (_, errors) = await ParameterForm(template: template).prepare(values, catalog: nil)
        let placed = modal.blockErrors(errors, page: 0)
        #expect(placed["replicas"]?.contains("at most 9") == true, "\(placed)")
        #expect(placed["repoUrl.repo"]?.contains("letters, digits") == true, "\(placed)")
        #expect(placed.count == 2, "\(placed)")
    }

    @Test("private_metadata over Slack's 3,000 characters is refused plainly; metadata that is not ours is not believed")
    func metadataLimits() throws {
        let modal = TemplateModal(template: try Self.template())
        let long = TemplateModalState(template: "every-field", page: 1, channel: "C1", values: ["notes": .string(String(repeating: "n", count: 3000))])
        #expect(throws: TemplateModalRefusal.self) { try modal.view(page: 1, state: long, choices: [:]) }
        do {
            _ = try long.encoded()
        } catch {
            #expect(error.message.contains("3000"))
            #expect(error.message.contains("/template run every-field key=value"))
        }
        let fine = TemplateModalState(template: "every-field", page: 1, channel: "C1", values: ["size": "s"])
        #expect(TemplateModalState.decode(try fine.encoded()) == fine)
        for forged in [
            nil, "", "not json", #"{"v":2,"template":"every-field","page":0,"values":{}}"#, #"{"v":1,"template":"every-field","page":-1,"values":{}}"#,
            #"{"v":1,"template":"every-field","page":0.5,"values":{}}"#, #"{"v":1,"template":"every-field","page":0,"values":[]}"#,
            #"{"v":1,"template":"every-field","page":0,"channel":"C1&user=U2","values":{}}"#,
        ] {
            #expect(TemplateModalState.decode(forged) == nil, "\(forged ?? "nil")")
        }
    }
}
