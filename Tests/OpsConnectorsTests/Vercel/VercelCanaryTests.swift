import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// A canary value and the canary token go through plan and apply, and through a service that
/// echoes them in an error body, and appear in no byte of what opsctl keeps or shows.
@Suite("Vercel connector: values never leak")
struct VercelCanaryTests {
    static let canary = "CANARY-vercel-value-7f3a9c2e51d4"

    @Test func theCanaryReachesNoPlanReceiptCheckOrReport() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", Self.canary)
        bed.set("API_TOKEN", Self.canary + "-token")
        _ = try await bed.createEnv("STRIPE_SECRET_KEY", value: "old-value-0123456789", type: "encrypted", targets: ["production", "preview"])
        // The project read fails with a body that quotes both secrets back.
        try await bed.script([
            "path": .string("/vercel/v9/projects/\(bed.project)"),
            "responses": [["status": 400, "repeat": 4, "body": ["error": [
                "code": "bad_request", "message": .string("rejected \(Self.canary) for Bearer \(VercelTestbed.token)"),
            ]]]],
        ])
        let config = VercelConfig(
            envVars: [
                .env("STRIPE_SECRET_KEY", [.production, .preview], .encrypted, from: "STRIPE_SECRET_KEY"),
                .env("API_TOKEN", [.production], .sensitive, from: "API_TOKEN"),
            ],
            crons: [VercelCron(path: "/api/cron/digest", schedule: "0 9 * * *")]
        )
        let plan = await bed.plan(config)
        #expect(plan.changes.map(\.id.description) == ["vercel.env.add.API_TOKEN", "vercel.env.update.STRIPE_SECRET_KEY"])
        let cronError = try #require(plan.checks.first { $0.id == "vercel.crons" })
        #expect(cronError.status == .error)
        #expect(cronError.message.contains("[REDACTED]"))

        // The crons could not be read, so the plan is incomplete: applied only when asked to.
        await #expect(throws: ApplyError.incompletePlan([.vercel])) { try await bed.apply(plan) }
        let report = try await bed.apply(plan, allowIncomplete: true)
        #expect(report.applied == 2, "\(report.entries)")
        let again = await bed.plan(config)
        #expect(again.changes.isEmpty)

        var everything = PlanFile.encode(plan) + PlanFile.encode(again) + bed.receiptsText
        for check in plan.checks + again.checks { everything += check.message + (check.suggestedAction ?? "") }
        for change in plan.changes { everything += change.description + JSONWriter.canonical(change.payload) }
        for entry in report.entries { everything += "\(entry.outcome)" }
        #expect(everything.contains("(sensitive, changed)"))
        #expect(everything.contains("valueFingerprint"))
        #expect(!everything.contains(Self.canary))
        #expect(!everything.contains(String(Self.canary.dropFirst(7))))
        #expect(!everything.contains(VercelTestbed.token))
        #expect(!everything.contains(String(VercelTestbed.token.dropFirst(7))))

        // The values did reach Vercel.
        let listed = try await bed.vercel("GET", "/v10/projects/\(bed.project)/env").decodeJSON(VercelEnvListBody.self).envs
        let stripe = try #require(listed.first { $0.key == "STRIPE_SECRET_KEY" }?.id)
        let decrypted = try await bed.vercel("GET", "/v1/projects/\(bed.project)/env/\(stripe)").decodeJSON(VercelEnvBody.self)
        #expect(decrypted.value == Self.canary)
    }
}
