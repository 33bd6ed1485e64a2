import Foundation
import FoundationNetworking
import Glibc
import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Sandbox server: sockets, HTTP/1.1 framing, limits, lifecycle")
struct ServerTests {
    @Test("starts on port 0, reports the bound port and answers")
    func startsOnAFreePort() throws {
        let harness = try SandboxHarness()
        #expect(harness.port != 0)
        #expect(harness.baseURL == "http://127.0.0.1:\(harness.port)")
        let response = try harness.request("GET", "/_sandbox/health", headers: [])
        #expect(response.status == 200)
        #expect(try response.json() == ["status": "ok", "scopes": ["github", "heroku", "oidc", "posthog", "sendgrid", "slack", "ssm", "stripe", "sts", "supabase", "vercel"]])
        #expect(response.headers["Date"] != nil)
    }

    @Test("keeps a connection alive across requests and honours Connection: close")
    func keepAlive() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(method: "GET", path: "/_sandbox/health", headers: [])
        let first = try connection.readResponse()
        #expect(first.status == 200)
        #expect(first.headers["Connection"] == "keep-alive")
        try connection.send(method: "GET", path: "/github/repos/acme/app/labels", headers: SandboxHarness.githubHeaders)
        let second = try connection.readResponse()
        #expect(second.status == 200)
        try connection.send(method: "GET", path: "/_sandbox/health", headers: [("Connection", "close")])
        let third = try connection.readResponse()
        #expect(third.headers["Connection"] == "close")
        #expect(connection.peerState() == .closed)
    }

    @Test("answers pipelined requests in order")
    func pipelining() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(
            "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\nGET /_sandbox/faults HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        #expect(try connection.readResponse().status == 200)
        #expect(try connection.readResponse().status == 404)
        #expect(try connection.readResponse().status == 200)
    }

    @Test("HTTP/1.0 closes after the response unless it asks for keep-alive")
    func http10() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send("GET /_sandbox/health HTTP/1.0\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(response.headers["Connection"] == "close")
        #expect(connection.peerState() == .closed)
    }

    @Test("HEAD gets the headers of GET without a body")
    func head() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(method: "HEAD", path: "/github/repos/acme/app", headers: SandboxHarness.githubHeaders)
        let response = try connection.readResponse(headOnly: true)
        #expect(response.status == 200)
        #expect(Int(response.headers["Content-Length"] ?? "0")! > 100)
        try connection.send(method: "GET", path: "/_sandbox/health", headers: [])
        #expect(try connection.readResponse().status == 200)
    }

    @Test("serves 50 connections at once")
    func fiftyConcurrentConnections() throws {
        // With 200 ms of latency per request, 50 requests served one by one would take 10 s.
        let harness = try SandboxHarness(SandboxConfiguration(latency: .milliseconds(200)))
        let started = ContinuousClock.now
        let connections = try (0..<50).map { _ in try RawHTTPConnection(port: harness.port) }
        for (index, connection) in connections.enumerated() {
            try connection.send(method: "GET", path: "/github/repos/acme/app\(index)", headers: SandboxHarness.githubHeaders)
        }
        for (index, connection) in connections.enumerated() {
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(try response.json()["name"] == .string("app\(index)"))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("serves 50 parallel URLSession requests")
    func urlSessionParallel() async throws {
        let harness = try SandboxHarness()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 15
        configuration.timeoutIntervalForResource = 30
        configuration.httpMaximumConnectionsPerHost = 50
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask {
                    var request = URLRequest(url: URL(string: "\(harness.baseURL)/github/repos/acme/app/labels/missing-\(index)")!)
                    request.timeoutInterval = 15
                    for (name, value) in SandboxHarness.githubHeaders { request.setValue(value, forHTTPHeaderField: name) }
                    let (_, response) = try await session.data(for: request)
                    return (response as! HTTPURLResponse).statusCode
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0 == 404 })
    }

    @Test("headers over 64 KiB get 431")
    func oversizedHeaders() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        let filler = String(repeating: "a", count: 70 * 1024)
        try connection.send("GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nX-Filler: \(filler)\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 431)
        #expect(response.headers["Connection"] == "close")
        #expect(try response.json()["message"]?.stringValue?.contains("65536") == true)
    }

    @Test("a body over 8 MiB gets 413 without being read")
    func oversizedBody() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send("POST /github/repos/acme/app/labels HTTP/1.1\r\nHost: x\r\nContent-Length: \(8 * 1024 * 1024 + 1)\r\n\r\n{\"name\":")
        let response = try connection.readResponse()
        #expect(response.status == 413)
        #expect(response.headers["Connection"] == "close")
    }

    @Test("a body of exactly 8 MiB is accepted")
    func bodyAtTheLimit() throws {
        let harness = try SandboxHarness()
        let body = Array(#"{"name":"big","description":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 8 * 1024 * 1024 - 31) + Array(#""}"#.utf8)
        #expect(body.count == 8 * 1024 * 1024)
        let response = try harness.request("POST", "/github/repos/acme/app/labels", rawBody: body)
        // The description is far too long for GitHub: the point is that the body was read.
        #expect(response.status == 422)
    }

    @Test("chunked request bodies get 411")
    func chunkedBody() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send("POST /github/repos/acme/app/labels HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        let response = try connection.readResponse()
        #expect(response.status == 411)
        #expect(try response.json()["message"]?.stringValue?.contains("Content-Length") == true)
    }

    @Test(
        "malformed requests get 400 or 505",
        arguments: [
            ("GARBAGE\r\n\r\n", 400),
            ("GET /x HTTP/2.0\r\n\r\n", 505),
            ("GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", 400),
            ("GET /x HTTP/1.1\r\n folded: header\r\n\r\n", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
            ("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ]
    )
    func malformed(request: String, status: Int) throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(request)
        #expect(try connection.readResponse().status == status)
    }

    @Test("Expect: 100-continue gets an interim response before the body")
    func expectContinue() throws {
        let harness = try SandboxHarness()
        let connection = try RawHTTPConnection(port: harness.port)
        let body = #"{"name":"bug"}"#
        try connection.send(
            "POST /github/repos/acme/app/labels HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\nAuthorization: Bearer t\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        )
        #expect(connection.peerState() == .data)
        try connection.send(body)
        #expect(try connection.readResponse().status == 201)
    }

    @Test("a client that stalls mid-request gets 408, and an idle one is closed")
    func readTimeouts() throws {
        var limits = SandboxLimits()
        limits.requestTimeout = .milliseconds(300)
        limits.idleTimeout = .milliseconds(300)
        let harness = try SandboxHarness(SandboxConfiguration(limits: limits))
        let stalled = try RawHTTPConnection(port: harness.port)
        try stalled.send("GET /_sandbox/health HTTP/1.1\r\nHost: x\r\n")
        #expect(try stalled.readResponse().status == 408)

        let idle = try RawHTTPConnection(port: harness.port)
        #expect(idle.peerState() == .closed)
    }

    @Test("connections over the limit get 503 and are closed")
    func connectionLimit() throws {
        var limits = SandboxLimits()
        limits.maxConnections = 2
        let harness = try SandboxHarness(SandboxConfiguration(limits: limits))
        let first = try RawHTTPConnection(port: harness.port)
        let second = try RawHTTPConnection(port: harness.port)
        // Both are admitted once the server answered on them.
        for connection in [first, second] {
            try connection.send(method: "GET", path: "/_sandbox/health", headers: [])
            #expect(try connection.readResponse().status == 200)
        }
        let third = try RawHTTPConnection(port: harness.port)
        let refused = try third.readResponse()
        #expect(refused.status == 503)
        #expect(refused.headers["Retry-After"] == "1")
    }

    @Test("deeply nested JSON bodies are parsed on connection threads without trouble")
    func deepJSON() throws {
        let harness = try SandboxHarness()
        let depth = 500
        let body = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        let response = try harness.request("POST", "/_sandbox/faults", headers: [], rawBody: body)
        #expect(response.status == 400)
    }

    @Test("unknown mount points get a JSON 404")
    func unknownScope() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", "/netlify/sites", headers: [])
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(try response.json()["message"]?.stringValue?.contains("/github") == true)
    }

    @Test("stop() closes the listener and every connection, and leaves no thread behind")
    func stopReleasesEverything() throws {
        let server = try SandboxServer(configuration: SandboxConfiguration())
        try server.start()
        let port = server.port!
        let idle = try RawHTTPConnection(port: port)
        let busy = try RawHTTPConnection(port: port)
        try busy.send(method: "GET", path: "/_sandbox/health", headers: [])
        #expect(try busy.readResponse().status == 200)
        #expect(server.liveThreadCount >= 2)

        server.stop()
        #expect(server.liveThreadCount == 0)
        #expect(server.openConnectionCount == 0)
        #expect(idle.peerState() == .closed)
        #expect(busy.peerState() == .closed)
        #expect(RawHTTPConnection.connectionErrno(port: port) == ECONNREFUSED)
        server.stop()
    }

    @Test("starting and stopping many servers leaks no descriptors")
    func repeatedStartStop() throws {
        func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        }
        // Other tests open descriptors concurrently (up to ~100 for the 50-connection test),
        // so compare with a margin; a leaked listener or stop pipe per cycle (3 descriptors
        // times 150) would far exceed it.
        let before = openDescriptors()
        for _ in 0..<150 {
            let server = try SandboxServer(configuration: SandboxConfiguration())
            try server.start()
            let connection = try RawHTTPConnection(port: server.port!)
            try connection.send(method: "GET", path: "/_sandbox/health", headers: [])
            _ = try connection.readResponse()
            server.stop()
            #expect(server.liveThreadCount == 0)
        }
        #expect(openDescriptors() < before + 150)
    }

    @Test("start() twice and start() after stop() are refused")
    func lifecycleErrors() throws {
        let server = try SandboxServer(configuration: SandboxConfiguration())
        try server.start()
        #expect(throws: SandboxServerError(.alreadyStarted)) { try server.start() }
        server.stop()
        #expect(throws: SandboxServerError(.alreadyStopped)) { try server.start() }
    }

    @Test("a port in use is a clear error")
    func portInUse() throws {
        let first = try SandboxHarness()
        let second = try SandboxServer(configuration: SandboxConfiguration(port: first.port))
        #expect(throws: SandboxServerError(.portInUse(first.port))) { try second.start() }
        let diagnostic = SandboxServerError(.portInUse(first.port)).diagnostic
        #expect(diagnostic.message.contains("already in use"))
        #expect(diagnostic.hint?.contains("--port 0") == true)
    }

    @Test("run(onStart:) hands over the URL and returns after stop()")
    func runBlocksUntilStopped() async throws {
        let server = try SandboxServer(configuration: SandboxConfiguration())
        let finished = Locked(false)
        let thread = Thread {
            try? server.run { url in
                #expect(url.hasPrefix("http://127.0.0.1:"))
            }
            finished.withLock { $0 = true }
        }
        thread.start()
        while server.port == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(finished.current == false)
        server.stop()
        server.waitUntilStopped()
        for _ in 0..<100 where !finished.current { try await Task.sleep(for: .milliseconds(10)) }
        #expect(finished.current)
    }

    @Test("scopes must be unique lowercase names")
    func scopeValidation() {
        struct Named: ServiceEmulator {
            let scope: String
            func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse { .empty(204) }
        }
        #expect(throws: SandboxServerError(.invalidScope("Git Hub"))) {
            try SandboxServer(configuration: SandboxConfiguration(), emulators: [Named(scope: "Git Hub")])
        }
        #expect(throws: SandboxServerError(.duplicateScope("x"))) {
            try SandboxServer(configuration: SandboxConfiguration(), emulators: [Named(scope: "x"), Named(scope: "x")])
        }
    }

    @Test("a second emulator mounts beside GitHub's and sees its path below the mount")
    func customEmulator() throws {
        struct Echo: ServiceEmulator {
            let scope = "echo"
            func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
                .json(200, ["path": .string(request.path), "mount": .string(request.mountURL), "q": .string(request.query["q"] ?? "")])
            }
        }
        let harness = try SandboxHarness(emulators: SandboxServer.defaultEmulators() + [Echo()])
        let response = try harness.request("GET", "/echo/v10/projects/a%20b?q=x+y", headers: [])
        #expect(try response.json() == ["path": "/v10/projects/a%20b", "mount": .string("http://127.0.0.1:\(harness.port)/echo"), "q": "x y"])
    }

    @Test("the request log hook sees each request without its query")
    func requestLog() throws {
        let records = Locked([SandboxRequestRecord]())
        let harness = try SandboxHarness(SandboxConfiguration(onRequest: { record in records.withLock { $0.append(record) } }))
        _ = try harness.request("GET", "/github/repos/acme/app/labels?per_page=5")
        let record = try #require(records.current.first)
        #expect(record.method == "GET")
        #expect(record.path == "/github/repos/acme/app/labels")
        #expect(record.outcome == .answered(status: 200))
    }
}
