import Foundation
import Testing
@testable import OpsCore

func samplePlan() -> Plan {
    let label = Change(
        id: ChangeID("github.label.create.security")!,
        description: "create the label 'security'",
        risk: .low,
        before: .null,
        after: .object(["name": "security", "color": "d73a4a", "description": "Security issue"]),
        observed: PlanDigest.of(JSONValue.null),
        payload: .object(["label": .object(["name": "security", "color": "d73a4a"])]),
        source: SourceLocation(file: "desired-state.yaml", line: 12, column: 7),
        requiresApproval: false
    )
    let protection = Change(
        id: ChangeID("github.branch_protection.update.main")!,
        description: "protect the branch 'main'",
        risk: .high,
        before: .null,
        after: .object(["requiredReviews": 1, "enforceAdmins": true]),
        observed: PlanDigest.of(JSONValue.null),
        requiresApproval: true,
        approvers: ["admin"]
    )
    return Plan(
        createdAt: "2026-11-22T10:00:00Z",
        createdBy: "carol@example.com",
        scope: [.github],
        inputs: [PlanInput(role: "desiredState", path: "desired-state.yaml", sha256: "sha256:aa")],
        checks: [
            Check(id: "github.label.security", scope: .github, name: "label security", status: .fail,
                  message: "the label 'security' does not exist", changeID: label.id,
                  source: SourceLocation(file: "desired-state.yaml", line: 12, column: 7)),
        ],
        changes: [label, protection],
        requests: 3
    )
}

private func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-plan-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

@Suite("Plan file")
struct PlanFileTests {
    @Test func roundTripKeepsEveryField() throws {
        let plan = samplePlan()
        let path = temporaryPath("plan.json")
        try PlanFile.write(plan, to: path)
        let read = try PlanFile.read(from: path)
        #expect(read == plan)
        #expect(PlanDigest.of(read) == PlanDigest.of(plan))
    }

