import Catalog
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// `GET /healthz` (the process answers) and `GET /readyz` (the catalog can be queried). A catalog
/// source whose last refresh failed is named in the readiness body but does not fail it: the
/// service still answers from that source's last good entities.
struct HealthRoutes {
    let catalog: CatalogStore
    /// Parked outbox messages are named in the readiness body (they do not fail it).
    var outbox: OutboxStore?

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in Response.plainText("ok") }
        router.get("readyz") { _, context in
            do {
                let count = try await catalog.entityCount()
                var lines = ["ready: \(count) entities"]
                for status in try await catalog.sourceStatuses() where !status.isHealthy {
                    lines.append(status.failure.map { "catalog source \(status.source): last refresh failed: \($0)" }
                        ?? "catalog source \(status.source): \(status.problemCount) error(s) in the last refresh")
                }
                if let outbox { lines += try await OutboxReadiness.lines(outbox) }
                return Response.plainText(lines.joined(separator: "\n"))
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                return Response.plainText("catalog unavailable", status: .serviceUnavailable)
            }
        }
    }
}
