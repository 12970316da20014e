import Testing
import TechHealth

@Suite("pom.xml")
struct ManifestMavenTests {
    private func repository() throws -> [ParsedManifest] {
        [
            try parseFixture("maven/repo/pom.xml", as: "pom.xml"),
            try parseFixture("maven/repo/orders/pom.xml", as: "orders/pom.xml"),
        ]
    }

    @Test("A module resolves properties and managed versions through its in-repository parent")
    func inRepositoryParent() throws {
        let merged = ManifestInventory.merge(try repository())
        let orders = merged.dependencies.filter { $0.location.file == "orders/pom.xml" }
        let jackson = try #require(orders.first { $0.name == "com.fasterxml.jackson.core:jackson-databind" })
        #expect(jackson.version == "2.18.0")  // the child's property overrides the parent's
        #expect(jackson.location.line == 19)
        #expect(orders.first { $0.name == "org.slf4j:slf4j-api" }?.version == "2.0.13")
        #expect(orders.first { $0.name == "com.google.guava:guava" }?.version == "33.2.1-jre")
        #expect(orders.first { $0.name == "com.acme:acme-testing" }?.version == "7")
        let junit = try #require(orders.first { $0.name == "org.junit.jupiter:junit-jupiter" })
        #expect(junit.declared == "[5.10,6.0)")
        #expect(junit.version == nil)
        #expect(junit.scope == "test")
        // Plugin dependencies are the build's, not the module's.
        #expect(!orders.contains { $0.name == "org.junit.platform:junit-platform-launcher" })
        #expect(merged.problems.isEmpty)
    }

    @Test("BOM imports are recorded as dependencies with the import scope")
    func bomImport() throws {
        let merged = ManifestInventory.merge(try repository())
        let bom = try #require(merged.dependency("org.springframework.boot:spring-boot-dependencies"))
        #expect(bom.scope == "import")
        #expect(bom.version == "3.3.4")
        #expect(bom.location == ManifestLocation(file: "pom.xml", line: 26))
    }

    @Test("maven.compiler.release is the java pin, the module's own value where it sets one")
    func javaPin() throws {
        let merged = ManifestInventory.merge(try repository())
        #expect(merged.runtimes.contains(RuntimePin(runtime: "java", version: "21", location: ManifestLocation(file: "orders/pom.xml", line: 12))))
        #expect(merged.runtimes.contains(RuntimePin(runtime: "java", version: "17", location: ManifestLocation(file: "pom.xml", line: 17))))
    }

    @Test("An external parent is recorded and what it manages is reported, not guessed")
    func externalParent() throws {
        let harvest = try parseFixture("maven/external/pom.xml", as: "pom.xml").harvest
        let parent = try #require(harvest.dependency("org.springframework.boot:spring-boot-starter-parent"))
        #expect(parent.scope == "parent")
        #expect(parent.version == "3.3.4")
        let web = try #require(harvest.dependency("org.springframework.boot:spring-boot-starter-web"))
        #expect(web.version == nil)
        #expect(web.declared == nil)
        #expect(harvest.problems.contains { $0.message.contains("spring-boot-starter-web") && $0.location.line == 19 })
        #expect(harvest.problems.contains { $0.message.contains("${postgresql.version}") })
        #expect(harvest.dependency("org.postgresql:postgresql")?.version == nil)
        #expect(harvest.runtime("java")?.version == "21")
    }

    @Test("Malformed XML is one located problem")
    func malformed() throws {
        let harvest = try parseFixture("maven/malformed.xml", as: "pom.xml", kind: .pom).harvest
        #expect(harvest.dependencies.isEmpty)
        #expect(harvest.problems.count == 1)
        #expect(harvest.problems.first?.location.file == "pom.xml")
        #expect(harvest.problems.first?.location.line != nil)
    }

    @Test("DTDs are refused before parsing: no entity expansion, no external entity read")
    func entities() throws {
        for fixture in ["hostile/billion-laughs-pom.xml", "hostile/external-entity-pom.xml"] {
            let harvest = try parseFixture(fixture, as: "pom.xml", kind: .pom).harvest
            #expect(harvest.dependencies.isEmpty)
            #expect(harvest.problems.count == 1)
            #expect(harvest.problems.first?.message.contains("DOCTYPE") == true)
            #expect(harvest.problems.first?.location.line == 2)
        }
    }

    @Test("A parent cycle and self-referencing properties end without hanging")
    func cycles() {
        let a = """
        <project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
        <parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>b/pom.xml</relativePath></parent>
        <properties><x>${x}${x}${x}${x}</x></properties>
        <dependencies><dependency><groupId>g</groupId><artifactId>d</artifactId><version>${x}</version></dependency></dependencies>
        </project>
        """
        let b = """
        <project><groupId>g</groupId><artifactId>b</artifactId><version>1</version>
        <parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../pom.xml</relativePath></parent>
        </project>
        """
        let merged = ManifestInventory.merge([
            ManifestInventory.parse(.pom, path: "pom.xml", contents: a),
            ManifestInventory.parse(.pom, path: "b/pom.xml", contents: b),
        ])
        let d = merged.dependency("g:d")
        #expect(d?.version == nil)
        #expect((d?.declared?.utf8.count ?? 0) <= 4_096)
    }
}
