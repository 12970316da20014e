import Testing
import TechHealth

@Suite("Cargo and Bundler manifests")
struct ManifestCargoAndRubyTests {
    @Test("Cargo.toml: every dependency table, renames under the real crate, path dependencies skipped")
    func cargoManifest() throws {
        let harvest = try parseFixture("cargo/Cargo.toml", as: "Cargo.toml").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependency("serde")?.declared == "1.0.204")
        #expect(harvest.dependency("serde")?.version == nil)
        #expect(harvest.dependency("serde")?.location.line == 8)
        #expect(harvest.dependency("log")?.version == "0.4.22")
        #expect(harvest.dependency("serde_yaml")?.declared == "0.9")
        #expect(harvest.dependency("shared") == nil)
        #expect(harvest.dependency("proptest")?.scope == "dev")
        #expect(harvest.dependency("libc")?.location.line == 19)
    }

    @Test("Cargo.lock v4: the root crate's dependencies are direct, registry crates only")
    func cargoLock() throws {
        let harvest = try parseFixture("cargo/Cargo.lock", as: "Cargo.lock").harvest
        #expect(harvest.problems.isEmpty)
        #expect(harvest.dependency("ingest") == nil)
        #expect(harvest.dependency("tokio")?.direct == true)
        #expect(harvest.dependency("mio")?.direct == false)
        #expect(harvest.dependency("anyhow")?.location.line == 5)
        let merged = ManifestInventory.merge([try parseFixture("cargo/Cargo.toml", as: "Cargo.toml"), try parseFixture("cargo/Cargo.lock", as: "Cargo.lock")])
        let tokio = try #require(merged.dependency("tokio"))
        #expect(tokio.declared == "1.39" && tokio.version == "1.39.2" && tokio.location.file == "Cargo.toml")
        #expect(merged.dependency("serde_yaml")?.version == "0.9.34+deprecated")
    }

    @Test("Gemfile.lock: resolved specs, DEPENDENCIES as direct, platform variants once, RUBY VERSION as the pin")
    func gemfileLock() throws {
        let harvest = try parseFixture("ruby/Gemfile.lock", as: "Gemfile.lock").harvest
        #expect(harvest.problems.isEmpty)
        let rails = try #require(harvest.dependency("rails"))
        #expect(rails.direct && rails.declared == "~> 7.2" && rails.version == "7.2.1")
        #expect(rails.location.line == 31)
        #expect(harvest.all("nokogiri").count == 1)
        #expect(harvest.dependency("nokogiri")?.version == "1.16.7")
        #expect(harvest.dependency("acme-auth")?.direct == true)
        #expect(harvest.dependency("acme-auth")?.version == "0.3.1")
        #expect(harvest.dependency("rack")?.direct == false)
        #expect(harvest.dependency("base64")?.version == "0.2.0")
        #expect(harvest.runtimes == [RuntimePin(runtime: "ruby", version: "3.3.5", location: ManifestLocation(file: "Gemfile.lock", line: 34))])
    }
}
