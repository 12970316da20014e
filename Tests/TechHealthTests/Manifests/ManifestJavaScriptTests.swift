import Testing
import TechHealth

@Suite("npm, yarn and pnpm manifests")
struct ManifestJavaScriptTests {
    @Test("package.json gives every dependency map with its scope and line, aliases under the real name, engines.node as a pin")
    func packageJSON() throws {
        let harvest = try parseFixture("npm/package.json", as: "web/package.json").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependencies.count == 8)
        let query = try #require(harvest.dependency("@tanstack/react-query"))
        #expect(query.declared == "^5.51.1")
        #expect(query.version == nil)
        #expect(query.direct)
        #expect(query.scope == "runtime")
        #expect(query.location == ManifestLocation(file: "web/package.json", line: 10))
        #expect(harvest.dependency("lodash")?.declared == "^4.17.21")
        #expect(harvest.dependency("react")?.version == "18.3.1")
        #expect(harvest.dependency("jest")?.scope == "dev")
        #expect(harvest.dependency("react-dom")?.scope == "peer")
        #expect(harvest.dependency("fsevents")?.scope == "optional")
        #expect(harvest.runtimes == [RuntimePin(runtime: "nodejs", version: ">=20.11", location: ManifestLocation(file: "web/package.json", line: 26))])
    }

    @Test("A package.json that is not JSON is one located problem")
    func malformedPackageJSON() throws {
        let harvest = try parseFixture("npm/malformed-package.json", as: "package.json").harvest
        #expect(harvest.dependencies.isEmpty)
        #expect(harvest.problems.count == 1)
        #expect(harvest.problems.first?.location.line == 6)
    }

    @Test("package-lock v3: the root entry marks direct packages, nested copies are transitive, links are skipped")
    func lockV3() throws {
        let harvest = try parseFixture("npm/package-lock-v3.json", as: "package-lock.json").harvest
        #expect(harvest.problems.isEmpty)
        let ms = harvest.all("ms")
        #expect(ms.count == 2)
        #expect(ms.contains { $0.version == "2.1.3" && $0.direct && $0.declared == "^2.1.0" })
        #expect(ms.contains { $0.version == "1.0.0" && !$0.direct })
        #expect(harvest.dependency("@tanstack/query-core")?.direct == false)
        #expect(harvest.dependency("lodash")?.version == "4.17.21")
        #expect(harvest.dependency("typescript")?.scope == "dev")
        #expect(harvest.dependency("@billing/shared") == nil)
        #expect(harvest.runtime("nodejs")?.version == ">=20.11")
    }

    @Test("package-lock v1: the nested dependencies tree, top level first")
    func lockV1() throws {
        let harvest = try parseFixture("npm/package-lock-v1.json", as: "package-lock.json").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.all("ms").map(\.version) == ["2.1.3", "2.0.0"])
        #expect(harvest.dependency("mocha")?.scope == "dev")
        #expect(harvest.dependencies.allSatisfy { !$0.direct })
    }

    @Test("package-lock v2 is read from packages, not the legacy dependencies copy")
    func lockV2() throws {
        let harvest = try parseFixture("npm/package-lock-v2.json", as: "package-lock.json").harvest
        #expect(harvest.dependencies.map(\.version) == ["9.0.1"])
        #expect(harvest.dependency("uuid")?.direct == true)
    }

    @Test("An unknown lockfileVersion is a problem, not a guess")
    func lockUnknownVersion() {
        let file = ManifestInventory.parse(.packageLock, path: "package-lock.json", contents: #"{"lockfileVersion": 7, "packages": {}}"#)
        #expect(file.harvest.dependencies.isEmpty)
        #expect(file.harvest.problems.first?.message.contains("lockfileVersion 7") == true)
    }

    @Test("Merging package.json with its lock: one entry per direct package, declared from the manifest, version from the lock")
    func mergeWithLock() throws {
        let merged = ManifestInventory.merge([
            try parseFixture("npm/package.json", as: "package.json"),
            try parseFixture("npm/package-lock-v3.json", as: "package-lock.json"),
        ])
        let ms = merged.all("ms")
        #expect(ms.count == 2)
        let direct = try #require(ms.first { $0.direct })
        #expect(direct.declared == "^2.1.0")
        #expect(direct.version == "2.1.3")
        #expect(direct.location.file == "package.json")
        #expect(ms.contains { !$0.direct && $0.version == "1.0.0" && $0.location.file == "package-lock.json" })
        #expect(merged.dependency("typescript")?.version == "5.5.4")
        #expect(merged.dependency("typescript")?.declared == "5.5.x")
        #expect(merged.all("react").count == 1)
        #expect(merged.dependency("@tanstack/query-core")?.direct == false)
        #expect(merged.dependencies.filter(\.direct).count == 8)
    }

    @Test("A workspace package.json borrows the root lock's versions")
    func workspaceBorrowsRootLock() throws {
        let merged = ManifestInventory.merge([
            ManifestInventory.parse(.packageJSON, path: "packages/web/package.json", contents: #"{"dependencies": {"ms": "^2.1.0"}}"#),
            try parseFixture("npm/package-lock-v3.json", as: "package-lock.json"),
        ])
        let web = try #require(merged.dependencies.first { $0.location.file == "packages/web/package.json" })
        #expect(web.version == "2.1.3")
    }

    @Test("yarn.lock v1: one entry per block, the ranges that led to it as declared")
    func yarnClassic() throws {
        let harvest = try parseFixture("yarn/yarn-classic.lock", as: "yarn.lock").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependencies.count == 3)
        let frame = try #require(harvest.dependency("@babel/code-frame"))
        #expect(frame.version == "7.24.7")
        #expect(frame.declared == "^7.0.0, ^7.24.7")
        #expect(frame.location.line == 5)
        #expect(harvest.all("ms").map(\.version) == ["2.0.0", "2.1.3"])
    }

    @Test("Merging with yarn.lock picks the block whose range package.json asked for")
    func yarnMergePicksMatchingRange() throws {
        let merged = ManifestInventory.merge([
            ManifestInventory.parse(.packageJSON, path: "package.json", contents: #"{"dependencies": {"ms": "^2.1.0"}}"#),
            try parseFixture("yarn/yarn-classic.lock", as: "yarn.lock"),
        ])
        let direct = try #require(merged.all("ms").first { $0.direct })
        #expect(direct.version == "2.1.3")
        #expect(merged.all("ms").contains { !$0.direct && $0.version == "2.0.0" })
    }

    @Test("yarn.lock berry: YAML entries, workspace entries skipped, npm: aliases under the real name, string cacheKey accepted")
    func yarnBerry() throws {
        let harvest = try parseFixture("yarn/yarn-berry.lock", as: "yarn.lock").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependencies.map(\.name).sorted() == ["lodash", "ms"])
        #expect(harvest.dependency("ms")?.declared == "^2.1.0, ^2.1.1")
        #expect(harvest.dependency("ms")?.location.line == 23)
        #expect(harvest.dependency("lodash")?.version == "4.17.21")
    }

    @Test("pnpm-lock v9: importers give direct packages with specifiers, peer suffixes cut, links skipped")
    func pnpmV9() throws {
        let harvest = try parseFixture("pnpm/pnpm-lock-v9.yaml", as: "pnpm-lock.yaml").harvest
        #expect(harvest.problems.isEmpty)
        let reactDOM = try #require(harvest.all("react-dom").first { $0.direct })
        #expect(reactDOM.version == "18.3.1")
        #expect(reactDOM.declared == "^18.3.1")
        #expect(reactDOM.location.line == 14)
        #expect(harvest.dependency("typescript")?.scope == "dev")
        #expect(harvest.dependency("@acme/ui") == nil)
        #expect(harvest.dependencies.contains { $0.name == "js-tokens" && !$0.direct && $0.version == "4.0.0" })
    }

    @Test("pnpm-lock v6: top-level maps and /name@version package keys")
    func pnpmV6() throws {
        let harvest = try parseFixture("pnpm/pnpm-lock-v6.yaml", as: "pnpm-lock.yaml").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependencies.contains { $0.name == "express" && $0.direct && $0.declared == "^4.19.2" && $0.version == "4.19.2" })
        #expect(harvest.dependencies.contains { $0.name == "@types/express" && !$0.direct && $0.scope == "dev" })
        #expect(harvest.dependencies.contains { $0.name == "ms" && $0.version == "2.0.0" })
        let merged = ManifestInventory.merge([
            ManifestInventory.parse(.packageJSON, path: "package.json", contents: #"{"dependencies": {"express": "^4.19.2"}}"#),
            try parseFixture("pnpm/pnpm-lock-v6.yaml", as: "pnpm-lock.yaml"),
        ])
        #expect(merged.all("express").count == 1)
    }
}
