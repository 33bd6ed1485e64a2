import Foundation
import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl receipts list` in-process: the table, the filters, JSON and the open set of kinds.
struct ReceiptsListCommandTests {
    /// A plan naming two changes, then a verdict and an outcome for them.
    static func fill(_ fixture: ReceiptsFixture) throws -> [Receipt] {
        [
            try fixture.append(.plan, actor: "github:alice", body: ["changeIds": ["github.label.a", "github.label.b"]]),
            try fixture.append(.approve, actor: "bob", body: ["changeId": "github.label.a"]),
            try fixture.append(.reject, actor: "carol", body: ["changeId": "github.label.b", "reason": "not now"]),
            try fixture.append(.outcome, actor: "github:alice", body: ["changeId": "github.label.a", "result": "applied"]),
        ]
    }

    @Test func tableHasOneAlignedRowPerReceipt() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try Self.fill(fixture)
        let ts = receipts[0].ts

        let run = await fixture.run(["receipts", "list"])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let hashes = receipts.map { $0.hash.prefix(12) }
        #expect(run.standardOutput == """
            SEQ  TIME                  KIND     ACTOR         CHANGE             HASH
              0  \(ts)  plan     github:alice  github.label.a +1  \(hashes[0])
              1  \(ts)  approve  bob           github.label.a     \(hashes[1])
              2  \(ts)  reject   carol         github.label.b     \(hashes[2])
              3  \(ts)  outcome  github:alice  github.label.a     \(hashes[3])

            """)
    }

    struct Filter: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expectedSeqs: [Int]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let filters: [Filter] = [
        Filter(arguments: [], expectedSeqs: [0, 1, 2, 3]),
        Filter(arguments: ["--kind", "approve"], expectedSeqs: [1]),
        Filter(arguments: ["--change", "github.label.a"], expectedSeqs: [0, 1, 3]),
        Filter(arguments: ["--change=github.label.b", "--kind=reject"], expectedSeqs: [2]),
        Filter(arguments: ["--kind", "plan", "--change", "github.label.b"], expectedSeqs: [0]),
        Filter(arguments: ["--change", "github.label.zzz"], expectedSeqs: []),
    ]

    @Test(arguments: filters)
    func jsonListsTheMatchingReceiptsInFull(_ filter: Filter) async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try Self.fill(fixture)

        let run = await fixture.run(["receipts", "list", "--json"] + filter.arguments)
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(document["formatVersion"] as? String == "1.0")
        let listed = try #require(document["receipts"] as? [[String: Any]])
        #expect(listed.compactMap { $0["seq"] as? Int } == filter.expectedSeqs)
        for entry in listed {
            let seq = try #require(entry["seq"] as? Int)
            #expect(Set(entry.keys) == ["v", "seq", "ts", "kind", "actor", "body", "prev", "hash"])
            #expect(entry["hash"] as? String == receipts[seq].hash)
            #expect(entry["prev"] as? String == receipts[seq].prev)
        }
    }

    @Test func filtersNarrowTheTable() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try _ = Self.fill(fixture)

        let run = await fixture.run(["receipts", "list", "--change", "github.label.b"])
        #expect(run.status == 0)
        let rows = run.standardOutput.split(separator: "\n").dropFirst()
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("github.label.") })

        let none = await fixture.run(["receipts", "list", "--kind", "export"])
        #expect(none.status == 0)
        #expect(none.standardOutput == "No receipts in \(fixture.logPath) match.\n")
    }

    @Test func unknownKindIsListedWithAWarning() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try _ = Self.fill(fixture)
        try fixture.append("rollback", body: ["changeId": "github.label.a"])

        let typo = await fixture.run(["receipts", "list", "--kind", "aprove"])
        #expect(typo.status == 0)
        #expect(typo.standardError.hasPrefix("opsctl: warning: 'aprove' is not a kind of receipt this opsctl writes"))
        #expect(typo.standardError.contains("hint: did you mean 'approve'? Known kinds: plan, approve, reject, intent, outcome, export, recovery."))

        let newer = await fixture.run(["receipts", "list", "--json", "--kind", "rollback"])
        #expect(newer.status == 0)
        #expect(newer.standardError.contains("warning: 'rollback'"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(newer.standardOutput.utf8)) as? [String: Any])
        let listed = try #require(document["receipts"] as? [[String: Any]])
        #expect(listed.compactMap { $0["seq"] as? Int } == [4])

        let known = await fixture.run(["receipts", "list", "--kind", "recovery"])
        #expect(known.standardError.isEmpty)
    }

    @Test func missingLogListsNothing() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }

        let text = await fixture.run(["receipts", "list"])
        #expect(text.status == 0)
        #expect(text.standardOutput == "No receipts yet: \(fixture.logPath) does not exist.\n")
        let json = await fixture.run(["receipts", "list", "--json"])
        #expect(json.status == 0)
        #expect(json.standardOutput == "{\n  \"formatVersion\": \"1.0\",\n  \"receipts\": []\n}\n")
    }

    @Test func damagedLineIsAnErrorNotASkippedRow() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)
        try fixture.writeLines(try fixture.lines() + ["{\"v\":1,\"se"], terminated: false)

        let run = await fixture.run(["receipts", "list"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("is torn"))
        #expect(run.standardError.contains("hint: run `opsctl receipts repair`"))
    }

    @Test func actorsAreMadeTerminalSafe() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.append(.approve, actor: "eve\u{1B}[2J")

        let run = await fixture.run(["receipts", "list"])
        #expect(run.status == 0)
        #expect(!run.standardOutput.contains("\u{1B}"))
        #expect(run.standardOutput.contains("eve\u{FFFD}[2J"))
    }
}
