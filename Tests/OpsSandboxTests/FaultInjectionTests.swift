import Foundation
import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Fault injection: --faults plans, seeded rolls, latency, scripted responses")
struct FaultInjectionTests {
    @Test("a good --faults spec parses into rules")
    func parseGood() throws {
        let plan = try FaultPlan(parsing: "429:0.1, 500:0.05,reset:0.01")
        #expect(plan.rules == [
            .init(kind: .status(429), probability: 0.1), .init(kind: .status(500), probability: 0.05), .init(kind: .reset, probability: 0.01),
        ])
        #expect(try FaultPlan(parsing: "503:25%").rules == [.init(kind: .status(503), probability: 0.25)])
        #expect(try FaultPlan(parsing: "").isEmpty)
        #expect(try FaultPlan(parsing: "RESET:1").rules == [.init(kind: .reset, probability: 1)])
        #expect(plan.description == "429:0.1,500:0.05,reset:0.01")
    }

    @Test(
        "a bad --faults spec names the bad item",
        arguments: [
            ("429", "429", FaultPlanError.Reason.missingProbability),
            ("429:0.1,,500:0.1", "", .emptyItem(position: 2)),
            ("teapot:0.1", "teapot:0.1", .unknownKind("teapot")),
            ("200:0.1", "200:0.1", .statusOutOfRange(200)),
            ("429:abc", "429:abc", .invalidProbability("abc")),
            ("429:nan", "429:nan", .invalidProbability("nan")),
            ("429:-0.1", "429:-0.1", .invalidProbability("-0.1")),
            ("429:1.5", "429:1.5", .probabilityOutOfRange("1.5")),
            ("429:0.1,429:0.2", "429:0.2", .duplicateKind("429")),
            ("429:0.6,500:0.6", "429:0.6,500:0.6", .totalExceedsOne(1.2)),
        ]
    )
    func parseBad(spec: String, item: String, reason: FaultPlanError.Reason) throws {
        #expect(throws: FaultPlanError(spec: spec, item: item, reason: reason)) { try FaultPlan(parsing: spec) }
        let error = FaultPlanError(spec: spec, item: item, reason: reason)
        #expect(error.diagnostic.message.contains("--faults"))
        #expect(error.diagnostic.hint?.contains("429:0.1,500:0.05,reset:0.01") == true)
    }

    @Test("rolls follow the cumulative probabilities and repeat for a seed")
    func rolls() throws {
        let plan = try FaultPlan(parsing: "429:0.5,500:0.25")
        #expect(plan.fault(forDraw: 0.0) == .status(429))
        #expect(plan.fault(forDraw: 0.6) == .status(500))
        #expect(plan.fault(forDraw: 0.8) == nil)
        let first = FaultRoller(plan: plan, seed: 42)
        let second = FaultRoller(plan: plan, seed: 42)
        let other = FaultRoller(plan: plan, seed: 43)
        let a = (0..<200).map { _ in first.roll() }
        let b = (0..<200).map { _ in second.roll() }
        let c = (0..<200).map { _ in other.roll() }
        #expect(a == b)
        #expect(a != c)
        let hits = a.filter { $0 == .status(429) }.count
        #expect(hits > 60 && hits < 140)
        var generator = SplitMix64(seed: 0)
        // Published first output of SplitMix64 seeded with 0.
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test("a seeded server injects the same faults, in GitHub's style, run after run")
    func seededRunIsDeterministic() throws {
        func run() throws -> [Int] {
            let harness = try SandboxHarness(SandboxConfiguration(faults: try FaultPlan(parsing: "429:0.3,500:0.2"), seed: 7))
            return try (0..<30).map { _ in try harness.request("GET", "/github/repos/acme/app/labels").status }
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(first.contains(429) && first.contains(500) && first.contains(200))

        let harness = try SandboxHarness(SandboxConfiguration(faults: try FaultPlan(parsing: "429:1"), seed: 1))
        let limited = try harness.request("GET", "/github/repos/acme/app/labels")
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] == "1")
        #expect(limited.headers["x-ratelimit-remaining"] == "0")
        #expect(limited.headers["x-ratelimit-reset"] != nil)
        #expect(try limited.json()["message"]?.stringValue?.hasPrefix("API rate limit exceeded") == true)
        // Control requests are never faulted.
        #expect(try harness.request("GET", "/_sandbox/health", headers: []).status == 200)
    }

    @Test("an injected 403 is GitHub's primary rate limit: no retry-after, reset in a second")
    func primaryLimitFault() throws {
        let harness = try SandboxHarness(SandboxConfiguration(faults: try FaultPlan(parsing: "403:1")))
        let response = try harness.request("GET", "/github/repos/acme/app/labels")
        #expect(response.status == 403)
        #expect(response.headers["retry-after"] == nil)
        #expect(response.headers["x-ratelimit-remaining"] == "0")
        let reset = try #require(Int(response.headers["x-ratelimit-reset"] ?? ""))
        #expect(abs(reset - Int(Date().timeIntervalSince1970)) <= 2)
    }

    @Test("reset faults abort the connection")
    func resetFault() throws {
        let harness = try SandboxHarness(SandboxConfiguration(faults: try FaultPlan(parsing: "reset:1")))
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(method: "GET", path: "/github/repos/a/b/labels", headers: SandboxHarness.githubHeaders)
        #expect(connection.peerState() == .reset)
    }

    @Test("--latency delays every emulated request")
    func latency() throws {
        let harness = try SandboxHarness(SandboxConfiguration(latency: .milliseconds(150)))
        let started = ContinuousClock.now
        #expect(try harness.request("GET", "/github/repos/a/b/labels").status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(150))
    }

    @Test("--latency counts from the request's first bytes, not from when the whole request was read")
    func latencyFromArrival() throws {
        let harness = try SandboxHarness(SandboxConfiguration(latency: .milliseconds(400)))
        let connection = try RawHTTPConnection(port: harness.port)
        let request = "GET /github/repos/a/b/labels HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + SandboxHarness.githubHeaders.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
        // Half the head, then a pause, then the rest: the answer is due 400 ms after the first
        // half arrived, so about 150 ms after the rest, not 400 ms after it.
        let split = request.utf8.count / 2
        let started = ContinuousClock.now
        try connection.send(Array(request.utf8.prefix(split)))
        Thread.sleep(forTimeInterval: 0.25)
        let restSent = ContinuousClock.now
        try connection.send(Array(request.utf8.dropFirst(split)))
        #expect(try connection.readResponse().status == 200)
        let answered = ContinuousClock.now
        #expect(answered - started >= .milliseconds(399))
        #expect(answered - restSent < .milliseconds(380))
    }

    @Test("scripted 429 with Retry-After, then 500s, then the real answer")
    func scriptedSequence() throws {
        let harness = try SandboxHarness()
        let path = "/github/repos/acme/app/labels"
        let script = try harness.request("POST", "/_sandbox/faults", headers: [], body: [
            "path": .string(path), "method": "GET",
            "responses": [["status": 429, "headers": ["Retry-After": "3"]], ["status": 500, "repeat": 2]],
        ])
        #expect(script.status == 201)
        #expect(try script.json()["remaining"] == 3)

        // Another method on the same path is not scripted.
        #expect(try harness.request("POST", path, body: ["name": "x"]).status == 201)

        let limited = try harness.request("GET", path)
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "3")
        #expect(limited.headers["x-ratelimit-remaining"] == "0")
        let failed = try harness.request("GET", path)
        #expect(failed.status == 500)
        #expect(try failed.json()["message"] == "Server Error")
        #expect(try harness.request("GET", path).status == 500)
        #expect(try harness.request("GET", path).status == 200)
        #expect(try harness.request("GET", "/_sandbox/faults", headers: []).json() == ["faults": []])
    }

    @Test("scripted bodies, prefix paths and clearing")
    func scriptedBodiesAndPrefixes() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", "/_sandbox/faults", headers: [], body: [
            "path": "/github/repos/*", "responses": [["status": 503, "body": ["message": "down for maintenance"]], ["status": 418, "body": "teapot"]],
        ])
        let first = try harness.request("GET", "/github/repos/x/y/labels")
        #expect(first.status == 503)
        #expect(try first.json() == ["message": "down for maintenance"])
        let second = try harness.request("PATCH", "/github/repos/x/y")
        #expect(second.status == 418)
        #expect(second.text == "teapot")

        _ = try harness.request("POST", "/_sandbox/faults", headers: [], body: ["path": "/github/repos/*", "responses": [["status": 500]]])
        #expect(try harness.request("DELETE", "/_sandbox/faults", headers: []).status == 204)
        #expect(try harness.request("GET", "/github/repos/x/y/labels").status == 200)
    }

    @Test("a scripted hang holds the response until the client gives up")
    func scriptedHang() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", "/_sandbox/faults", headers: [], body: ["path": "/github/repos/a/b/labels", "responses": [["hang": 30]]])
        let connection = try RawHTTPConnection(port: harness.port, receiveTimeout: 1)
        try connection.send(method: "GET", path: "/github/repos/a/b/labels", headers: SandboxHarness.githubHeaders)
        let started = ContinuousClock.now
        #expect(connection.peerState() == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(5))
        // stop() must not wait out the 30 s hang.
        let stopping = ContinuousClock.now
        harness.server.stop()
        #expect(ContinuousClock.now - stopping < .seconds(5))
        #expect(harness.server.liveThreadCount == 0)
    }

    @Test("a scripted delay slows a correct answer; a scripted reset aborts")
    func scriptedDelayAndReset() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", "/_sandbox/faults", headers: [], body: [
            "path": "/github/repos/a/b/labels", "responses": [["delay_ms": 300], ["reset": true]],
        ])
        let started = ContinuousClock.now
        #expect(try harness.request("GET", "/github/repos/a/b/labels").status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        let connection = try RawHTTPConnection(port: harness.port)
        try connection.send(method: "GET", path: "/github/repos/a/b/labels", headers: SandboxHarness.githubHeaders)
        #expect(connection.peerState() == .reset)
    }

    @Test(
        "bad control requests get 400 with a reason",
        arguments: [
            #"{"responses": [{"status": 500}]}"#,
            #"{"path": "/x", "responses": []}"#,
            #"{"path": "/x", "responses": [{"status": 99}]}"#,
            #"{"path": "/x", "responses": [{"status": 500, "reset": true}]}"#,
            #"{"path": "/x", "responses": [{"status": 500, "headers": {"X": "a\r\nb"}}]}"#,
            #"{"path": "/x", "responses": [{"sttaus": 500}]}"#,
            #"{"path": "/x", "responses": [{"body": "x"}]}"#,
            #"not json"#,
        ]
    )
    func badControlRequests(body: String) throws {
        let harness = try SandboxHarness()
        let response = try harness.request("POST", "/_sandbox/faults", headers: [], rawBody: Array(body.utf8))
        #expect(response.status == 400)
        #expect(try response.json()["message"]?.stringValue?.isEmpty == false)
    }
}
