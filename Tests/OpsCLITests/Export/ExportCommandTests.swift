import Foundation
import OpsCore
import OpsSandbox
import OpsTesting
import Testing

/// What the receipts make possible after a real plan → apply against the sandbox's GitHub, in
/// process: `export` and `receipts verify --bundle` (the system's tar reads what export
/// writes), and `plan --revert`.
final class ExportCommandTests: Sendable {
    static let token = "ghp_EXPORTCANARYexportcanary0123456789ab"
    static let receiptsKey = "receipts-key-EXPORT-CANARY-2b9d"

    let server: SandboxServer
    let baseURL: String
    let directory: TemporaryDirectory
    let repo = "export-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        directory = try TemporaryDirectory.make()
        try directory.write("desired-state.yaml", """
            version: 1
            github:
              labels:
                - { name: bug, color: d73a4a, description: Something is broken }
            """)
        try directory.write("change-policy.yaml", "version: 1\nautoApplyAllowed:\n  github: true\n")
    }

    deinit {
        server.stop()
        directory.remove()
    }

    func run(_ arguments: [String]) async -> CapturedRun {
        await runOpsctl(
            [arguments[0], "-f", directory.file("desired-state.yaml"), "-p", directory.file("change-policy.yaml"), "--receipts", directory.file("receipts.jsonl")]
                + arguments.dropFirst(),
            environment: [
                "OPSCTL_SANDBOX_URL": baseURL, "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": repo,
                "OPSCTL_ACTOR": "ci@example.com", "OPSCTL_RECEIPTS_KEY": Self.receiptsKey,
            ])
    }

    func planAndApply() async {
        let plan = await run(["plan", "--out", directory.file("plan.json")])
        #expect(plan.status == 0, "\(plan.standardError)")
        let apply = await run(["apply", directory.file("plan.json")])
        #expect(apply.status == 0, "\(apply.standardError)")
    }

    func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runTool(arguments, in: URL(fileURLWithPath: directory.path))
    }

    @Test func exportWritesABundleThatTarReadsAndThatVerifiesAgainstTheLog() async throws {
        await planAndApply()
        let export = await run(["export", "github.label.create.bug", "--out", directory.file("bug.tar.gz")])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput.hasPrefix("Exported github.label.create.bug (applied, outcome receipt 2) to "))
        #expect(export.standardOutput.contains("Recorded as receipt 3."))

        let listing = try tool(["tar", "-tzf", "bug.tar.gz"])
        #expect(listing.status == 0)
        #expect(listing.output == "manifest.json\npatch.diff\nbefore.json\nafter.json\nreceipts-segment.jsonl\n")
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
        #expect(try tool(["tar", "-xzf", "bug.tar.gz", "-C", "out"]).status == 0)
        let manifest = try JSONParser.parse(try String(contentsOfFile: directory.file("out/manifest.json"), encoding: .utf8))
        #expect(manifest["change"]?["id"] == "github.label.create.bug")
        #expect(manifest["change"]?["risk"] == "low", "the plan file is still there, so the change is described")
        #expect(manifest["result"] == "applied")
        #expect(manifest["plan"]?["seq"] == 0)
        #expect(manifest["intent"]?["seq"] == 1)
        #expect(manifest["outcome"]?["seq"] == 2)
        #expect(manifest["receipts"]?["firstSeq"] == 0)
        #expect(manifest["exportedBy"] == "ci@example.com")
        let patch = try String(contentsOfFile: directory.file("out/patch.diff"), encoding: .utf8)
        #expect(patch.hasPrefix("--- a/before.json\n+++ b/after.json\n"))
        #expect(patch.contains("+  \"color\": \"d73a4a\""))
        let receipts = try String(contentsOfFile: directory.file("out/receipts-segment.jsonl"), encoding: .utf8)
        #expect(receipts.split(separator: "\n").count == 3)
        let everything = try ["manifest.json", "patch.diff", "before.json", "after.json", "receipts-segment.jsonl"].map {
            try String(contentsOfFile: directory.file("out/" + $0), encoding: .utf8)
        }.joined()
        #expect(!everything.contains(Self.token) && !everything.contains(Self.receiptsKey))

        let list = await run(["receipts", "list", "--kind", "export"])
        #expect(list.standardOutput.contains("github.label.create.bug"), "\(list.standardOutput)")

        let verified = await run(["receipts", "verify", "--bundle", directory.file("bug.tar.gz")])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("receipts 0–2 verify as a chain segment with their MACs"))
        #expect(verified.standardOutput.contains("holds exactly these lines"))
    }

    @Test func aTamperedBundleIsRefusedWithTheReason() async throws {
        await planAndApply()
        #expect(await run(["export", "github.label.create.bug", "--out", directory.file("bug.tar.gz")]).status == 0)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("bug.tar.gz"))))
        var entries = try TarArchive.read(try Gzip.decompress(bytes))

        // An edited after-snapshot: the manifest's digest catches it.
        var edited = entries
        edited[3].bytes = Array(String(decoding: edited[3].bytes, as: UTF8.self).replacingOccurrences(of: "d73a4a", with: "000000").utf8)
        try Data(try Gzip.compress(try TarArchive.write(edited, modified: 0))).write(to: URL(fileURLWithPath: directory.file("edited.tar.gz")))
        let refused = await run(["receipts", "verify", "--bundle", directory.file("edited.tar.gz")])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("after.json is not the file the manifest records"))

        // A receipt line changed and the manifest's digest updated to match: the chain catches it.
        let receiptsText = String(decoding: entries[4].bytes, as: UTF8.self).replacingOccurrences(of: "ci@example.com", with: "eve@example.com")
        entries[4].bytes = Array(receiptsText.utf8)
        var manifest = try JSONParser.parse(entries[0].bytes)
        if case .object(var members) = manifest, case .object(var files)? = members["files"] {
            files["receipts-segment.jsonl"] = .string(Hex.encode(try SHA256.hash(entries[4].bytes)))
            members["files"] = .object(files)
            manifest = .object(members)
        }
        entries[0].bytes = Array(JSONWriter.pretty(manifest).utf8)
        try Data(try Gzip.compress(try TarArchive.write(entries, modified: 0))).write(to: URL(fileURLWithPath: directory.file("forged.tar.gz")))
        let forged = await run(["receipts", "verify", "--bundle", directory.file("forged.tar.gz")])
        #expect(forged.status == 2)
        #expect(forged.standardError.contains("does not verify"), "\(forged.standardError)")

        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: directory.file("junk.tar.gz")))
        let junk = await run(["receipts", "verify", "--bundle", directory.file("junk.tar.gz")])
        #expect(junk.status == 1)
        #expect(junk.standardError.contains("is not an opsctl export bundle"))
    }

    @Test func exportNeverOverwritesWithoutForceNorWritesThroughALink() async throws {
        await planAndApply()
        try directory.write("taken.tar.gz", "keep me")
        let refused = await run(["export", "github.label.create.bug", "--out", directory.file("taken.tar.gz")])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: directory.file("taken.tar.gz"), encoding: .utf8) == "keep me")

        let outside = try directory.write("outside.txt", "outside")
        try FileManager.default.createSymbolicLink(atPath: directory.file("link.tar.gz"), withDestinationPath: outside)
        let linked = await run(["export", "github.label.create.bug", "--out", directory.file("link.tar.gz"), "--force"])
        #expect(linked.status == 1)
        #expect(linked.standardError.contains("is a symbolic link"))
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside")

        let forced = await run(["export", "github.label.create.bug", "--out", directory.file("taken.tar.gz"), "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("taken.tar.gz"))).prefix(2) == Data([0x1F, 0x8B]))
    }

    @Test func aChangeWithoutAnOutcomeOrAMalformedIDIsRefused() async throws {
        let plan = await run(["plan", "--out", directory.file("plan.json")])
        #expect(plan.status == 0)
        let none = await run(["export", "github.label.create.bug"])
        #expect(none.status == 1)
        #expect(none.standardError.contains("has no outcome for github.label.create.bug"))
        #expect(none.standardError.contains("planned but never applied"))
        let malformed = await run(["export", "not-an-id"])
        #expect(malformed.status == 64)
    }

    @Test func planRevertUndoesAnAppliedChangeThroughApprovalAndApply() async throws {
        await planAndApply()
        let revert = await run(["plan", "--revert", "github.label.create.bug", "--out", directory.file("revert.json")])
        #expect(revert.status == 0, "\(revert.standardError)")
        #expect(revert.standardOutput.contains("github.label.delete.bug"), "\(revert.standardOutput)")
        let plan = try PlanFile.read(from: directory.file("revert.json"))
        #expect(plan.changes.map(\.id.description) == ["github.label.delete.bug"])
        #expect(plan.changes.first?.requiresApproval == true, "a deletion always needs a person")

        let waiting = await run(["apply", directory.file("revert.json")])
        #expect(waiting.status == 2)
        let approve = await runOpsctl(
            ["approve", "github.label.delete.bug", "--plan", directory.file("revert.json"), "-p", directory.file("change-policy.yaml"),
             "--receipts", directory.file("receipts.jsonl")],
            environment: ["OPSCTL_ACTOR": "alice@example.com", "OPSCTL_RECEIPTS_KEY": Self.receiptsKey])
        #expect(approve.status == 0, "\(approve.standardError)")
        let applied = await run(["apply", directory.file("revert.json")])
        #expect(applied.status == 0, "\(applied.standardError)")

        // The same outcome, by its receipt's seq, is now already undone.
        let again = await run(["plan", "--revert", "2", "--out", directory.file("again.json")])
        #expect(again.status == 0)
        #expect(try PlanFile.read(from: directory.file("again.json")).changes.isEmpty)

        let notOutcome = await run(["plan", "--revert", "0", "--out", directory.file("x.json")])
        #expect(notOutcome.status == 1)
        #expect(notOutcome.standardError.contains("receipt 0 is a plan receipt, not the outcome of an apply"))
        let both = await run(["plan", "--revert", "2", "--scope", "github"])
        #expect(both.status == 64)
    }
}