    /// `plan` writes the file and records the digest from one encoding: the digest it gets
    /// is the one in the bytes, and both are what the separate routes give.
    @Test func encodedPlanCarriesItsOwnDigest() throws {
        let plan = samplePlan()
        let encoded = PlanFile.encoded(plan)
        #expect(encoded.digest == PlanDigest.of(plan))
        let value = try JSONParser.parse(encoded.bytes)
        #expect(encoded.digest == PlanDigest.of(value.removingDigest))
        #expect(value["digest"] == .string(encoded.digest))
        #expect(encoded.bytes.last == UInt8(ascii: "\n"))
        #expect(JSONWriter.pretty(value) + "\n" == encoded.text)
        #expect(try PlanFile.decode(encoded.bytes, path: "plan.json") == plan)

        let path = temporaryPath("plan.json")
        try PlanFile.write(encoded, to: path)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == encoded.bytes)
    }

    /// The file is written in one streamed pass with members in a fixed order; whatever the
    /// plan holds, the bytes must be exactly the sorted pretty JSON of what they parse to, and
    /// the digest that of the canonical JSON without `digest`, as the reader recomputes them.
    @Test func everyOptionalMemberIsWrittenInKeyOrder() throws {
        var plan = samplePlan()
        plan.pullRequest = PlanPullRequest(repository: "acme/infra", number: 42, headSHA: "0123abcd")
        plan.coverage = [Coverage(scope: .github, collection: "labels", managed: 12, total: 15)]
        plan.inputs.append(PlanInput(role: "policy", path: "change-policy.yaml", sha256: "sha256:bb"))
        plan.scope = [.github, .supabase]
        plan.changes[1].hazards = [.deletesData, .accessExclusiveLock]
        plan.changes[1].payload = .object(["Zed": .array([]), "alpha": .object([:]), "é": "\u{1F600} \"quoted\"\n\t\u{1}"])
        plan.checks.append(Check(
            id: "supabase.table.public.t", scope: .supabase, name: "table \"t\" \\ é", status: .warning,
            message: "line\nbreak", suggestedAction: "do it"))
        plan.checks.append(Check(id: "github.unmanaged", scope: .github, name: "n", status: .unmanaged, message: ""))

        let encoded = PlanFile.encoded(plan)
        let value = try JSONParser.parse(encoded.bytes)
        #expect(JSONWriter.pretty(value) + "\n" == encoded.text)
        #expect(encoded.digest == PlanDigest.of(value.removingDigest))
        #expect(value["digest"] == .string(encoded.digest))
        #expect(try PlanFile.decode(encoded.bytes, path: "plan.json") == plan)

        let path = temporaryPath("plan.json")
        #expect(try PlanFile.write(plan, to: path) == encoded.digest)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == encoded.bytes)
    }

    /// A plan larger than the writer's buffers is drained in parts; the digest, written over
    /// its placeholder at the end, must still be the one the content has.
    @Test func aPlanLargerThanTheBuffersIsWrittenWhole() throws {
        var plan = samplePlan()
        plan.checks = (0..<3_000).map { number in
            Check(id: "github.label.l\(number)", scope: .github, name: "label l\(number)", status: .pass,
                  message: "the label 'l\(number)' matches", source: SourceLocation(file: "desired-state.yaml", line: number, column: 5))
        }
        let template = plan.changes[0]
        plan.changes = (0..<700).map { number in
            var change = template
            change.id = ChangeID("github.label.create.l\(number)")!
            change.description = "create the label 'l\(number)'"
            return change
        }
        let path = temporaryPath("plan.json")
        let digest = try PlanFile.write(plan, to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path).map(Array.init))
        #expect(bytes.count > 4 * PlanWireFormat.drainThreshold)
        #expect(bytes == PlanFile.encoded(plan).bytes)
        let value = try JSONParser.parse(bytes)
        // Written in batches of slices on several threads, the bytes are still exactly the
        // sorted pretty JSON of what they hold.
        #expect(plan.checks.count > PlanWireFormat.elementsPerBatch)
        #expect(JSONWriter.pretty(value) + "\n" == String(decoding: bytes, as: UTF8.self))
        #expect(value["digest"] == .string(digest))
        #expect(digest == PlanDigest.of(value.removingDigest))
        #expect(digest == PlanDigest.of(plan))
        #expect(try PlanFile.read(from: path) == plan)
    }

    /// The change digest's definition: the canonical JSON of exactly these members.
    @Test func changeDigestIsTheCanonicalJSONOfItsDigestedMembers() {
        var change = samplePlan().changes[0]
        change.hazards = [.indexBuild]
        let members: JSONValue = .object([
            "id": .string(change.id.description), "kind": .string(change.kind), "scope": .string(change.scope.rawValue),
            "action": .string(change.action), "risk": .string(change.risk.rawValue), "hazards": ["INDEX_BUILD"],
            "before": change.before, "after": change.after, "observed": .string(change.observed), "payload": change.payload,
        ])
        #expect(PlanDigest.of(change) == PlanDigest.of(members))
    }

    @Test func anUnwritablePathLeavesNothingBehind() throws {
        let path = temporaryPath("plan.json")
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(throws: PlanFileError.self) { try PlanFile.write(samplePlan(), to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["plan.json"])
    }

    @Test func writtenAtomicallyWithMode0600() throws {
        let path = temporaryPath("plan.json")
        try PlanFile.write(samplePlan(), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(siblings == ["plan.json"])
    }

    @Test func keysAreSortedAndSecretsNeverAppear() throws {
        let text = PlanFile.encode(samplePlan())
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.pretty(value) + "\n" == text)
        #expect(text.contains("\"formatVersion\": \"1.0\""))
        #expect(text.contains("\"source\": \"desired-state.yaml:12:7\""))
    }

    @Test func editingAChangeIsRefused() throws {
        let text = PlanFile.encode(samplePlan()).replacingOccurrences(of: "\"d73a4a\"", with: "\"000000\"")
        #expect(throws: PlanFileError.self) { try PlanFile.decode(Array(text.utf8), path: "plan.json") }
        do {
            _ = try PlanFile.decode(Array(text.utf8), path: "plan.json")
        } catch {
            #expect(error.reason == .changeDigestMismatch(change: "github.label.create.security"))
            #expect(error.diagnostic.hint?.contains("never edit plan files") == true)
        }
    }

    @Test func editingPlanMetadataIsRefused() throws {
        let text = PlanFile.encode(samplePlan()).replacingOccurrences(of: "carol@example.com", with: "mallory@example.com")
        do {
            _ = try PlanFile.decode(Array(text.utf8), path: "plan.json")
            Issue.record("a tampered plan was accepted")
        } catch {
            guard case .digestMismatch = error.reason else {
                Issue.record("expected a digest mismatch, got \(error.reason)")
                return
            }
            #expect(error.message.contains("modified after it was written"))
        }
    }

    @Test func aTruncatedPlanIsRefusedClearly() throws {
        let bytes = Array(PlanFile.encode(samplePlan()).utf8)
        for length in [0, 1, bytes.count / 2, bytes.count - 3] {
            do {
                _ = try PlanFile.decode(Array(bytes[0..<length]), path: "plan.json")
                Issue.record("a plan truncated to \(length) bytes was accepted")
            } catch {
                guard case .notJSON = error.reason else {
                    Issue.record("expected notJSON for \(length) bytes, got \(error.reason)")
                    continue
                }
                #expect(error.message.contains("plan.json"))
                #expect(error.message.contains("truncated"))
            }
        }
    }

    @Test func anotherMajorVersionIsRefused() throws {
        var value = try JSONParser.parse(PlanFile.encode(samplePlan()))
        guard case .object(var members) = value else { return }
        members["formatVersion"] = "2.0"
        value = .object(members)
        #expect(throws: PlanFileError(path: "p", reason: .unsupportedFormat("2.0"))) {
            try PlanFile.decode(JSONWriter.canonicalBytes(value), path: "p")
        }
    }

    @Test func aNewerMinorVersionWithUnknownKeysIsRead() throws {
        let value = try JSONParser.parse(PlanFile.encode(samplePlan()))
        guard case .object(var members) = value else { return }
        members["formatVersion"] = "1.3"
        members["somethingNew"] = .object(["a": 1])
        members.removeValue(forKey: "digest")
        members["digest"] = .string(PlanDigest.of(.object(members)))
        let plan = try PlanFile.decode(JSONWriter.canonicalBytes(.object(members)), path: "p")
        #expect(plan.changes.count == 2)
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: PlanFileError(path: "/nonexistent/plan.json", reason: .unreadable("no such file"))) {
            try PlanFile.read(from: "/nonexistent/plan.json")
        }
    }

    @Test func changeDigestIgnoresPolicyAndSourceButKeepsObserved() {
        var change = samplePlan().changes[0]
        let digest = PlanDigest.of(change)
        change.requiresApproval.toggle()
        change.approvers = ["someone"]
        change.source = nil
        #expect(PlanDigest.of(change) == digest)
        change.observed = "sha256:moved"
        #expect(PlanDigest.of(change) != digest)
    }
}

extension JSONValue {
    /// The top-level object without `digest`: what the plan digest covers.
    fileprivate var removingDigest: JSONValue {
        guard case .object(var members) = self else { return self }
        members.removeValue(forKey: "digest")
        return .object(members)
    }
}
