import OpsCore
import Testing

/// `stripe.webhooks[].apiVersion` in desired-state.yaml: optional, and a Stripe version when given.
@Suite("Stripe configuration: webhook API version")
struct StripeWebhookAPIVersionConfigTests {
    static func load(_ apiVersion: String) -> LoadResult<DesiredState> {
        ConfigLoader.loadDesiredState(SourceText(path: "desired-state.yaml", text: """
            version: 1
            stripe:
              webhooks:
                - url: https://app.example.com/api/stripe/webhook
                  events: [checkout.session.completed]
            \(apiVersion)
            """))
    }

    @Test func aDateOrADateWithAReleaseNameIsRead() {
        #expect(Self.load("      apiVersion: \"2023-08-16\"").model?.stripe?.webhooks.first?.apiVersion == "2023-08-16")
        #expect(Self.load("      apiVersion: 2025-07-30.basil").model?.stripe?.webhooks.first?.apiVersion == "2025-07-30.basil")
        #expect(Self.load("").model?.stripe?.webhooks.first?.apiVersion == nil)
    }

    @Test func anythingElseIsAnErrorAtItsLine() {
        let result = Self.load("      apiVersion: latest")
        let error = result.diagnostics.first
        #expect(error?.message.contains("must be a Stripe API version such as 2023-08-16, found 'latest'") == true)
        #expect(error?.location?.line == 6)
    }
}
