import Foundation
import OpsCore
import OpsTesting
import Testing

/// Change IDs, kinds and payloads: the typed model connectors build on.
@Suite("Change model")
struct ChangeModelTests {
    enum LabelKind: String, ChangeKind {
        case create = "label.create"
        case update = "label.update"
        static let scope = ServiceScope.github
    }

    struct LabelPayload: ChangePayload, Equatable {
        var name: String
        var color: String?

        init(name: String, color: String?) {
            self.name = name
            self.color = color
        }

        init(change: Change) throws(ChangePayloadError) {
            let payload = PayloadReader(change)
            _ = try LabelKind.of(change)
            name = try payload.member("label").string("name")
            color = try payload.member("label").optionalString("color")
        }
    }

    @Test(arguments: [
        ("read own profile", "read-own-profile"),
        ("Users  can see\tthemselves", "Users-can-see-themselves"),
        ("plain_name-1.2", "plain_name-1.2"),
        ("  ", "unnamed"),
        ("élan vital", "élan-vital"),
        ("quote's \"here\"", "quote-s-here"),
    ])
    func namesBecomeSlugsAUserCanType(name: String, slug: String) {
        #expect(ChangeID.slug(name) == slug)
        #expect(!ChangeID.slug(name).contains(" "))
    }

    @Test func idsFromEarlierVersionsWithSpacesStillParse() {
        let id = ChangeID("supabase.policy.create.public.profiles.read own profile")
        #expect(id?.scope == .supabase)
        #expect(id?.name == "public.profiles.read own profile")
    }

    @Test(arguments: ["github.label.create", "nosuchscope.label.create.x", "github..create.x", ""])
    func malformedIDsDoNotParse(text: String) {
        #expect(ChangeID(text) == nil)
    }

    @Test(arguments: [
        ("github.label.delete.x", ChangeEffect.remove), ("supabase.table.drop.public.t", .remove), ("github.label.create.x", .add),
        ("vercel.env.add.K", .add), ("github.label.update.x", .modify), ("supabase.policy.replace.public.t.p", .modify),
    ])
    func destructiveIsDefinedByTheEffectAlone(id: String, effect: ChangeEffect) {
        let changeID = ChangeID(id)!
        #expect(changeID.effect == effect)
        #expect(changeID.isDestructive == (effect == .remove))
    }

    @Test func aKindBuildsItsIDAndIsFoundAgainFromIt() throws {
        let id = LabelKind.update.id(name: "bug")
        #expect(id.description == "github.label.update.bug")
        #expect(LabelKind(id) == .update)
        #expect(LabelKind(ChangeID("vercel.label.update.bug")!) == nil, "another scope's change is not this kind")
        let change = ChangeFactory.change("github.label.delete.bug")
        #expect(throws: ChangePayloadError(changeID: change.id, problem: "the github connector does not know changes of kind github.label.delete")) {
            try LabelKind.of(change)
        }
    }

    @Test func aPayloadIsDecodedOnceAndAMissingMemberIsNamed() throws {
        let good = ChangeFactory.change("github.label.create.bug", payload: ["label": ["name": "bug", "color": "d73a4a"]])
        #expect(try LabelPayload(change: good) == LabelPayload(name: "bug", color: "d73a4a"))
        let missing = ChangeFactory.change("github.label.create.bug", payload: ["label": ["color": "d73a4a"]])
        #expect(throws: ChangePayloadError(changeID: missing.id, problem: "payload.label.name is missing")) { try LabelPayload(change: missing) }
        let wrongType = ChangeFactory.change("github.label.create.bug", payload: ["label": ["name": 7]])
        #expect(throws: ChangePayloadError(changeID: wrongType.id, problem: "payload.label.name is not a string")) { try LabelPayload(change: wrongType) }
        let error = ChangePayloadError(changeID: missing.id, problem: "payload.label.name is missing")
        #expect(error.diagnostic.message == "cannot read the plan's payload for github.label.create.bug: payload.label.name is missing")
        #expect(error.diagnostic.hint == "re-run 'opsctl plan' and apply the new plan")
    }

    @Test func aConnectorGivenAnUnreadablePayloadFailsNamingTheChange() async {
        let change = ChangeFactory.change("github.label.create.bug", payload: ["label": "not an object"])
        let request = ApplyRequest(change: change, secrets: SecretResolver { _ in .success("") })
        let response = await request.decoding(LabelPayload.self) { _ in .applied(before: .null, after: .null, detail: "should not run") }
        #expect(response == .failed(ChangePayloadError(changeID: change.id, problem: "payload.label is not an object").diagnostic))
        let refresh = await RefreshRequest(change: change).decoding(LabelPayload.self) { _ in .unchanged }
        #expect(refresh == .failed(ChangePayloadError(changeID: change.id, problem: "payload.label is not an object").diagnostic))
    }

    @Test func aPlanFileWithAnUnknownHazardOrScopeIsRefusedNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = Plan(createdAt: "2026-11-20T10:00:00Z", createdBy: "p", scope: [.github], inputs: [], checks: [], changes: [
            ChangeFactory.change("github.label.create.a", hazards: [.deletesData]),
        ])
        let path = directory.appendingPathComponent("plan.json").path
        try PlanFile.write(plan, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"DELETES_DATA\"", with: "\"MELTS_DOWN\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PlanFileError.self) { try PlanFile.read(from: path) }
        do {
            _ = try PlanFile.read(from: path)
        } catch {
            #expect(error.diagnostic.message.contains("MELTS_DOWN"))
        }
    }

    @Test func receiptBodiesWrittenBeforeBodyVersionsReadAsVersionOne() throws {
        let receipt = try Receipt(
            seq: 0, ts: "2026-11-20T10:00:00Z", kind: .approve, actor: "alice",
            body: ["changeId": "github.label.create.a", "changeDigest": "sha256:1", "planDigest": "sha256:2", "reason": "ok"],
            prev: Receipt.genesisHash
        )
        let verdict = try #require(VerdictReceiptBody(receipt))
        #expect(verdict.verdict == .approve)
        #expect(verdict.change == ChangeReference(changeID: "github.label.create.a", changeDigest: "sha256:1", planDigest: "sha256:2"))
        #expect(verdict.members["bodyVersion"] == .int(1))
        let withoutDigest = try Receipt(
            seq: 0, ts: "2026-11-20T10:00:00Z", kind: .approve, actor: "alice", body: ["changeId": "github.label.create.a"],
            prev: Receipt.genesisHash
        )
        #expect(VerdictReceiptBody(withoutDigest) == nil, "an approval that names no digest is trusted for nothing")
        #expect(ReceiptLedger(receipts: [withoutDigest]).approvals.isEmpty)
    }
}
