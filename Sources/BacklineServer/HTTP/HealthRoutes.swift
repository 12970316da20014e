import Catalog
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// `GET /healthz` (the process answers) and `GET /readyz` (the catalog can be queried).
struct HealthRoutes {
    let catalog: CatalogStore

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in Response.plainText("ok") }
        router.get("readyz") { _, context in
            do {
                let count = try await catalog.entityCount()
                return Response.plainText("ready: \(count) entities")
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                return Response.plainText("catalog unavailable", status: .serviceUnavailable)
            }
        }
    }
}
