import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The pure rules: matching declared variables to Vercel's, the checks and changes that
/// follow, and the cron comparison, without a network.
@Suite("Vercel reconciler")
struct VercelReconcilerTests {
    static func remote(_ id: String, _ key: String, _ targets: [String], type: String = "encrypted", branch: String? = nil) -> VercelRemoteEnv {
        VercelRemoteEnv(id: id, key: key, targets: targets, type: type, gitBranch: branch, updatedAt: 1)
    }

    static func desired(_ entries: [VercelEnvVar]) -> [VercelDesiredEnv] { VercelDesiredEnv.named(entries) }

    @Test func aKeyDeclaredTwiceGetsOneNamePerSetOfTargets() {
        let named = Self.desired([
            .env("DATABASE_URL", [.preview, .production]), .env("DATABASE_URL", [.development]), .env("OTHER", [.production]),
        ])
        #expect(named.map(\.name) == ["DATABASE_URL.production+preview", "DATABASE_URL.development", "OTHER"])
        #expect(named[0].changeID(.envAdd).description == "vercel.env.add.DATABASE_URL.production+preview")
        #expect(named[2].checkID == "vercel.env.OTHER")
    }

    @Test func anUndeclaredKeyPrunedTwiceIsNamedAsADeclaredOneWouldBe() {
        let desired = Self.desired([.env("KEPT", [.production])])
        let remote = [
            Self.remote("env_b", "OLD_URL", ["development"]), Self.remote("env_a", "OLD_URL", ["preview", "production"]),
            Self.remote("env_c", "ONCE", ["production"]), Self.remote("env_k", "KEPT", ["production"]),
        ]
        let pruned = VercelEnvReconciler.prune(declared: desired, remote: remote)
        #expect(pruned.changes.map(\.id.description) == [
            "vercel.env.remove.OLD_URL.production+preview", "vercel.env.remove.OLD_URL.development", "vercel.env.remove.ONCE",
        ])
        #expect(pruned.checks.map(\.id) == ["vercel.env.OLD_URL.production+preview", "vercel.env.OLD_URL.development", "vercel.env.ONCE"])
    }

    @Test func exactTargetsWinOverOverlapsAndBranchVariablesAreIgnored() {
        let desired = Self.desired([.env("K", [.production]), .env("K", [.preview, .development])])
        let remote = [
            Self.remote("env_branch", "K", ["preview"], branch: "feature"),
            Self.remote("env_all", "K", ["preview"]),
            Self.remote("env_prod", "K", ["production"]),
        ]
        let matches = VercelEnvMatcher.match(desired, remote: remote)
        #expect(matches == [.found(remote[2]), .found(remote[1])])
    }

    @Test func missingSplitAndSharedAreTold() {
        let split = VercelEnvMatcher.match(
            Self.desired([.env("K", [.production, .preview])]),
            remote: [Self.remote("a", "K", ["production"]), Self.remote("b", "K", ["preview"])]
        )
        #expect(split == [.split([Self.remote("a", "K", ["production"]), Self.remote("b", "K", ["preview"])])])

        let sharedRemote = Self.remote("a", "K", ["production", "preview"])
        let shared = VercelEnvMatcher.match(Self.desired([.env("K", [.production]), .env("K", [.preview])]), remote: [sharedRemote])
        #expect(shared == [
            .shared(sharedRemote, withNames: ["K.production", "K.preview"]), .shared(sharedRemote, withNames: ["K.production", "K.preview"]),
        ])
        #expect(VercelEnvMatcher.match(Self.desired([.env("K", [.production])]), remote: [Self.remote("a", "OTHER", ["production"])]) == [.missing])
    }

    /// Keys with one declared variable and at most one listed take a path of their own in the
    /// matcher; each outcome is what the general rules give.
    @Test func aKeyDeclaredOnceMatchesItsOneVariableByExactTargetsOrOverlapOnly() {
        let desired = Self.desired([
            .env("EXACT", [.production, .preview]), .env("OVERLAP", [.production]), .env("DISJOINT", [.preview]),
            .env("ABSENT", [.production]), .env("BRANCH", [.preview]), .env("TWICE", [.production]),
        ])
        let remote = [
            Self.remote("e", "EXACT", ["preview", "production"]), Self.remote("o", "OVERLAP", ["production", "development"]),
            Self.remote("d", "DISJOINT", ["production"]), Self.remote("b", "BRANCH", ["preview"], branch: "feature"),
            Self.remote("t1", "TWICE", ["production"]), Self.remote("t2", "TWICE", ["development"]),
            Self.remote("u", "UNDECLARED", ["production"]),
        ]
        #expect(VercelEnvMatcher.match(desired, remote: remote) == [
            .found(remote[0]), .found(remote[1]), .missing, .missing, .missing, .found(remote[4]),
        ])
        // The same keys matched one at a time, and in the other order, come to the same.
        for (index, entry) in desired.enumerated() {
            #expect(VercelEnvMatcher.match([entry], remote: remote.reversed()) == [VercelEnvMatcher.match(desired, remote: remote)[index]])
        }
    }

    /// The whole list, variables read in place and assessments where a value was read, comes
    /// to what reconciling an assessment of each variable gives, in declaration order.
    @Test func theListIsReconciledAsEachAssessmentWouldBe() {
        let desired = Self.desired([
            .env("SAME", [.production]), .env("MISSING", [.production], from: "MISSING"), .env("TYPE", [.production], .sensitive),
            .env("READ", [.production], from: "READ"), .env("FAILED", [.production], from: "FAILED"),
        ])
        let matches: [VercelEnvMatch] = [
            .found(Self.remote("env_1", "SAME", ["production"])), .missing, .found(Self.remote("env_3", "TYPE", ["production"])),
            .found(Self.remote("env_4", "READ", ["production"])), .found(Self.remote("env_5", "FAILED", ["production"])),
        ]
        let probed = [
            3: VercelEnvAssessment(desired: desired[3], match: matches[3], value: .changed, observesValue: true),
            4: VercelEnvAssessment(desired: desired[4], match: matches[4],
                                   readFailure: Diagnostic(severity: .error, message: "the value could not be read")),
        ]
        let whole = VercelEnvReconciler.reconcile(desired: desired, matches: matches, probed: probed)
        let eachAlone = desired.indices.map { VercelEnvReconciler.reconcile(probed[$0] ?? VercelEnvAssessment(desired: desired[$0], match: matches[$0])) }
        #expect(whole.0 == eachAlone.map(\.0))
        #expect(whole.1 == eachAlone.compactMap(\.1))
        #expect(whole.0.map(\.status) == [.pass, .fail, .fail, .fail, .error])
        #expect(whole.1.map(\.id.description) == ["vercel.env.add.MISSING", "vercel.env.update.TYPE", "vercel.env.update.READ"])
    }

    @Test func aMissingVariableWithValueFromIsAnAddWithNoValueInIt() throws {
        let desired = Self.desired([.env("STRIPE_SECRET_KEY", [.production, .preview], from: "STRIPE_SECRET_KEY")])[0]
        let (check, change) = VercelEnvReconciler.reconcile(VercelEnvAssessment(desired: desired, match: .missing))
        let add = try #require(change)
        #expect(add.id.description == "vercel.env.add.STRIPE_SECRET_KEY")
        #expect(add.risk == .medium)
        #expect(add.before == .null)
        #expect(add.after == ["key": "STRIPE_SECRET_KEY", "targets": ["production", "preview"], "type": "encrypted", "value": "(sensitive)"])
        #expect(add.payload["valueFrom"] == "env:STRIPE_SECRET_KEY")
        #expect(add.payload["writesValue"] == true)
        #expect(check.status == .fail)
        #expect(check.changeID == add.id)
    }

    @Test func aMissingVariableWithoutValueFromFailsWithoutAChange() {
        let desired = Self.desired([.env("K", [.production])])[0]
        let (check, change) = VercelEnvReconciler.reconcile(VercelEnvAssessment(desired: desired, match: .missing))
        #expect(change == nil)
        #expect(check.status == .fail)
        #expect(check.suggestedAction?.contains("valueFrom") == true)
    }

    @Test func differencesBecomeOneUpdateWithMarkersOnly() throws {
        let desired = Self.desired([.env("K", [.production, .preview], .encrypted, from: "K")])[0]
        let remote = Self.remote("env_1", "K", ["production"], type: "plain")
        let (check, change) = VercelEnvReconciler.reconcile(VercelEnvAssessment(desired: desired, match: .found(remote), value: .changed))
        let update = try #require(change)
        #expect(update.id.description == "vercel.env.update.K")
        #expect(update.description == "update K: targets production → production, preview; type plain → encrypted; value (sensitive, changed)")
        #expect(update.before["value"] == "(sensitive)")
        #expect(update.after["value"] == "(sensitive, changed)")
        #expect(update.payload["envId"] == "env_1")
        #expect(update.payload["writesValue"] == true)
        #expect(check.message == "K differs: targets production → production, preview; type plain → encrypted; value (sensitive, changed)")
    }

    @Test func anUnchangedValueShowsOnBothSidesAndIsNotWritten() throws {
        let desired = Self.desired([.env("K", [.production], .sensitive, from: "K")])[0]
        let remote = Self.remote("env_1", "K", ["production"], type: "encrypted")
        let (_, change) = VercelEnvReconciler.reconcile(VercelEnvAssessment(desired: desired, match: .found(remote), value: .unchanged))
        let update = try #require(change)
        #expect(update.before["value"] == "(sensitive, unchanged)")
        #expect(update.after["value"] == "(sensitive, unchanged)")
        #expect(update.payload["writesValue"] == false)
        #expect(update.payload["valueVerified"] == true)
        #expect(update.description.hasSuffix("value (sensitive, unchanged)"))

        let (pass, none) = VercelEnvReconciler.reconcile(VercelEnvAssessment(
            desired: desired, match: .found(Self.remote("env_1", "K", ["production"], type: "sensitive")), value: .unchanged
        ))
        #expect(none == nil)
        #expect(pass.status == .pass)
        #expect(pass.message == "K (production) matches (type sensitive, value (sensitive, unchanged))")
    }

    @Test func aValueThatCouldNotBeComparedIsAWarningNotAChange() {
        let desired = Self.desired([.env("K", [.production], from: "K")])[0]
        let (check, change) = VercelEnvReconciler.reconcile(VercelEnvAssessment(
            desired: desired, match: .found(Self.remote("env_1", "K", ["production"])), value: .notCompared(reason: "K is not set")
        ))
        #expect(change == nil)
        #expect(check.status == .warning)
        #expect(check.message == "K (production) matches, but its value was not compared: K is not set")
    }

    @Test func theCronEditIsTheExactArrayForVercelJSON() {
        let desired = [VercelCron(path: "/api/cron/digest", schedule: "0 9 * * *"), VercelCron(path: "/api/cron/sync", schedule: "*/5 * * * *")]
        let deployed = VercelProjectBody.Crons(
            enabledAt: 1, disabledAt: nil, deploymentId: "dpl_1",
            definitions: [.init(host: "h", path: "/api/cron/digest", schedule: "0 8 * * *"), .init(host: "h", path: "/api/cron/old", schedule: "0 0 * * *")]
        )
        let checks = VercelCronReconciler.checks(desired: desired, deployed: deployed)
        #expect(checks.map(\.id) == ["vercel.cron./api/cron/digest", "vercel.cron./api/cron/sync", "vercel.crons.undeclared"])
        #expect(checks.allSatisfy { $0.status == .fail })
        #expect(checks[0].message == #"the cron /api/cron/digest runs on "0 8 * * *" in Vercel, not "0 9 * * *""#)
        #expect(checks[1].message == "the cron /api/cron/sync is not deployed")
        #expect(checks[0].suggestedAction
            == #"set "crons" in vercel.json to [{"path":"/api/cron/digest","schedule":"0 9 * * *"},{"path":"/api/cron/sync","schedule":"*/5 * * * *"}] and deploy to production"#)
        #expect(checks[2].message.contains("/api/cron/old"))
    }

    @Test func matchingCronsPassAndDisabledCronsFail() {
        let desired = [VercelCron(path: "/api/cron/digest", schedule: "0 9 * * *")]
        let matching = VercelProjectBody.Crons(enabledAt: 1, disabledAt: nil, deploymentId: nil, definitions: [.init(host: "h", path: "/api/cron/digest", schedule: "0 9 * * *")])
        #expect(VercelCronReconciler.checks(desired: desired, deployed: matching).map(\.status) == [.pass])
        var disabled = matching
        disabled.disabledAt = 1_795_341_600_000
        let checks = VercelCronReconciler.checks(desired: desired, deployed: disabled)
        #expect(checks.map(\.id) == ["vercel.cron./api/cron/digest", "vercel.crons.enabled"])
        #expect(checks[1].status == .fail)
        #expect(checks[1].message.contains("2026-11-22T10:00:00Z"))
        #expect(VercelCronReconciler.checks(desired: desired, deployed: nil).map(\.status) == [.fail])
    }

    @Test func undeclaredKeysAreUnmanagedOncePerKeyAndCoverageCountsObjects() {
        let declared = Self.desired([.env("DATABASE_URL", [.production])])
        let remote = [
            Self.remote("env_1", "DATABASE_URL", ["production"]),
            Self.remote("env_2", "LEGACY_URL", ["production"]),
            Self.remote("env_3", "LEGACY_URL", ["preview"]),
            Self.remote("env_4", "ANALYTICS_ID", ["production"]),
        ]
        let unmanaged = VercelEnvReconciler.unmanaged(declared: declared, remote: remote)
        #expect(unmanaged.checks.map(\.id) == ["vercel.env.unmanaged.ANALYTICS_ID", "vercel.env.unmanaged.LEGACY_URL"])
        #expect(unmanaged.checks.allSatisfy { $0.status == .unmanaged })
        #expect(unmanaged.checks[1].message == "the variable LEGACY_URL (2 entries) exists but is not declared in desired-state.yaml")
        #expect(unmanaged.coverage == Coverage(scope: .vercel, collection: "env vars", managed: 1, total: 4))
    }

    @Test func thePayloadRoundTrips() throws {
        let fingerprint = try SecretFingerprinter(key: [UInt8](repeating: 1, count: 32)).fingerprint(of: "v")
        let payload = VercelEnvPayload(
            key: "K", targets: ["production"], type: "sensitive", valueFrom: "env:K", envID: "env_1", writesValue: true,
            observesValue: true, valueVerified: false, fingerprint: fingerprint
        )
        func change(_ kind: VercelChangeKind, _ payload: JSONValue) -> Change {
            Change(id: kind.id(name: "K"), description: "", risk: .low, before: .null, after: .null, observed: "sha256:0", payload: payload)
        }
        #expect(try VercelChange(change: change(.envUpdate, payload.json)) == .update(payload, envID: "env_1"))
        #expect(try VercelChange(change: change(.envAdd, payload.json)) == .add(payload))
        #expect(throws: ChangePayloadError(changeID: VercelChangeKind.envAdd.id(name: "K"), problem: "payload.targets is missing")) {
            try VercelChange(change: change(.envAdd, ["key": "K", "type": "plain"]))
        }
        var withoutEnv = payload
        withoutEnv.envID = nil
        #expect(throws: ChangePayloadError(changeID: VercelChangeKind.envUpdate.id(name: "K"), problem: "payload.envId is missing")) {
            try VercelChange(change: change(.envUpdate, withoutEnv.json))
        }
    }

    @Test func listingsOfEveryShapeDecodeAndPaginationFollowsNext() throws {
        let decoder = JSONDecoder()
        let single = try decoder.decode(VercelEnvListBody.self, from: Data(#"{"key":"K","value":"","type":"sensitive","target":"production"}"#.utf8))
        #expect(single.envs.map { VercelRemoteEnv($0).targets } == [["production"]])
        let bare = try decoder.decode(VercelEnvListBody.self, from: Data(#"{"envs":[]}"#.utf8))
        #expect(bare.pagination == nil)

        let context = HTTPRequestContext(service: "Vercel", method: "GET", path: "/v10/projects/p/env", target: "/v10/projects/p/env?teamId=t")
        func page(_ body: String) throws -> VercelEnvListBody.Pagination? {
            try VercelEnvPage.read(
                ServiceResponse(status: 200, headers: HTTPHeaders(), body: Array(body.utf8), url: URL(string: "http://x/v10/projects/p/env")!, attempts: 1, context: context)
            ).pagination
        }
        let first = ServiceRequest.get("/v10/projects/p/env?teamId=t")
        let next = VercelEnvPagination.nextRequest(after: try page(#"{"envs":[],"pagination":{"count":1,"next":1540095775951,"prev":null}}"#), previous: first)
        #expect(next?.target == "/v10/projects/p/env?teamId=t&until=1540095775951")
        #expect(VercelEnvPagination.nextRequest(after: try page(#"{"envs":[],"pagination":{"count":1,"next":null,"prev":null}}"#), previous: first) == nil)
    }
}
