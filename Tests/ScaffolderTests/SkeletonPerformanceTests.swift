import Catalog
import Foundation
import Testing

@testable import Scaffolder

#if canImport(Glibc)
import Glibc
#endif

/// The process's CPU time (user + system), children included (git), in seconds.
func cpuSeconds() -> Double {
    var own = rusage(), children = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &own)
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &children)
    func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
    return seconds(own) + seconds(children)
}

@Suite("A 200-file skeleton: dry run and full run times", .timeLimit(.minutes(1)))
struct SkeletonPerformanceTests {
    @Test("dry run and a full run into a bare repository: CPU time within the issue's goals (a debug build gets 5x)")
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
        let clock = ContinuousClock()

        var cpu = cpuSeconds()
        var started = clock.now
        let dry = await TemplateRunner().run(t, RunRequest(isDryRun: true))
        let dryTime = clock.now - started
        let dryCPU = cpuSeconds() - cpu
        #expect(dry.status == .ok, "\(dry.message ?? "")")
        #expect(dry.files.count == 200)
        #expect(dry.files.first?.path == "Bench/module0/file0-bench.txt")

        cpu = cpuSeconds()
        started = clock.now
        let full = await TemplateRunner().run(t, RunRequest())
        let fullTime = clock.now - started
        let fullCPU = cpuSeconds() - cpu
        #expect(full.status == .ok, "\(full.message ?? "")")
        print("scaffolder benchmark: 200 files, dry run \(dryTime) (CPU \(dryCPU) s), full run with push \(fullTime) (CPU \(fullCPU) s)")
        // Wall time depends on what else the machine runs; CPU time is this run's own cost.
        #expect(dryCPU < 1.5)
        #expect(fullCPU < 10)
    }
}
