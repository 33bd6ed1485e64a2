@testable import OpsCore
import Testing
@testable import OpsRender

/// `receipts list`, `verify` and `repair` over a small chain sealed with fixed timestamps, so
/// every hash in the snapshots is stable.
struct ReceiptsRendererSnapshotTests {
    static let logPath = ".opsctl/receipts.jsonl"

    /// One receipt of each kind opsctl writes, chained as the log would chain them, plus one
    /// whose actor carries an escape sequence (anyone can edit the log) and one of a kind a
    /// later opsctl might write.
    static func chain() throws -> [Receipt] {
        let plan = RenderFixtures.plan
        let planDigest = PlanDigest.of(plan)
        let bodies: [(ReceiptKind, String, [String: JSONValue])] = [
            (.plan, RenderFixtures.planner, PlanReceiptBody(plan: plan, planDigest: planDigest, path: "plan.json").members),
            (.approve, "bob@example.com", VerdictReceiptBody(
                verdict: .approve, change: ChangeReference(RenderFixtures.branchProtectionUpdate, planDigest: planDigest), reason: "looks right"
            ).members),
            (.reject, "mallory\u{1B}[2J@example.com", VerdictReceiptBody(
                verdict: .reject, change: ChangeReference(RenderFixtures.columnDrop, planDigest: planDigest), reason: "not yet"
            ).members),
            (.intent, RenderFixtures.planner, IntentReceiptBody(change: ChangeReference(RenderFixtures.labelCreate, planDigest: planDigest)).members),
            (.outcome, RenderFixtures.planner, OutcomeReceiptBody(
                change: ChangeReference(RenderFixtures.labelCreate, planDigest: planDigest), result: .applied,
                detail: "created the label 'security'", before: .null, after: RenderFixtures.labelCreate.after, durationMs: 182
            ).members),
            (.outcome, RenderFixtures.planner, OutcomeReceiptBody(
                change: ChangeReference(RenderFixtures.tableCreate, planDigest: planDigest), result: .proposed,
                detail: "opened pull request #42", durationMs: 1_204, proposal: "https://github.com/acme/autorisen/pull/42"
            ).members),
            (.recovery, RenderFixtures.planner, RecoveryReceiptBody(
                reason: "torn last line", quarantine: "receipts.jsonl.quarantine-20261122T103000Z", offset: 4_096,
                fragmentBytes: 37, fragmentSHA256: RenderFixtures.hash("fragment")
            ).members),
            ("rollback", "ci@example.com", ["bodyVersion": 1, "changeIds": ["github.label.create.security", "github.label.update.bug"]]),
        ]
        var receipts: [Receipt] = []
        for (seq, (kind, actor, body)) in bodies.enumerated() {
            receipts.append(try Receipt(
                seq: seq, ts: "2026-11-22T10:\(seq < 10 ? "0" : "")\(seq):00Z", kind: kind, actor: actor, body: body,
                prev: receipts.last?.hash ?? Receipt.genesisHash
            ))
        }
        return receipts
    }

    static func intact(_ receipts: [Receipt]) -> ReceiptsRenderer.Verification {
        ReceiptsRenderer.Verification(
            logPath: logPath, logExists: true,
            expectedHead: ExpectedHead(receipts[4].head), expectationSource: .checkpoint(path: ".opsctl/checkpoint"),
            report: VerificationReport(
                path: logPath, entries: receipts.count, head: receipts.last?.head, macsChecked: true, expectedHeadSeq: 4, failure: nil
            )
        )
    }

    static func broken(_ receipts: [Receipt], reason: VerificationFailure.Reason, expected: ExpectedHead?) -> ReceiptsRenderer.Verification {
        ReceiptsRenderer.Verification(
            logPath: logPath, logExists: true,
            expectedHead: expected, expectationSource: expected.map { _ in .checkpoint(path: ".opsctl/checkpoint") },
            report: VerificationReport(
                path: logPath, entries: 3, head: receipts[2].head, macsChecked: false,
                failure: VerificationFailure(path: logPath, seq: 3, line: 4, byteOffset: 1_877, reason: reason)
            )
        )
    }

