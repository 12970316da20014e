import Hummingbird

/// ${{ values.name }}: ${{ values.description }}
@main
struct App {
    static func main() async throws {
        let app = buildApplication(port: ${{ values.port }})
        try await app.runService()
    }
}
