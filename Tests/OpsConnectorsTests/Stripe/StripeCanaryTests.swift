import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The key, planted in the environment and echoed back by Stripe in an error body and in an
/// object's URL, appears in no byte of the checks, the plan file or the errors.
@Suite("Stripe connector: the key never leaks")
struct StripeCanaryTests {
    @Test func theKeyReachesNoCheckPlanFileOrError() async throws {
        let bed = try StripeTestbed()
        let key = StripeTestbed.testKey
        // An undeclared endpoint whose URL carries the key, as a careless integration might.
        try await bed.createWebhook("https://hooks.example.com/stripe?token=\(key)", events: ["charge.succeeded"])
        try await bed.script([
            "method": "GET", "path": "/stripe/v1/prices",
            "responses": [["status": 400, "repeat": 2, "body": ["error": [
                "type": "invalid_request_error", "message": .string("No such key: \(key); Authorization: Bearer \(key)"),
            ]]]],
        ])
        let plan = await bed.plan(.autorisen)
        let prices = try #require(plan.checks.first { $0.id == "stripe.prices" })
        #expect(prices.status == .error)
        #expect(prices.message.contains("[REDACTED]"))
        #expect(plan.checks.contains { $0.status == .unmanaged && $0.id.contains("[REDACTED]") })

        var everything = PlanFile.encode(plan) + bed.requestLines.joined(separator: "\n")
        for check in plan.checks { everything += check.id + check.name + check.message + (check.suggestedAction ?? "") }
        #expect(!everything.contains(key))
        #expect(!everything.contains(String(key.dropFirst(8))))
        #expect(!everything.contains(String(key.dropFirst(8).prefix(20))))
    }
}
