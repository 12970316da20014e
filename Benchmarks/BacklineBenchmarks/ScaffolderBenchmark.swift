import ArgumentParser
import Catalog
import Foundation
import Scaffolder

/// Issue #11's measurement: a template whose skeleton has 200 files with templated names and
/// contents, run as a dry run and as a full run that pushes to a local bare repository.
struct ScaffolderBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaffolder", abstract: "A 200-file skeleton: dry run and full run into a local bare git repository.")

    @Option(help: "Runs of each kind (the median and the slowest are reported).")
    var runs = 5

    @Option(help: "Scratch directory (replaced).")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("backline-bench-scaffolder").path

    func run() async throws {
        let work = URL(fileURLWithPath: workDirectory)
        try? FileManager.default.removeItem(at: work)
        for index in 0..<200 {
            let file = work.appendingPathComponent("skeleton/${{ values.name }}/module\(index / 20)/file\(index)-${{ values.name | lower }}.txt")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = """
                # ${{ values.name | upper }} file \(index)
                owner: ${{ values.owner | dump }}
                {% for tag in values.tags %}- ${{ tag }}{% if not loop.last %}
                {% endif %}{% endfor %}
                {%- if values.name == "x" %}never{% endif %}

                """ + String(repeating: "line of plain text with {{ braces }} left alone\n", count: 20)
            try Data(text.utf8).write(to: file)
        }
        var dry = Samples(), full = Samples()
        var dryCPU: [Duration] = [], fullCPU: [Duration] = []
        for round in 0..<runs {
            let remote = work.appendingPathComponent("remote-\(round).git")
            guard case .success(let created) = await TimedProcess.run(
                ["git", "init", "-q", "--bare", "-b", "main", remote.path], environment: ProcessInfo.processInfo.environment, timeout: .seconds(30)),
                created.status == 0
            else { throw ValidationError("git init --bare failed") }
            let templateFile = work.appendingPathComponent("template.yaml")
            try Data("""
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

                """.utf8).write(to: templateFile)
            let template = try Template(origin: TemplateOrigin(file: templateFile, root: work))
            var cpu = processCPUTime() + processCPUTime(children: true)
            let dryRun = await dry.measure { await TemplateRunner().run(template, RunRequest(isDryRun: true)) }
            dryCPU.append(processCPUTime() + processCPUTime(children: true) - cpu)
            precondition(dryRun.status == .ok && dryRun.files.count == 200, "the dry run must render 200 files")
            cpu = processCPUTime() + processCPUTime(children: true)
            let fullRun = await full.measure { await TemplateRunner().run(template, RunRequest()) }
            fullCPU.append(processCPUTime() + processCPUTime(children: true) - cpu)
            precondition(fullRun.status == .ok, "the full run must push: \(fullRun.message ?? "")")
        }
        func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
        print("| measurement (\(runs) runs) | wall median / max | CPU median (git included) | goal |\n|---|---|---|---|")
        print("| dry run, 200 files | \(dry.percentile(0.5).formatted) / \(dry.percentile(1).formatted) | \(median(dryCPU).formatted) | ≤ 300 ms |")
        print("| full run, push to a bare repository | \(full.percentile(0.5).formatted) / \(full.percentile(1).formatted) | \(median(fullCPU).formatted) | ≤ 2 s |")
    }
}
