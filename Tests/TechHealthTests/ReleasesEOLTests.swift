import Foundation
import Testing
import TechHealth

@Suite("Releases: end-of-life data")
struct ReleasesEOLTests {
    /// A file of this repository, found from this test file's path.
    static func repositoryFile(_ path: String) -> URL {
        Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(path)
    }

    /// A day to measure at, as the injected `now`.
    static func day(_ text: String) -> Date { CalendarDay(text)!.date }

    let eol: EOLCatalog
    /// 2026-09-01: after Node 20's end of life, before .NET 8's.
    let now = ReleasesEOLTests.day("2026-09-01")

    init() throws {
        eol = try EOLCatalog(contentsOf: Self.repositoryFile("config/health/eol.yaml"))
    }

    @Test("The shipped eol.yaml covers the runtimes and base images the issue names")
    func shippedProducts() {
        for product in ["nodejs", "python", "eclipse-temurin", "go", "ruby", "dotnet", "swift", "postgresql", "debian", "ubuntu", "alpine"] {
            #expect(eol.cycles(of: product)?.isEmpty == false, "\(product)")
        }
        #expect(eol.cycles(of: "java")?.first?.cycle == "25")
        #expect(eol.cycles(of: "node")?.first?.cycle == "26")
    }

    @Test("Runtime pin spellings map to their cycle", arguments: [
        ("nodejs", "20", "20"), ("nodejs", "20.11.1", "20"), ("nodejs", "v20", "20"), ("nodejs", "lts/iron", "20"),
        ("nodejs", ">=18", "18"), ("node", "^22.1.0", "22"), ("python", "3.12", "3.12"), ("python", "3.12.4", "3.12"),
        ("python", ">=3.11,<4", "3.11"), ("java", "21-jre", "21"), ("java", "1.8", "8"), ("java", "8u392", "8"),
        ("java", "17.0.9+9", "17"), ("go", "1.22", "1.22"), ("go", "1.22.3", "1.22"), ("go", "go1.25.1", "1.25"),
        ("ruby", "3.3.5", "3.3"), ("ruby", "ruby-3.3.5", "3.3"), ("ruby", "3.3.5p100", "3.3"), ("dotnet", "8", "8.0"),
        ("dotnet", "8.0.4", "8.0"), ("ubuntu", "22.04", "22.04"), ("ubuntu", "jammy", "22.04"), ("debian", "bookworm", "12"),
        ("alpine", "3.21.2", "3.21"), ("postgres", "16.4", "16"), ("swift", "6.1", "6.1"),
    ])
    func cycles(_ runtime: String, _ version: String, _ cycle: String) {
        #expect(eol.assess(runtime: runtime, version: version, now: now).cycle == cycle, "\(runtime) \(version)")
    }

    @Test("Status on a day: end-of-life, ending soon, supported, unknown")
    func statuses() {
        let node20 = eol.assess(runtime: "nodejs", version: "20", now: now)
        #expect(node20.status == .endOfLife)
        #expect(node20.eolDate == CalendarDay("2026-04-30"))
        #expect(node20.latest == "20.19.5")
        #expect(eol.assess(runtime: "nodejs", version: "20", now: Self.day("2026-03-01")).status == .endingSoon)
        #expect(eol.assess(runtime: "nodejs", version: "20", now: Self.day("2026-03-01")).daysLeft == 60)
        #expect(eol.assess(runtime: "nodejs", version: "20", now: Self.day("2025-01-01")).status == .supported)
        #expect(eol.assess(runtime: "nodejs", version: "20", now: Self.day("2026-04-30")).status == .endOfLife)
        #expect(eol.assess(runtime: "dotnet", version: "8.0", now: now, warningDays: 30).status == .supported)
        #expect(eol.assess(runtime: "dotnet", version: "8.0", now: now).status == .endingSoon)
        #expect(eol.assess(runtime: "go", version: "1.26", now: now).status == .supported)
        #expect(eol.assess(runtime: "erlang", version: "27", now: now).status == .unknown)
        #expect(eol.assess(runtime: "nodejs", version: "99", now: now).status == .unknown)
        #expect(eol.assess(runtime: "nodejs", version: "latest", now: now).status == .unknown)
    }

    @Test("lts/* is the newest line that is LTS by the day asked about")
    func ltsStar() {
        #expect(eol.assess(runtime: "nodejs", version: "lts/*", now: now).cycle == "24")
        #expect(eol.assess(runtime: "nodejs", version: "lts/*", now: Self.day("2026-11-01")).cycle == "26")
    }

    @Test("A version older than every listed cycle is end-of-life when the oldest listed one is")
    func olderThanData() {
        let node16 = eol.assess(runtime: "nodejs", version: "16.20.2", now: now)
        #expect(node16.status == .endOfLife)
        #expect(node16.inferred)
        #expect(eol.assess(runtime: "swift", version: "5.10", now: now).status == .endOfLife)
        #expect(eol.assess(runtime: "swift", version: "5.10", now: Self.day("2026-01-01")).status == .unknown)
    }

