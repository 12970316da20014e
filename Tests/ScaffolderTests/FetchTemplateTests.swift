import Catalog
import Foundation
import Testing

@testable import Scaffolder

@Suite("fetch:template and the workspace's safety", .timeLimit(.minutes(3)))
struct FetchTemplateTests {
    static let yaml = """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: t }
        spec:
          type: service
          parameters:
            properties:
              name: { type: string }
              withDocs: { type: boolean, default: false }
          steps:
            - id: fetch
              action: fetch:template
              input:
                url: ./skeleton
                copyWithoutTemplating: ['.github/workflows/*']
                values:
                  name: ${{ parameters.name }}
                  withDocs: ${{ parameters.withDocs }}
        """

    func run(_ folder: TemporaryFolder, _ yaml: String = yaml, values: [String: JSONValue] = ["name": "queue-api"], limits: WorkspaceLimits = WorkspaceLimits()) async throws
        -> (RunResult, URL)
    {
        let out = folder.url.appendingPathComponent("out")
        let result = await TemplateRunner(limits: limits).run(try template(yaml, in: folder), RunRequest(values: values, outputDirectory: out))
        return (result, out)
    }

    @Test("names and contents are rendered; an empty name skips its file; workflows keep their ${{ }}")
    func rendersNamesAndContents() async throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "skeleton/src/${{ values.name }}/main.txt": "service ${{ values.name | upper }}",
            "skeleton/${{ 'docs' if values.withDocs }}/index.md": "docs",
            "skeleton/.github/workflows/ci.yml": "key: ${{ github.sha }} for ${{ values.name }}",
            "skeleton/plain.txt": "{{ left.alone }}",
        ])
        let (result, out) = try await run(folder)
        #expect(result.status == .ok, "\(result.message ?? "")")
        #expect(try String(contentsOf: out.appendingPathComponent("src/queue-api/main.txt"), encoding: .utf8) == "service QUEUE-API")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("docs").path))
        #expect(try String(contentsOf: out.appendingPathComponent(".github/workflows/ci.yml"), encoding: .utf8) == "key: ${{ github.sha }} for ${{ values.name }}")
        #expect(try String(contentsOf: out.appendingPathComponent("plain.txt"), encoding: .utf8) == "{{ left.alone }}")

        let second = try TemporaryFolder().copying(folder)
        let (withDocs, docsOut) = try await run(second, values: ["name": "queue-api", "withDocs": "true"])
        #expect(withDocs.status == .ok)
        #expect(FileManager.default.fileExists(atPath: docsOut.appendingPathComponent("docs/index.md").path))
    }

    @Test("binary files are copied byte for byte and executables stay executable")
    func binaryAndExecutable() async throws {
        let folder = try TemporaryFolder()
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x24, 0x7B, 0x7B, 0xFF, 0xFE])  // PNG-ish, with "${{" inside
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("skeleton"), withIntermediateDirectories: true)
        try bytes.write(to: folder.url.appendingPathComponent("skeleton/logo.png"))
        try folder.write(["skeleton/run.sh": "#!/bin/sh\necho ${{ values.name }}\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.appendingPathComponent("skeleton/run.sh").path)
        let (result, out) = try await run(folder)
        #expect(result.status == .ok)
        #expect(try Data(contentsOf: out.appendingPathComponent("logo.png")) == bytes)
        #expect(FileManager.default.isExecutableFile(atPath: out.appendingPathComponent("run.sh").path))
        #expect(try String(contentsOf: out.appendingPathComponent("run.sh"), encoding: .utf8) == "#!/bin/sh\necho queue-api\n")
    }

    @Test("templateFileExtension renders only .njk files and strips the extension; cookiecutterCompat uses {{ }}")
    func extensionAndCookiecutter() async throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "skeleton/README.md.njk": "# ${{ values.name }}",
            "skeleton/raw.md": "${{ values.name }} stays",
            // With {{ }} as the delimiter, `${{ kept }}` is a `$` and an undefined variable, as in Nunjucks.
            "cookie/{{ cookiecutter.name }}.txt": "{{ cookiecutter.name }} ${{ kept }}",
        ])
        let yaml = Self.yaml.replacingOccurrences(of: "copyWithoutTemplating: ['.github/workflows/*']", with: "templateFileExtension: true")
            + "\n    - id: cookie\n      action: fetch:template\n      input: { url: ./cookie, cookiecutterCompat: true, targetPath: cc, values: { name: '${{ parameters.name }}' } }"
        let (result, out) = try await run(folder, yaml)
        #expect(result.status == .ok, "\(result.message ?? "")")
        #expect(try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8) == "# queue-api")
        #expect(try String(contentsOf: out.appendingPathComponent("raw.md"), encoding: .utf8) == "${{ values.name }} stays")
        #expect(try String(contentsOf: out.appendingPathComponent("cc/queue-api.txt"), encoding: .utf8) == "queue-api $")
    }

    @Test("a name that renders out of the workspace is refused, naming the path")
    func escapingNames() async throws {
        let folder = try TemporaryFolder()
        try folder.write(["skeleton/${{ values.name }}/x.txt": "x"])
        let (result, _) = try await run(folder, values: ["name": "../../outside"])
        #expect(result.status == .failed)
        #expect(result.message?.contains("../../outside/x.txt") == true)
        #expect(result.message?.contains("leaves the workspace") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("outside").path))

        let (absolute, _) = try await run(
            folder, Self.yaml.replacingOccurrences(of: "url: ./skeleton", with: "url: ./skeleton\n        targetPath: /tmp/elsewhere"))
        #expect(absolute.message?.contains("/tmp/elsewhere is absolute") == true)
    }

    @Test("a symbolic link in the skeleton is refused, naming it")
    func symlinkInSkeleton() async throws {
        let folder = try TemporaryFolder()
        try folder.write(["skeleton/a.txt": "a"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("skeleton/passwd").path, withDestinationPath: "/etc/passwd")
        let (result, out) = try await run(folder)
        #expect(result.status == .failed)
        #expect(result.message?.contains("skeleton/passwd is a symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("passwd").path))
    }

    @Test("url may reach a sibling folder inside the source root, never outside it")
    func urlConfinement() async throws {
        let root = try TemporaryFolder()
        try root.write(["shared/common.txt": "shared ${{ values.name }}", "templates/t/skeleton/a.txt": "a"])
        let yaml = Self.yaml.replacingOccurrences(of: "url: ./skeleton", with: "url: ../../shared")
        try root.write(["templates/t/template.yaml": yaml])
        let sibling = try Template(origin: TemplateOrigin(file: root.url.appendingPathComponent("templates/t/template.yaml"), root: root.url))
        let out = root.url.appendingPathComponent("out")
        let ok = await TemplateRunner().run(sibling, RunRequest(values: ["name": "q"], outputDirectory: out))
        #expect(ok.status == .ok, "\(ok.message ?? "")")
        #expect(try String(contentsOf: out.appendingPathComponent("common.txt"), encoding: .utf8) == "shared q")

        let confined = try Template(
            origin: TemplateOrigin(file: root.url.appendingPathComponent("templates/t/template.yaml"), root: root.url.appendingPathComponent("templates")))
        let refused = await TemplateRunner().run(confined, RunRequest(values: ["name": "q"], isDryRun: true))
        #expect(refused.status == .failed)
        #expect(refused.message?.contains("../../shared leaves the template source") == true)
    }

    @Test("more files or bigger files than the limits are refused")
    func limits() async throws {
        let folder = try TemporaryFolder()
        try folder.write(Dictionary(uniqueKeysWithValues: (0..<5).map { ("skeleton/f\($0).txt", "x") }))
        let (many, _) = try await run(folder, limits: WorkspaceLimits(maxFiles: 3))
        #expect(many.status == .failed)
        #expect(many.message?.contains("more than 3 files") == true)
        let (big, _) = try await run(try TemporaryFolder().copying(folder), limits: WorkspaceLimits(maxFileBytes: 0))
        #expect(big.message?.contains("larger than the limit of 0 bytes") == true)
    }

    @Test("a syntax error in a skeleton file names the file, line and column")
    func skeletonError() async throws {
        let folder = try TemporaryFolder()
        try folder.write(["skeleton/README.md": "# title\n\n${{ values.name | nope }}\n"])
        let (result, _) = try await run(folder)
        #expect(result.status == .failed)
        #expect(result.message?.contains("./skeleton/README.md:3:19: unknown filter \"nope\"") == true)
    }
}

extension TemporaryFolder {
    /// This folder with `other`'s skeleton and templates copied in.
    func copying(_ other: TemporaryFolder) throws -> TemporaryFolder {
        for name in try FileManager.default.contentsOfDirectory(atPath: other.url.path) where name != "out" {
            try FileManager.default.copyItem(at: other.url.appendingPathComponent(name), to: url.appendingPathComponent(name))
        }
        return self
    }
}
