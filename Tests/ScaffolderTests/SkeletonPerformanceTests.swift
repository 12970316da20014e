import Catalog
import Foundation
import Testing

@testable import Scaffolder

/// The benchmark's skeleton (`backline-bench scaffolder` times it; BENCHMARKS.md has the numbers):
/// here only what it produces is checked, since a unit test's timing measures the machine.
@Suite("A 200-file skeleton: dry run and full run", .timeLimit(.minutes(3)))
struct SkeletonPerformanceTests {
    @Test("a 200-file skeleton renders every templated name in a dry run and pushes in a full run")
    func twoHundredFiles() async throws {
        let folder = try TemporaryFolder()
        var files: [String: String] = [:]
        for index in 0..<200 {
            files["skeleton/${{ values.name }}/module\(index / 20)/file\(index)-${{ values.name | lower }}.txt"] = """
                # ${{ values.name | upper }} file \(index)
                owner: ${{ values.owner | dump }}
                {% for tag in values.tags %}- ${{ tag }}{% if not loop.last %}
                {% endif %}{% endfor %}
                {%- if values.name == "x" %}never{% endif %}
                """ + String(repeating: "line of plain text with {{ braces }} left alone\n", count: 20)
        }
        try folder.write(files)
        let remote = try await bareRepository(in: folder)
        let t = try template(
            """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: bench }
            spec:
              type: service
              steps:
                - id: fetch
                  action: fetch:template
                  input: { url: ./skeleton, values: { name: Bench, owner: group:default/playback, tags: [a, b, c] } }
                - id: publish
                  action: publish:git
                  input: { remoteUrl: '\(remote.path)' }
            """, in: folder)
        let dry = await TemplateRunner().run(t, RunRequest(isDryRun: true))
        #expect(dry.status == .ok, "\(dry.message ?? "")")
        #expect(dry.files.count == 200)
        #expect(dry.files.first?.path == "Bench/module0/file0-bench.txt")

        #expect(dry.files.last?.path == "Bench/module9/file199-bench.txt")
        let full = await TemplateRunner().run(t, RunRequest())
        #expect(full.status == .ok, "\(full.message ?? "")")
    }
}
