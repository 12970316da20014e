import Catalog
import Foundation
import GRDB
import Testing

@testable import Scaffolder

@Suite("Running templates: refusals, validation, steps, outputs, records", .timeLimit(.minutes(3)))
struct RunnerTests {
    static let header = """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: t, title: T }
        spec:
          type: service

        """

    @Test("a template naming an action Backline lacks is refused before anything runs, naming it")
    func unknownAction() async throws {
        let folder = try TemporaryFolder()
        try folder.write(["skeleton/a.txt": "a"])
        let t = try template(
            Self.header + """
              steps:
                - { id: fetch, action: 'fetch:template', input: { url: ./skeleton } }
                - { id: pr, action: 'publish:gitlab', input: {} }
            """, in: folder)
        let out = folder.url.appendingPathComponent("out")
        let result = await TemplateRunner().run(t, RunRequest(outputDirectory: out))
        #expect(result.status == .failed)
        #expect(result.message == "t uses action Backline does not have: publish:gitlab; nothing was run")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("a.txt").path))
        #expect(result.steps.allSatisfy { $0.status == .notRun })
    }

    @Test("every invalid value is listed at once, each naming its field")
    func validation() async throws {
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              parameters:
                - title: One
                  required: [name, owner]
                  properties:
                    name: { type: string, pattern: '^[a-z-]+$', maxLength: 10 }
                    owner: { type: string, ui:field: OwnerPicker, ui:options: { catalogFilter: { kind: Group } } }
                    replicas: { type: integer, minimum: 1, maximum: 5 }
                    tier: { type: string, enum: ['1', '2'] }
                - title: Two
                  required: [repoUrl]
                  properties:
                    repoUrl: { type: string, ui:field: RepoUrlPicker, ui:options: { allowedHosts: [github.com] } }
                    tags: { type: array, items: { type: string, minLength: 2 } }
                    nested:
                      type: object
                      required: [inner]
                      properties: { inner: { type: string } }
              steps:
                - { id: log, action: 'debug:log', input: { message: hi } }
            """, in: folder)
        let result = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(
            t,
            RunRequest(values: [
                "name": "Not Valid Name", "owner": "nobody", "replicas": "9", "tier": "3", "repoUrl": "gitlab.com?owner=a&repo=b",
                "tags": "ok,x", "nested": .object([:]), "typo": "1",
            ]))
        #expect(result.status == .invalid)
        let fields = Set(result.errors.map(\.field))
        #expect(fields == ["name", "owner", "replicas", "tier", "repoUrl", "tags[1]", "nested.inner", "typo"])
        #expect(result.errors.contains(FieldError(field: "replicas", message: "must be at most 5")))
        #expect(result.errors.contains { $0.field == "owner" && $0.message.contains("no Group \"nobody\"") && $0.message.contains("playback") })
        #expect(result.errors.contains { $0.field == "repoUrl" && $0.message.contains("gitlab.com is not allowed") })
        #expect(result.steps.allSatisfy { $0.status == .notRun })

        let missing = await TemplateRunner(catalog: PickerCatalog(entities: pickerEntities)).run(t, RunRequest(values: [:]))
        #expect(Set(missing.errors.map(\.field)) == ["name", "owner", "repoUrl"])
        #expect(missing.errors.allSatisfy { $0.message == "is required" })
    }

    @Test("pickers yield full refs and Backstage's repository string")
    func pickers() async throws {
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              parameters:
                properties:
                  owner: { type: string, ui:field: OwnerPicker, ui:options: { catalogFilter: { kind: Group, spec.type: team } } }
                  system: { type: string, ui:field: EntityPicker, ui:options: { catalogFilter: [{ kind: System }] } }
                  repoUrl: { type: string, ui:field: RepoUrlPicker, ui:options: { allowedHosts: [github.com] } }
              steps:
                - { id: log, action: 'debug:log', input: { message: '${{ parameters.owner }} ${{ parameters.system }} ${{ parameters.repoUrl }}' } }
            """, in: folder)
        let runner = TemplateRunner(catalog: PickerCatalog(entities: pickerEntities))
        let result = await runner.run(t, RunRequest(values: ["owner": "playback", "system": "personalization", "repoUrl": "tempo-music/queue-api"]))
        #expect(result.status == .ok, "\(result.errors)")
        #expect(result.steps[0].log == ["group:default/playback system:default/personalization github.com?owner=tempo-music&repo=queue-api"])
        // The organisation is a Group but not a team: the filter leaves it out.
        let notTeam = await runner.run(t, RunRequest(values: ["owner": "tempo"]))
        #expect(notTeam.errors.map(\.field) == ["owner"])
        var given: [String: JSONValue] = [:]
        ParameterForm.assign("repoUrl.owner", "acme", into: &given)
        ParameterForm.assign("repoUrl.repo", "api", into: &given)
        let dotted = await runner.run(t, RunRequest(values: given))
        #expect(dotted.steps[0].log == ["  github.com?owner=acme&repo=api"])
    }

    @Test("dependencies with oneOf: the branch the value picks is validated")
    func dependencies() async throws {
        let t = try TemplateLibrary.load(file: goldenPaths.appendingPathComponent("tempo-event-consumer/template.yaml"))
        let runner = TemplateRunner(catalog: PickerCatalog(entities: pickerEntities))
        let base: [String: JSONValue] = ["name": "plays-counter", "owner": "playback", "system": "personalization", "stream": "listening-events", "remoteUrl": "/x"]
        let streaming = await runner.run(t, RunRequest(values: base.merging(["schedule": "streaming"]) { $1 }, isDryRun: true))
        #expect(streaming.errors == [FieldError(field: "consumerGroup", message: "is required")])
        let hourly = await runner.run(t, RunRequest(values: base, isDryRun: true))
        #expect(hourly.status == .ok, "\(hourly.errors) \(hourly.message ?? "")")
    }

    @Test("if: skips, each: repeats, outputs feed later steps and the template's output")
    func stepsAndOutputs() async throws {
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              parameters:
                properties:
                  items: { type: array, default: [a, b] }
                  publish: { type: boolean, default: false }
              steps:
                - { id: skipped, if: '${{ parameters.publish }}', action: 'debug:log', input: { message: never } }
                - { id: empty-list, if: '${{ [] }}', action: 'debug:log', input: { message: never } }
                - id: each
                  each: ${{ parameters.items }}
                  action: fetch:plain:file
                  input: { url: ./file.txt, targetPath: '${{ each.value }}/${{ each.key }}.txt' }
                - { id: read, action: 'catalog:fetch', input: { entityRef: 'group:playback' } }
                - { id: log, action: 'debug:log', input: { message: 'team ${{ steps.read.output.entity.metadata.name }}', listWorkspace: true } }
              output:
                links:
                  - { title: Team, url: 'https://example.test/${{ steps.read.output.entity.metadata.name }}' }
                  - { title: Nothing, url: '${{ steps.skipped.output.url }}' }
                text:
                  - { title: Done, content: '${{ parameters.items | length }} items' }
            """, in: folder)
        try folder.write(["file.txt": "f"])
        let services = ScaffolderServices(lookup: { ref in pickerEntities.first { $0.ref == ref } })
        let result = await TemplateRunner(services: services).run(t, RunRequest(isDryRun: true))
        #expect(result.status == .ok, "\(result.message ?? "")")
        #expect(result.steps.map(\.status) == [.skipped, .skipped, .completed, .completed, .completed])
        #expect(result.files.map(\.path) == ["a/0.txt", "b/1.txt"])
        #expect(result.steps[4].log == ["team playback", "  a/0.txt", "  b/1.txt"])
        #expect(result.links.map(\.target) == ["https://example.test/playback"])
        #expect(result.output["text"]?.arrayValue?.first?["content"] == "2 items")
    }

    @Test("a template can limit itself to groups")
    func allowedGroups() async throws {
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              allowed: [group:default/platform-infra]
              steps:
                - { id: log, action: 'debug:log', input: { message: hi } }
            """, in: folder)
        let refused = await TemplateRunner().run(t, RunRequest(user: RunUser(ref: "user:default/ana", groups: ["group:default/playback"])))
        #expect(refused.status == .failed)
        #expect(refused.message == "t may be run only by members of group:default/platform-infra")
        let allowed = await TemplateRunner().run(t, RunRequest(user: RunUser(ref: "user:default/bo", groups: ["group:default/platform-infra"])))
        #expect(allowed.status == .ok)
    }

    @Test("a symbolic link made by a step is refused")
    func symlinkMadeByStep() async throws {
        struct LinkAction: ScaffolderAction {
            let id = "test:link"
            let runsInDryRun = true
            func run(_ context: ActionContext) async throws -> [String: JSONValue] {
                try FileManager.default.createSymbolicLink(atPath: context.workspace.root.appendingPathComponent("etc").path, withDestinationPath: "/etc")
                return [:]
            }
        }
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              steps:
                - { id: link, action: 'test:link' }
                - { id: write, action: 'catalog:write', input: { filePath: etc/passwd, entity: { kind: x } } }
            """, in: folder)
        var actions = ActionRegistry.builtIn
        actions.add(LinkAction())
        let result = await TemplateRunner(actions: actions).run(t, RunRequest(isDryRun: true))
        #expect(result.status == .failed)
        #expect(result.failedStep?.id == "link")
        #expect(result.message?.contains("etc is a symbolic link") == true)
    }

    @Test("an error in a template value names the file, line and column before anything runs")
    func templateValueError() throws {
        let folder = try TemporaryFolder()
        #expect {
            _ = try template(
                Self.header + """
                  steps:
                    - id: log
                      action: debug:log
                      input: { message: 'hello ${{ parameters.name | shout }}' }
                """, in: folder)
        } throws: { error in
            "\(error)" == "template.yaml:9:54: unknown filter \"shout\""
        }
    }

    @Test("runs are kept with secrets masked, and a failed run says which step failed and what was done")
    func records() async throws {
        let store = try ScaffolderStore(writer: DatabaseQueue())
        let folder = try TemporaryFolder()
        let t = try template(
            Self.header + """
              parameters:
                properties:
                  token: { type: string, ui:widget: password }
              steps:
                - { id: log, action: 'debug:log', input: { message: 'using ${{ parameters.token }} and ${{ secrets.API_KEY }}' } }
                - { id: push, action: 'publish:git', input: { remoteUrl: '${{ parameters.token }}-/nowhere/at/all.git' } }
            """, in: folder)
        let result = await TemplateRunner(store: store).run(
            t, RunRequest(values: ["token": "hunter22"], user: RunUser(ref: "user:default/ana"), secrets: ["API_KEY": "sk-live-123"]))
        #expect(result.status == .failed)
        #expect(result.message?.hasPrefix("step push (publish:git) failed: committed ") == true)
        #expect(result.message?.contains("locally, but the push to ***-/nowhere/at/all.git failed") == true)
        #expect(result.message?.contains("done before it: log (debug:log)") == true)
        let runs = try await store.runs(template: "t")
        #expect(runs.count == 1)
        #expect(runs[0].status == "failed")
        #expect(runs[0].user == "user:default/ana")
        #expect(runs[0].parameters == .object(["token": "***"]))
        #expect(runs[0].steps.map(\.status) == ["completed", "failed"])
        #expect(runs[0].steps[0].log == ["using *** and ***"])
        let everything = "\(runs)"
        #expect(!everything.contains("hunter22") && !everything.contains("sk-live-123"))
    }
}
