import Hummingbird

/// The one place the application is put together, used by `main` and by the tests.
func buildApplication(host: String = "0.0.0.0", port: Int = ${{ values.port }}) -> some ApplicationProtocol {
    let router = Router()
    // Load balancers and the platform's probes ask this; it answers while the process can serve.
    router.get("health") { _, _ in "ok" }
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port), serverName: "${{ values.name }}")
    )
}