    @Test("Docker images map to their runtime and, when the tag says, their OS", arguments: [
        ("node:20-alpine", "nodejs", "20", nil as String?, nil as String?),
        ("python:3.11-slim-bookworm", "python", "3.11", "debian", "12"),
        ("eclipse-temurin:17-jre", "eclipse-temurin", "17", nil, nil),
        ("eclipse-temurin:21-jdk-jammy", "eclipse-temurin", "21", "ubuntu", "22.04"),
        ("openjdk:11", "eclipse-temurin", "11", nil, nil),
        ("amazoncorretto:17", "amazon-corretto", "17", nil, nil),
        ("golang:1.22-bookworm", "go", "1.22", "debian", "12"),
        ("mcr.microsoft.com/dotnet/aspnet:8.0", "dotnet", "8.0", nil, nil),
        ("docker.io/library/postgres:16-alpine3.21", "postgresql", "16", "alpine", "3.21"),
        ("ruby:3.3-slim", "ruby", "3.3", nil, nil),
        ("swift:6.1-jammy", "swift", "6.1", "ubuntu", "22.04"),
        ("node:22.3.0-alpine3.20@sha256:abcd", "nodejs", "22", "alpine", "3.20"),
    ])
    func images(_ reference: String, _ product: String, _ cycle: String, _ osProduct: String?, _ osCycle: String?) throws {
        let image = try #require(ContainerImageReference(reference))
        let assessment = eol.assess(image: image, now: now)
        #expect(assessment.runtime.product == product)
        #expect(assessment.runtime.cycle == cycle)
        #expect(assessment.operatingSystem?.product == osProduct)
        #expect(assessment.operatingSystem?.cycle == osCycle)
    }

    @Test("OS images: the tag is the OS version or codename")
    func osImages() throws {
        #expect(eol.assess(runtime: "docker", version: "debian:bullseye", now: now).status == .endOfLife)
        #expect(eol.assess(runtime: "docker", version: "debian:bullseye", now: now).inferred)
        #expect(eol.assess(runtime: "docker", version: "debian:bookworm-slim", now: now).cycle == "12")
        #expect(eol.assess(runtime: "docker", version: "alpine:3.18", now: now).status == .endOfLife)
        #expect(eol.assess(runtime: "docker", version: "ubuntu:22.04", now: now).status == .supported)
        #expect(eol.assess(runtime: "docker", version: "ubuntu:20.04", now: now).status == .endOfLife)
        #expect(eol.assess(runtime: "docker", version: "ghcr.io/acme/base:1.0", now: now).status == .unknown)
        let distroless = try #require(ContainerImageReference("gcr.io/distroless/python3-debian12@sha256:abcd"))
        #expect(eol.assess(image: distroless, now: now).operatingSystem?.cycle == "12")
    }

    @Test("Malformed eol.yaml is an error naming the file and line", arguments: [
        ("nodejs:\n  - {cycle: \"20\", eol: someday}\n", 2, "neither a YYYY-MM-DD date"),
        ("nodejs:\n  - {releaseDate: 2023-04-18}\n", 2, "no cycle"),
        ("nodejs:\n  - {cycle: \"20\", eoll: 2026-04-30}\n", 2, "unknown field"),
        ("nodejs: {cycle: 20}\n", 1, "must be a list"),
        ("nodejs:\n  - [cycle, 20\n", 0, "not valid YAML"),
    ])
    func malformed(_ yaml: String, _ line: Int, _ message: String) {
        do {
            _ = try EOLCatalog(yaml: yaml, file: "eol.yaml")
            Issue.record("expected an error")
        } catch let error as HealthDataError {
            #expect(error.file == "eol.yaml")
            // 0: a syntax error, whose exact line is libyaml's to choose; it must still have one.
            if line > 0 { #expect(error.line == line, "\(error)") } else { #expect(error.line != nil, "\(error)") }
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("eol may be a boolean; endoflife.date's other names are accepted")
    func booleanAndAliases() throws {
        let catalog = try EOLCatalog(yaml: """
            widget:
              - {releaseCycle: "2", eol: false, eoas: 2025-01-01, link: https://example.com}
              - {cycle: "1", eol: true}
            """)
        #expect(catalog.assess(runtime: "widget", version: "2.4", now: now).status == .supported)
        #expect(catalog.assess(runtime: "widget", version: "1.9", now: now).status == .endOfLife)
        #expect(catalog.assess(runtime: "widget", version: "1.9", now: now).eolDate == nil)
    }

    @Test("Calendar days read, compare and encode as YYYY-MM-DD")
    func calendarDays() throws {
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2023-02-29") == nil)
        #expect(CalendarDay("2024-04-26T12:00:00Z") == CalendarDay("2024-04-26"))
        #expect(CalendarDay("26-04-2024") == nil)
        #expect(CalendarDay("2024-01-01")!.days(to: CalendarDay("2025-01-01")!) == 366)
        let encoded = try JSONEncoder().encode(CalendarDay("2026-04-30"))
        #expect(String(decoding: encoded, as: UTF8.self) == "\"2026-04-30\"")
    }
}
