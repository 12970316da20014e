/// A package ecosystem, named as Backline's configuration files and JSON answers name it.
///
/// Gradle's coordinates are `maven`; a Docker base image is a `docker` package whose name is the
/// image repository (`node`, `eclipse-temurin`, `ghcr.io/acme/base`).
public enum Ecosystem: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case npm, pypi, maven, go, cargo, rubygems, swift, docker

    /// Orders ecosystems by name, so lists read the same every time.
    public static func < (lhs: Ecosystem, rhs: Ecosystem) -> Bool { lhs.rawValue < rhs.rawValue }
}
