import Foundation

/// A container image reference (`node:20-alpine`, `python:3.11-slim-bookworm`,
/// `mcr.microsoft.com/dotnet/aspnet:8.0`, `debian:bullseye`) read for what it says about the
/// runtime inside and the OS underneath.
public struct ContainerImageReference: Sendable, Hashable, Codable {
    /// The repository without Docker Hub's implied prefixes (`node`, `mcr.microsoft.com/dotnet/aspnet`).
    public var repository: String
    /// The tag (`latest` when none is written).
    public var tag: String
    /// The digest (`sha256:…`), when pinned by one.
    public var digest: String?

    /// Parses `[registry/]repository[:tag][@digest]`; nil when there is no repository.
    public init?(_ reference: String) {
        var rest = Substring(reference.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty, !rest.contains(where: \.isWhitespace) else { return nil }
        digest = nil
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = "latest"
        }
        repository = PackageName.normalised(String(rest), in: .docker)
        guard !repository.isEmpty, !tag.isEmpty else { return nil }
    }

    /// The runtime an official image carries, as endoflife.date names it, with the version its
    /// tag names (`3.11` of `3.11-slim-bookworm`; `lts`, `iron` when the tag is a word).
    public var runtime: (product: String, version: String)? {
        guard let product = Self.runtimeProducts[repository] ?? Self.dotnetProduct(repository) else { return nil }
        let tokens = tag.split(separator: "-").map(String.init)
        // The first token is the version (`3.11` of `3.11-slim`); for OS images it is the OS
        // version or codename (`bookworm` of `bookworm-slim`).
        guard let first = tokens.first else { return nil }
        return (product, first)
    }

    /// The OS an image is built on, when its name or tag says (`bookworm`, `alpine3.19`,
    /// `jammy`, `distroless/…-debian12`), as (product, version or codename).
    public var operatingSystem: (product: String, version: String)? {
        if let runtime, Self.operatingSystems.contains(runtime.product) { return runtime }
        let tokens = tag.split(separator: "-").map(String.init).dropFirst()
        for token in tokens {
            if token.hasPrefix("alpine") {
                let version = token.dropFirst("alpine".count)
                return version.isEmpty ? nil : ("alpine", String(version))
            }
            if let release = Self.debianCodenames[token] { return ("debian", release) }
            if let release = Self.ubuntuCodenames[token] { return ("ubuntu", release) }
        }
        // Distroless and similar name the Debian release in the repository (`python3-debian12`).
        if let range = repository.range(of: "-debian", options: .backwards) {
            let digits = repository[range.upperBound...].prefix(while: \.isVersionDigit)
            if !digits.isEmpty { return ("debian", String(digits)) }
        }
        return nil
    }

    /// Official images → endoflife.date products.
    static let runtimeProducts: [String: String] = [
        "node": "nodejs", "python": "python", "pypy": "pypy", "golang": "go", "ruby": "ruby", "swift": "swift",
        "eclipse-temurin": "eclipse-temurin", "openjdk": "eclipse-temurin", "amazoncorretto": "amazon-corretto",
        "postgres": "postgresql", "debian": "debian", "ubuntu": "ubuntu", "alpine": "alpine",
    ]

    static let operatingSystems: Set<String> = ["debian", "ubuntu", "alpine"]

    /// Debian codenames, which image tags use in place of numbers.
    static let debianCodenames = ["stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13"]
    /// Ubuntu codenames, likewise.
    static let ubuntuCodenames = ["bionic": "18.04", "focal": "20.04", "jammy": "22.04", "noble": "24.04"]

    private static func dotnetProduct(_ repository: String) -> String? {
        repository.hasPrefix("mcr.microsoft.com/dotnet/") ? "dotnet" : nil
    }
}