    @Test func tableOfReceipts() throws {
        let text = ReceiptsRenderer.table(try Self.chain())
        assertSnapshot(text, named: "receipts-list-table")
        // The escape in the edited actor must not reach the terminal.
        #expect(!text.contains("\u{1B}"))
    }

    @Test func listAsJSON() throws {
        let receipts = try Self.chain()
        let text = JSONDocument.text(["receipts": ReceiptsRenderer.listJSON(receipts)])
        assertSnapshot(text, named: "receipts-list-json")
        // Exactly as stored: each element is the receipt's own JSON, hash included.
        let parsed = try JSONParser.parse(Array(text.utf8))
        #expect(parsed["receipts"] == .array(receipts.map(\.jsonValue)))
    }

    @Test func intactSummary() throws {
        let verification = Self.intact(try Self.chain())
        assertSnapshot(ReceiptsRenderer.intactSummary(verification, verbose: false, colour: .plain), named: "receipts-verify-intact-plain")
        assertSnapshot(ReceiptsRenderer.intactSummary(verification, verbose: true, colour: .ansi), named: "receipts-verify-intact-verbose-ansi")
    }

    @Test func intactAsJSON() throws {
        let json = JSONDocument.text(ReceiptsRenderer.verificationJSON(Self.intact(try Self.chain())))
        assertSnapshot(json, named: "receipts-verify-intact-json")
    }

    @Test func brokenReport() throws {
        let verification = Self.broken(try Self.chain(), reason: .edited, expected: nil)
        assertSnapshot(ReceiptsRenderer.brokenReport(verification, colour: .plain), named: "receipts-verify-broken-plain")
        assertSnapshot(ReceiptsRenderer.brokenReport(verification, colour: .ansi), named: "receipts-verify-broken-ansi")
        assertSnapshot(JSONDocument.text(ReceiptsRenderer.verificationJSON(verification)), named: "receipts-verify-broken-json")
    }

    @Test func brokenByARewriteSaysWhereTheExpectedHeadCameFrom() throws {
        let receipts = try Self.chain()
        let expected = ExpectedHead(seq: 3, hash: RenderFixtures.hash("the head CI kept"))
        let verification = Self.broken(receipts, reason: .headMismatch(expected: expected, found: receipts[3].hash), expected: expected)
        let text = ReceiptsRenderer.brokenReport(verification, colour: .plain)
        assertSnapshot(text, named: "receipts-verify-head-mismatch-plain")
        #expect(text.contains("note: the expected head \(expected.description) came from the checkpoint .opsctl/checkpoint"))
    }

    @Test func nothingVerifiedBeforeTheBreak() {
        let verification = ReceiptsRenderer.Verification(
            logPath: Self.logPath, logExists: true, expectedHead: nil, expectationSource: nil,
            report: VerificationReport(
                path: Self.logPath, entries: 0, head: nil, macsChecked: false,
                failure: VerificationFailure(path: Self.logPath, seq: 0, line: 1, byteOffset: 0, reason: .unparsable("not JSON"))
            )
        )
        #expect(ReceiptsRenderer.brokenReport(verification, colour: .plain).hasSuffix("No entry verified before the break.\n"))
    }

    @Test func repairSummary() throws {
        let receipts = try Self.chain()
        let result = RepairResult(
            quarantinePath: ".opsctl/receipts.jsonl.quarantine-20261122T103000Z", truncatedAt: 4_096, fragmentByteCount: 37,
            fragmentSHA256: RenderFixtures.hash("fragment"), recovery: receipts[6]
        )
        let text = ReceiptsRenderer.repairSummary(result, logPath: Self.logPath)
        assertSnapshot(text, named: "receipts-repair")
        #expect(text.hasSuffix("Recorded recovery receipt seq 6 sha256:\(receipts[6].hash).\n"))
    }

    @Test(arguments: [
        (true, false, "No receipts yet: .opsctl/receipts.jsonl is empty.\n"),
        (true, true, "No receipts in .opsctl/receipts.jsonl match.\n"),
        (false, false, "No receipts yet: .opsctl/receipts.jsonl does not exist.\n"),
    ])
    func emptyList(logExists: Bool, filtered: Bool, expected: String) {
        #expect(ReceiptsRenderer.emptyList(logPath: Self.logPath, logExists: logExists, filtered: filtered) == expected)
    }
}
