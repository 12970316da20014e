import Testing
import TechHealth

/// Every file the inventory reads is written by anyone with commit access: none of these may crash,
/// hang or balloon, and each must end as a problem rather than a thrown error.
@Suite("Hostile and malformed manifests")
struct ManifestHostileInputTests {
    @Test("YAML anchors and aliases (billion laughs) are refused before Yams expands anything")
    func billionLaughsYAML() throws {
        let file = try parseFixture("hostile/billion-laughs-pnpm.yaml", as: "pnpm-lock.yaml")
        #expect(file.harvest.dependencies.isEmpty)
        #expect(file.harvest.problems.count == 1)
        #expect(file.harvest.problems.first?.location.line == 2)
        #expect(file.harvest.problems.first?.message.contains("anchors") == true)
    }

    @Test("An alias used as a mapping key is refused too (Yams would hash the whole expansion)")
    func aliasKey() {
        let text = "lockfileVersion: '9.0'\nx: &x [a, b]\n? *x\n: 1\n"
        let file = ManifestInventory.parse(.yarnLock, path: "yarn.lock", contents: "__metadata:\n  version: 8\n" + text)
        #expect(file.harvest.problems.count == 1)
    }

    @Test("An & inside a URL or a word is not an anchor")
    func ampersandInText() {
        let text = """
        lockfileVersion: '9.0'
        importers:
          .:
            dependencies:
              ms:
                specifier: https://example.com/ms.tgz?a=1&b=2
                version: 2.1.3
        """
        let file = ManifestInventory.parse(.pnpmLock, path: "pnpm-lock.yaml", contents: text)
        #expect(file.harvest.problems.isEmpty)
        #expect(file.harvest.dependencies.count == 1)
    }

    private static let depth = 100_000

    @Test("Deep JSON nesting is a problem")
    func deepJSON() {
        let json = String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        for kind in [ManifestKind.packageJSON, .packageLock, .swiftResolved] {
            let file = ManifestInventory.parse(kind, path: "x", contents: json)
            #expect(file.harvest.problems.count == 1)
        }
    }

    @Test("Deep YAML nesting is a problem")
    func deepYAML() {
        let yaml = "lockfileVersion: '9.0'\nimporters: " + String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        #expect(ManifestInventory.parse(.pnpmLock, path: "pnpm-lock.yaml", contents: yaml).harvest.problems.count == 1)
    }

    @Test("Deep TOML nesting is a problem")
    func deepTOML() {
        let toml = "a = " + String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        #expect(ManifestInventory.parse(.pyproject, path: "pyproject.toml", contents: toml).harvest.problems.count == 1)
    }

    @Test("Deep XML nesting is a problem")
    func deepXML() {
        let xml = "<project>" + String(repeating: "<a>", count: Self.depth) + String(repeating: "</a>", count: Self.depth) + "</project>"
        let pom = ManifestInventory.parse(.pom, path: "pom.xml", contents: xml).harvest
        #expect(pom.dependencies.isEmpty)
        #expect(pom.problems.count == 1)
    }

    @Test("A huge single line is read in linear time")
    func hugeLine() {
        let line = String(repeating: "a", count: 1_000_000)
        for kind in [ManifestKind.requirements, .goMod, .gemfileLock, .dockerfile, .gradleBuildScript, .swiftManifest, .yarnLock,
                     .runtimePinFile] {
            _ = ManifestInventory.parse(kind, path: kind == .runtimePinFile ? ".nvmrc" : "x", contents: line)
        }
        let swift = ManifestInventory.parse(.swiftManifest, path: "Package.swift", contents: ".package(url: \"" + line)
        #expect(swift.harvest.problems.count == 1)
    }

    @Test("Garbage in every format ends as problems or nothing, never a crash")
    func garbage() {
        let inputs = ["", "\u{0}\u{1}\u{2}", "{{{{", "]]]]", "<<<<", "\"unterminated", "[[package]]\nname = ", "\u{FEFF}{}", "🙂🙃"]
        for kind in ManifestKind.allCases {
            for input in inputs {
                let file = ManifestInventory.parse(kind, path: "x", contents: input)
                #expect(file.kind == kind)
            }
        }
    }

    @Test("A TOML file with a NUL byte is refused rather than silently cut short")
    func nulByte() {
        let file = ManifestInventory.parse(.cargoManifest, path: "Cargo.toml", contents: "[dependencies]\nserde = \"1\"\u{0}\nhidden = \"2\"\n")
        #expect(file.harvest.problems.count == 1)
        #expect(file.harvest.dependencies.isEmpty)
    }
}
