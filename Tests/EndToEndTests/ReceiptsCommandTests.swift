import Foundation
import Testing

/// `opsctl receipts` on the built binary: a log written by another process (the test appender,
/// through OpsCore's real append path), verified, damaged and repaired.
final class ReceiptsCommandTests: Sendable {
    let binary: OpsctlBinary
    let appender: URL
    let workspace: Workspace

    init() throws {
        binary = try OpsctlBinary.locate()
        appender = try #require(ConcurrentAppendTests.builtExecutable("opsctl-test-appender"), "opsctl-test-appender not found")
        workspace = try Workspace.make()
    }

    deinit {
        workspace.remove()
    }

    var logURL: URL { workspace.url.appendingPathComponent(".opsctl/receipts.jsonl") }

    func opsctl(_ arguments: [String]) throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: ["OPSCTL_ACTOR": "e2e"])
    }

    func appendApprovals(_ count: Int) throws {
        let process = Process()
        process.executableURL = appender
        process.arguments = [logURL.path, String(count), "alice"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    func lines() throws -> [String] {
        try String(contentsOf: logURL, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func intactLogExitsZeroAndPrintsTheHead() throws {
        let missing = try opsctl(["receipts", "verify"])
        #expect(missing.status == 0)
        #expect(missing.standardOutput == "No receipts yet: .opsctl/receipts.jsonl does not exist.\n")

        try appendApprovals(3)
        let head = try #require(try lines().last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let hash = try #require(head["hash"] as? String)

        let output = try opsctl(["receipts", "verify"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "Receipts intact: 3 entries, head seq 2 sha256:\(hash)\n")
        #expect(output.standardError.isEmpty)

        // The head as printed is accepted back as the expected head.
        let pinned = try opsctl(["receipts", "verify", "--expect-head", "2 sha256:\(hash)"])
        #expect(pinned.status == 0)
    }

    @Test func tamperedLogExitsTwoNamingTheSeq() throws {
        try appendApprovals(3)
        var lines = try lines()
        lines[1] = lines[1].replacingOccurrences(of: "\"i\":1", with: "\"i\":9")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: logURL)

        let output = try opsctl(["receipts", "verify"])
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.hasPrefix(".opsctl/receipts.jsonl:2:1: error: the receipts log is not intact: seq 1 (line 2) was edited"))
        #expect(output.standardError.contains("\n  hint: "))
        #expect(output.standardError.contains("Last intact head: seq 0 sha256:"))

        let json = try opsctl(["receipts", "verify", "--json"])
        #expect(json.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutputBytes)) as? [String: Any])
        #expect((document["failure"] as? [String: Any])?["seq"] as? Int == 1)
    }

    @Test func tornTailIsRepairedAndTheLogVerifiesAgain() throws {
        try appendApprovals(2)
        let handle = try FileHandle(forWritingTo: logURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"v\":1,\"seq\":2".utf8))
        try handle.close()

        let broken = try opsctl(["receipts", "verify"])
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("is torn"))

        let repair = try opsctl(["receipts", "repair"])
        #expect(repair.status == 0, "\(repair.standardError)")
        #expect(repair.standardOutput.hasPrefix("Moved the torn tail of .opsctl/receipts.jsonl (14 bytes"))

        let fixed = try opsctl(["receipts", "verify"])
        #expect(fixed.status == 0)
        #expect(fixed.standardOutput.hasPrefix("Receipts intact: 3 entries, head seq 2 "))

        let listed = try opsctl(["receipts", "list", "--kind", "recovery"])
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("  2  "))
        #expect(listed.standardOutput.contains(" recovery  e2e "))
    }
}
