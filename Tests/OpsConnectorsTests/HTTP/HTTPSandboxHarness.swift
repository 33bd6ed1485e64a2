import Foundation
import OpsCore
import Synchronization
import Testing

@testable import OpsConnectors
import OpsSandbox

/// A real sandbox server on loopback for one test, with helpers to script its next responses
/// and to see, from the server's side, when each request was being served.
final class HTTPSandboxHarness: Sendable {
    struct Served: Sendable {
        var method: String
        var path: String
        var outcome: SandboxRequestRecord.Outcome
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant
    }

    let server: SandboxServer
    let baseURL: URL
    private let control: ServiceHTTPClient

    init() throws {
        let recorder = HTTPServedLog()
        let server = try SandboxServer(
            configuration: SandboxConfiguration(port: 0, onRequest: { record in
                let end = ContinuousClock.now
                recorder.append(
                    Served(method: record.method, path: record.path, outcome: record.outcome, start: end - record.duration, end: end))
            }))
        self.server = server
        baseURL = URL(string: try server.start())!
        self.recorder = recorder
        control = ServiceHTTPClient(
            configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: baseURL, retry: RetryPolicy(maxAttempts: 1)),
            redactor: Redactor(registry: SecretRegistry()))
    }

    private let recorder: HTTPServedLog

    deinit {
        server.stop()
    }

    /// The GitHub emulator's mount, standing in for `https://api.github.com`.
    var githubURL: URL { baseURL.appendingPathComponent("github") }

    /// Scripts the next responses for `path` (mount prefix included), as `POST /_sandbox/faults`.
    func script(_ method: String?, _ path: String, _ responses: [JSONValue]) async throws {
        var rule: [String: JSONValue] = ["path": .string(path), "responses": .array(responses)]
        if let method { rule["method"] = .string(method) }
        _ = try await control.send(.json("POST", "/_sandbox/faults", body: .object(rule)))
    }

    /// Requests the server has finished with, in the order it finished them.
    var requests: [Served] { recorder.values }

    /// The server logs a request just after answering it, so the client can see the answer
    /// first; this waits (up to two seconds) until `count` matching requests are logged.
    func settle(_ count: Int, where filter: (Served) -> Bool) async throws -> [Served] {
        let deadline = ContinuousClock.now + .seconds(2)
        while true {
            let matching = requests.filter(filter)
            if matching.count >= count || ContinuousClock.now > deadline { return matching }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The most requests matching `filter` the server was serving at one moment.
    func maxConcurrency(where filter: (Served) -> Bool) -> Int {
        let intervals = requests.filter(filter)
        var events: [(ContinuousClock.Instant, Int)] = []
        for interval in intervals {
            events.append((interval.start, 1))
            events.append((interval.end, -1))
        }
        // Ends sort before starts at the same instant: touching intervals do not overlap.
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var current = 0
        var maximum = 0
        for (_, delta) in events {
            current += delta
            maximum = max(maximum, current)
        }
        return maximum
    }
}

final class HTTPServedLog: Sendable {
    private let entries = Mutex<[HTTPSandboxHarness.Served]>([])
    func append(_ entry: HTTPSandboxHarness.Served) { entries.withLock { $0.append(entry) } }
    var values: [HTTPSandboxHarness.Served] { entries.withLock { $0 } }
}

/// The system clock, with every sleep the client asks for written down.
final class RecordingHTTPClock: HTTPClientClock {
    private let system = SystemHTTPClientClock()
    private let recorded = Mutex<[Duration]>([])

    var sleeps: [Duration] { recorded.withLock { $0 } }

    func monotonicNow() -> Duration { system.monotonicNow() }
    func wallNow() -> Date { system.wallNow() }

    func sleep(for duration: Duration) async throws {
        recorded.withLock { $0.append(duration) }
        try await system.sleep(for: duration)
    }
}

/// Everything the client reported to its observer, rendered as text.
final class HTTPEventLog: Sendable {
    private let events = Mutex<[HTTPLogEvent]>([])
    func record(_ event: HTTPLogEvent) { events.withLock { $0.append(event) } }
    var text: String { events.withLock { $0.map { String(describing: $0) }.joined(separator: "\n") } }
    var count: Int { events.withLock { $0.count } }
}
