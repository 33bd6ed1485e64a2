import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The example sandbox state holds what the example desired-state.yaml declares for Stripe,
/// plus one leftover endpoint to show as unmanaged.
@Suite("Stripe connector: the example state")
struct StripeExampleStateTests {
    @Test func theExampleStateMatchesTheExampleDesiredStateButForALeftoverEndpoint() async throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-stripe-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("state.json")
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/sandbox-state.json"), to: copy)
        let bed = try StripeTestbed(stateFile: copy.path)

        let config = StripeConfig(
            prices: StripeConfig.autorisen.prices,
            webhooks: [StripeWebhook(url: "https://app.autorisen.com/api/stripe/webhook", events: [
                "checkout.session.completed", "customer.subscription.updated", "customer.subscription.deleted", "invoice.payment_failed",
            ])]
        )
        let plan = await bed.plan(config)
        #expect(plan.checks.filter { $0.status == .pass }.count == 3, "\(plan.checks.map(\.message))")
        #expect(plan.checks.filter { $0.status == .unmanaged }.map(\.id) == ["stripe.webhook_endpoint.unmanaged.https-old.autorisen.com-stripe"])
    }
}
