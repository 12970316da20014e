import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `GET /healthz` (the process answers) and `GET /readyz` (it should receive traffic; see
/// ``Readiness``). A catalog source whose last refresh failed is named in the readiness body but
/// does not fail it: the service still answers from that source's last good entities.
struct HealthRoutes {
    let readiness: Readiness

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in Response.plainText("ok") }
        router.get("readyz") { _, context in
            let report = await readiness.check()
            if !report.isReady {
                context.logger.warning("not ready", metadata: ["reasons": "\(report.lines.joined(separator: "; "))"])
            }
            return Response.plainText(report.lines.joined(separator: "\n"), status: report.isReady ? .ok : .serviceUnavailable)
        }
    }
}
