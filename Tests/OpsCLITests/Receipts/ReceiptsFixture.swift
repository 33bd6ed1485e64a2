import Foundation
import OpsCore
@testable import OpsCLI

/// A receipts log in a fresh temporary directory, written through OpsCore as `apply` and
/// `approve` write it, plus ways to damage it the way the verifier must notice.
struct ReceiptsFixture: Sendable {
    /// Every receipt gets the same instant, so runs are reproducible.
    static let date = Date(timeIntervalSince1970: 1_795_000_000)

    let directory: TemporaryDirectory
    let key: [UInt8]?

    static func make(key: String? = nil) throws -> ReceiptsFixture {
        ReceiptsFixture(directory: try TemporaryDirectory.make(), key: key.map { Array($0.utf8) })
    }

    var logPath: String { directory.file(".opsctl/receipts.jsonl") }
    var checkpointPath: String { directory.file(".opsctl/checkpoint") }
    var log: ReceiptLog { ReceiptLog(path: logPath, key: key) }

    @discardableResult
    func append(_ kind: ReceiptKind, actor: String = "alice", body: [String: JSONValue] = [:]) throws -> Receipt {
        try log.append(kind: kind, actor: actor, body: body, date: Self.date)
    }

    /// Appends `count` approvals and returns them in order.
    @discardableResult
    func appendApprovals(_ count: Int) throws -> [Receipt] {
        try (0..<count).map { index in try append(.approve, body: ["changeId": .string("github.label.acme-app.bug-\(index)")]) }
    }

    /// The log's lines without their newlines (a trailing unterminated fragment included).
    func lines() throws -> [String] {
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    func writeLines(_ lines: [String], terminated: Bool = true) throws {
        try writeRaw(lines.joined(separator: "\n") + (terminated ? "\n" : ""))
    }

    func writeRaw(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: logPath))
    }

    /// Runs opsctl in-process against this log (`--receipts` points at it).
    func run(_ arguments: [String], environment: [String: String] = [:]) async -> CapturedRun {
        var environment = environment
        // Repair records who acted; naming the actor keeps the test from asking git.
        environment["OPSCTL_ACTOR"] = environment["OPSCTL_ACTOR"] ?? "tester"
        return await runOpsctl(["--receipts", logPath] + arguments, environment: environment)
    }

    func remove() {
        directory.remove()
    }
}
