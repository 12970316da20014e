#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SlackTesting
import Testing

/// The fake Slack must never be what makes a test hang: it starts or fails at once, and it stops
/// whatever its clients left open.
@Suite(.timeLimit(.minutes(3)))
struct FakeSlackLifecycleTests {
    /// Opens a TCP connection to `port` on loopback and sends nothing, as an HTTP client's pool does
    /// when it opens a connection ahead of need. Returns the socket, which the caller closes.
    static func silentConnection(to port: Int) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "connect failed")
        return descriptor
    }

    @Test func `a client connection that never sent a request does not keep the fake from stopping`() async throws {
        var open: [Int32] = []
        defer { open.forEach { _ = close($0) } }
        try await FakeSlack.withRunning { fake in
            open.append(try Self.silentConnection(to: fake.port))
            open.append(try Self.silentConnection(to: fake.port))
        }
        // Reaching this line is the test: before the fix, withRunning waited for ever for the
        // silent connections' first request.
    }

    /// Sends one keep-alive request on `descriptor` and reads until the response's end, leaving the
    /// connection open and idle, as an HTTP client's pool does between requests.
    static func idleAfterOneRequest(_ descriptor: Int32) throws {
        let request = "POST /api/api.test HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n\r\n"
        let sent = request.withCString { send(descriptor, $0, strlen($0), 0) }
        try #require(sent > 0)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("\"ok\"") {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            try #require(count > 0, "the fake closed the connection before answering")
            received += buffer.prefix(count)
        }
    }

    @Test func `an idle keep-alive connection does not keep the fake from stopping, and is closed by it`() async throws {
        var open: [Int32] = []
        defer { open.forEach { _ = close($0) } }
        try await FakeSlack.withRunning { fake in
            for _ in 0..<4 {
                let descriptor = try Self.silentConnection(to: fake.port)
                open.append(descriptor)
                try Self.idleAfterOneRequest(descriptor)
            }
        }
        var byte: UInt8 = 0
        for descriptor in open {
            #expect(recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT)) == 0, "the connection is closed: end of stream, not 'would block'")
        }
    }

    @Test func `a fake that cannot listen fails its test at once`() async throws {
        try await FakeSlack.withRunning { first in
            await #expect(throws: FakeSlackError.self) {
                try await FakeSlack.withRunning(port: first.port) { _ in }
            }
        }
    }
}
