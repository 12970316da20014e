import Foundation

/// Writes a synthetic catalog shaped like a large company's: tribes, teams, people, domains and
/// systems in multi-document org files reached through a Location, and one repository folder per
/// service holding its Component plus, for some, an API and a Resource.
struct SyntheticCatalog {
    let entityCount: Int
    let directory: URL

    /// Names of the components written, for lookups.
    private(set) var componentNames: [String] = []

    init(entityCount: Int, directory: URL) {
        self.entityCount = entityCount
        self.directory = directory
    }

    mutating func write() throws -> (files: Int, entities: Int) {
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tribes = max(2, entityCount / 5000)
        let teams = max(10, entityCount / 200)
        let users = max(25, entityCount / 20)
        let domains = max(2, entityCount / 5000)
        let systems = max(5, entityCount / 500)
        var written = 1  // the root Location
        var files = 1

        try write("catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: {name: synthetic-root}
            spec: {targets: [./org/*.yaml]}
            """)
        var org: [String] = []
        for tribe in 0..<tribes {
            org.append(doc("Group", "tribe-\(tribe)", "spec: {type: tribe, children: []}"))
        }
        for team in 0..<teams {
            org.append(doc("Group", "team-\(team)", "spec: {type: team, parent: tribe-\(team % tribes), children: []}",
                           annotations: "slack.com/bot-notify: '#team-\(team)'"))
        }
        for user in 0..<users {
            org.append(doc("User", "user-\(user)", "spec: {memberOf: [team-\(user % teams)], profile: {email: user-\(user)@example.com}}",
                           annotations: "slack.com/user_id: 'U\(String(format: "%08d", user))'"))
        }
        for domain in 0..<domains { org.append(doc("Domain", "domain-\(domain)", "spec: {owner: tribe-\(domain % tribes)}")) }
        for system in 0..<systems {
            org.append(doc("System", "system-\(system)", "spec: {owner: team-\(system % teams), domain: domain-\(system % domains)}"))
        }
        written += org.count
        // Org files of about 500 documents each, as a real org export would be split.
        for (index, start) in stride(from: 0, to: org.count, by: 500).enumerated() {
            try write("org/org-\(index).yaml", org[start..<min(start + 500, org.count)].joined(separator: "\n---\n"))
            files += 1
        }

        var service = 0
        while written < entityCount {
            let name = "service-\(service)"
            componentNames.append(name)
            var documents = [doc(
                "Component", name,
                """
                spec:
                  type: service
                  lifecycle: production
                  owner: team-\(service % teams)
                  system: system-\(service % systems)
                  dependsOn: ['resource:\(name)-db', 'component:service-\(max(0, service - 1))']
                  providesApis: [\(name)-api]
                """,
                annotations: "backstage.io/source-location: 'url:https://github.com/example/\(name)/'\n    backstage.io/techdocs-ref: 'dir:.'",
                extra: "description: Synthetic service number \(service), handles part of the example workload\n  tags: [java, tier-\(service % 3)]")]
            written += 1
            if written < entityCount {
                documents.append(doc("API", "\(name)-api", "spec: {type: openapi, lifecycle: production, owner: team-\(service % teams), definition: 'openapi: 3.0.0'}"))
                written += 1
            }
            if written < entityCount {
                documents.append(doc("Resource", "\(name)-db", "spec: {type: database, owner: team-\(service % teams)}"))
                written += 1
            }
            try write("repos/\(name)/catalog-info.yaml", documents.joined(separator: "\n---\n"))
            files += 1
            service += 1
        }
        return (files, written)
    }

    private func doc(_ kind: String, _ name: String, _ spec: String, annotations: String? = nil, extra: String? = nil) -> String {
        var text = "apiVersion: backstage.io/v1alpha1\nkind: \(kind)\nmetadata:\n  name: \(name)\n"
        if let extra { text += "  \(extra)\n" }
        if let annotations { text += "  annotations:\n    \(annotations)\n" }
        return text + spec
    }

    private func write(_ path: String, _ text: String) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }
}
