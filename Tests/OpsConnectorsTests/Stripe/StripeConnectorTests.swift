import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The Stripe connector against the sandbox's Stripe emulator, over real HTTP on loopback.
@Suite("Stripe connector")
struct StripeConnectorTests {
    static let webhookURL = "https://app.autorisen.com/api/stripe/webhook"

    static func check(_ plan: Plan, _ id: String) throws -> Check {
        try #require(plan.checks.first { $0.id == id }, "no check \(id) in \(plan.checks.map(\.id))")
    }

    @Test func everyCheckPassesWhenStripeHoldsWhatIsDeclared() async throws {
        let bed = try StripeTestbed()
        try await bed.createPrice("pro_monthly", amount: 2900, interval: "month")
        try await bed.createPrice("pro_yearly", amount: 29000, interval: "year")
        try await bed.createWebhook(Self.webhookURL, events: ["invoice.payment_failed", "checkout.session.completed"])

        let plan = await bed.plan(.autorisen)
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.id) == [
            "stripe.price.pro_monthly", "stripe.price.pro_yearly", "stripe.webhook_endpoint.https-app.autorisen.com-api-stripe-webhook",
        ])
        #expect(plan.checks.allSatisfy { $0.status == .pass && $0.message.hasPrefix("Stripe (test): ") }, "\(plan.checks.map(\.message))")
        #expect(try Self.check(plan, "stripe.price.pro_monthly").message.contains("2900 usd every month, active, as declared"))
        #expect(plan.coverage == [Coverage(scope: .stripe, collection: "webhook endpoints", managed: 1, total: 1)])
    }

    @Test func pricesThatDifferFailWithTheExactFix() async throws {
        let bed = try StripeTestbed()
        let monthly = try await bed.createPrice("pro_monthly", amount: 2500, interval: "month")
        // Billed every three months is not monthly.
        try await bed.createPrice("pro_quarterly", amount: 7000, interval: "month", intervalCount: 3)
        // Archived prices are not listed without active=false; the connector asks again for them.
        let archived = try await bed.createPrice("pro_yearly", amount: 29000, interval: "year", active: false)
        let config = StripeConfig(prices: [
            StripePrice(lookupKey: "pro_monthly", currency: "usd", unitAmount: 2900, interval: .month),
            StripePrice(lookupKey: "pro_quarterly", currency: "usd", unitAmount: 7000, interval: .month),
            StripePrice(lookupKey: "pro_yearly", currency: "usd", unitAmount: 29000, interval: .year),
            StripePrice(lookupKey: "team_monthly", currency: "eur", unitAmount: 9900, interval: .month),
        ])
        let plan = await bed.plan(config)
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.status) == [.fail, .fail, .fail, .fail])

        let amount = try Self.check(plan, "stripe.price.pro_monthly")
        #expect(amount.message == "Stripe (test): the price pro_monthly (\(monthly), Pro) differs: unit amount 2500 → 2900")
        #expect(amount.suggestedAction?.hasPrefix(
            "Stripe prices cannot be edited: create a replacement with POST /v1/prices with currency=usd, unit_amount=2900, recurring[interval]=month, lookup_key=pro_monthly, product=prod_"
        ) == true)
        #expect(amount.suggestedAction?.hasSuffix("and transfer_lookup_key=true, then archive \(monthly)") == true)

        #expect(try Self.check(plan, "stripe.price.pro_quarterly").message.contains("interval every 3 months → every month"))
        let inactive = try Self.check(plan, "stripe.price.pro_yearly")
        #expect(inactive.message.hasSuffix("differs: archived → active"))
        #expect(inactive.suggestedAction == "POST /v1/prices/\(archived) with active=true")
        let missing = try Self.check(plan, "stripe.price.team_monthly")
        #expect(missing.message == "Stripe (test): no price has the lookup key team_monthly")
        #expect(missing.suggestedAction == "create it: POST /v1/prices with currency=eur, unit_amount=9900, recurring[interval]=month, lookup_key=team_monthly and product=<the product it belongs to>")
    }

    @Test func aPriceOfAnArchivedProductCannotBeBought() async throws {
        let bed = try StripeTestbed()
        let price = try await bed.createPrice("pro_monthly", amount: 2900)
        let product = try await bed.stripe("GET", "/v1/prices/\(price)").decodeJSON(StripePriceBody.self).product?.id ?? ""
        try await bed.stripe("POST", "/v1/products/\(product)", [("active", "false")])
        let plan = await bed.plan(StripeConfig(prices: [StripeConfig.autorisen.prices[0]]))
        let check = try Self.check(plan, "stripe.price.pro_monthly")
        #expect(check.status == .fail)
        #expect(check.message.contains("its product Pro is archived"))
        #expect(check.suggestedAction?.hasPrefix("POST /v1/products/\(product) with active=true") == true)
    }

    @Test func webhookEndpointsThatDifferAndUndeclaredOnesAreReported() async throws {
        let bed = try StripeTestbed()
        let declared = try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "charge.refunded"], apiVersion: "2022-11-15")
        try await bed.stripe("POST", "/v1/webhook_endpoints/\(declared)", [("disabled", "true")])
        let stray = try await bed.createWebhook("https://old.autorisen.com/hooks/stripe", events: ["*"])
        let config = StripeConfig(webhooks: [
            StripeWebhook(url: Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"], apiVersion: "2023-08-16"),
            StripeWebhook(url: "https://app.autorisen.com/api/billing", events: ["customer.subscription.updated"]),
        ])
        let plan = await bed.plan(config)
        let differs = try Self.check(plan, "stripe.webhook_endpoint.https-app.autorisen.com-api-stripe-webhook")
        #expect(differs.status == .fail)
        #expect(differs.message == "Stripe (test): the webhook endpoint \(declared) for \(Self.webhookURL) differs: it does not receive invoice.payment_failed; it also receives charge.refunded; it is disabled, so Stripe sends it nothing; its events use API version 2022-11-15, not 2023-08-16")
        #expect(differs.suggestedAction?.hasPrefix(
            "POST /v1/webhook_endpoints/\(declared) with enabled_events[]=checkout.session.completed, enabled_events[]=invoice.payment_failed; then POST /v1/webhook_endpoints/\(declared) with disabled=false; then the API version of an endpoint cannot be edited"
        ) == true)
        let missing = try Self.check(plan, "stripe.webhook_endpoint.https-app.autorisen.com-api-billing")
        #expect(missing.suggestedAction == "create it: POST /v1/webhook_endpoints with url=https://app.autorisen.com/api/billing, enabled_events[]=customer.subscription.updated; then give the app the signing secret it returns")
        let unmanaged = try Self.check(plan, "stripe.webhook_endpoint.unmanaged.https-old.autorisen.com-hooks-stripe")
        #expect(unmanaged.status == .unmanaged)
        #expect(unmanaged.message == "Stripe (test): the webhook endpoint \(stray) for https://old.autorisen.com/hooks/stripe (all events, enabled) exists but is not declared in desired-state.yaml")
        #expect(plan.coverage == [Coverage(scope: .stripe, collection: "webhook endpoints", managed: 1, total: 2)])
    }

    @Test func twoEndpointsForOneDeclaredURLFail() async throws {
        let bed = try StripeTestbed()
        let first = try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        let second = try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        let plan = await bed.plan(StripeConfig(webhooks: StripeConfig.autorisen.webhooks))
        let check = try Self.check(plan, "stripe.webhook_endpoint.https-app.autorisen.com-api-stripe-webhook")
        #expect(check.status == .fail)
        #expect(check.message.contains("2 webhook endpoints deliver to \(Self.webhookURL) (\(second), \(first)), so each event arrives more than once"))
        #expect(check.suggestedAction == "keep one and delete the others: DELETE /v1/webhook_endpoints/\(first)")
        #expect(plan.coverage == [Coverage(scope: .stripe, collection: "webhook endpoints", managed: 2, total: 2)])
    }

    @Test func requestsAreShapedAsStripeDescribesThem() async throws {
        let bed = try StripeTestbed()
        try await bed.createPrice("pro_monthly", amount: 2900)
        try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        let before = bed.journal.count
        let response = try await bed.connector().plan(PlanRequest(desired: DesiredState(stripe: .autorisen)))
        let sent = Array(bed.journal.dropFirst(before))
        // Active prices by lookup key, then the archived ones for the key not found, then the endpoints.
        // Foundation percent-encodes the brackets on the wire (`lookup_keys%5B%5D=`), which Stripe
        // decodes like the bare form; the decoded queries are what Stripe reads.
        #expect(sent.allSatisfy { $0.query?.contains("[") != true })
        #expect(sent.map { "\($0.method) \($0.path)?\(PercentEncoding.decode($0.query ?? "") ?? "")" }.sorted() == [
            "GET /v1/prices?lookup_keys[]=pro_monthly&lookup_keys[]=pro_yearly&limit=100&expand[]=data.product",
            "GET /v1/prices?lookup_keys[]=pro_yearly&active=false&limit=100&expand[]=data.product",
            "GET /v1/webhook_endpoints?limit=100",
        ])
        #expect(sent.allSatisfy { $0.bodyLength == 0 && $0.contentType == nil }, "a GET never carries a body")
        #expect(sent.allSatisfy { $0.stripeVersion == StripeAPI.version && $0.authorizationScheme == "Bearer" })
        #expect(StripeAPI.version == "2023-08-16")
        #expect(response.requestCount == 3)
        #expect(bed.requestLines.contains { $0.hasPrefix("GET /v1/webhook_endpoints?limit=100 → 200") })
    }

    @Test func moreThanTenLookupKeysAreAskedForTenAtATime() async throws {
        let bed = try StripeTestbed()
        let prices = (0..<12).map { StripePrice(lookupKey: "plan_\($0)", currency: "usd", unitAmount: 100 * $0, interval: .month) }
        for price in prices { try await bed.createPrice(price.lookupKey, amount: price.unitAmount) }
        let before = bed.journal.count
        let plan = await bed.plan(StripeConfig(prices: prices))
        #expect(plan.checks.count == 12)
        #expect(plan.checks.allSatisfy { $0.status == .pass })
        let queries = bed.journal.dropFirst(before).compactMap(\.query).compactMap { PercentEncoding.decode($0) }
        #expect(queries.count == 2)
        #expect(queries.map { $0.components(separatedBy: "lookup_keys[]=").count - 1 } == [10, 2])
        #expect(queries.allSatisfy { $0.components(separatedBy: "lookup_keys[]=").count - 1 <= 10 })
    }

    @Test func webhookEndpointsArePagedToTheEnd() async throws {
        // 350 endpoints seeded in the state file: four pages of at most 100.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-stripe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let endpoints: [JSONValue] = (0..<350).map { index in
            ["id": .string("we_seed\(String(format: "%04d", index))"), "url": .string("https://hooks.example.com/\(index)"),
             "enabled_events": ["charge.succeeded"], "status": "enabled", "livemode": false, "created": .int(1_700_000_000 + index)]
        }
        let stateFile = directory.appendingPathComponent("state.json").path
        try JSONWriter.canonical(["stripe": ["webhook_endpoints": .array(endpoints)]]).write(toFile: stateFile, atomically: true, encoding: .utf8)
        let bed = try StripeTestbed(stateFile: stateFile)

        let plan = await bed.plan(StripeConfig(webhooks: [StripeWebhook(url: "https://hooks.example.com/7", events: ["charge.succeeded"])]))
        #expect(plan.checks.filter { $0.status == .pass }.map(\.id) == ["stripe.webhook_endpoint.https-hooks.example.com-7"])
        #expect(plan.checks.filter { $0.status == .unmanaged }.count == 349)
        #expect(plan.coverage == [Coverage(scope: .stripe, collection: "webhook endpoints", managed: 1, total: 350)])
        // Newest first; each page starts after the last id of the one before.
        #expect(bed.journal.map { $0.query ?? "" } == [
            "limit=100", "limit=100&starting_after=we_seed0250", "limit=100&starting_after=we_seed0150", "limit=100&starting_after=we_seed0050",
        ])
    }

    @Test func aRateLimitIsWaitedOutWithOrWithoutRetryAfter() async throws {
        let bed = try StripeTestbed()
        try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        // Stripe's own 429 has no Retry-After: the client backs off by itself. A proxy's may have one.
        try await bed.script([
            "method": "GET", "path": "/stripe/v1/webhook_endpoints",
            "responses": [["status": 429], ["status": 429, "headers": ["Retry-After": "1"]]],
        ])
        let response = try await bed.connector().plan(PlanRequest(desired: DesiredState(stripe: StripeConfig(webhooks: StripeConfig.autorisen.webhooks))))
        #expect(response.checks.map(\.status) == [.pass], "\(response.checks.map(\.message))")
        // One listing, sent three times.
        #expect(response.requestCount == 3)
        #expect(bed.requestLines.filter { $0.contains("retrying") }.count == 2)
    }

    @Test(arguments: [
        ("pk_test_51Hx0abcdefghij", "holds a publishable key (pk_…)"),
        ("whsec_abcdefghijklmnop", "holds a webhook signing secret (whsec_…)"),
        ("Bearer sk_test_abcdefghij", "contains white space"),
        ("sk_test_abc-def!", "has characters Stripe keys never contain"),
        ("stripe-key-0123456789", "does not look like a Stripe API key"),
    ])
    func aKeyOfTheWrongShapeIsAnErrorWithoutAnyRequest(key: String, problem: String) async throws {
        let bed = try StripeTestbed(key: key)
        let response = try await bed.connector().plan(PlanRequest(desired: DesiredState(stripe: .autorisen)))
        #expect(response.checks.map(\.id) == ["stripe.credentials"])
        let check = try #require(response.checks.first)
        #expect(check.status == .error)
        #expect(check.message.contains(problem))
        #expect(check.suggestedAction?.contains("sk_test_…") == true)
        #expect(bed.journal.isEmpty)
    }

    @Test func aLiveKeyIsMarkedLiveAndSeesOnlyLiveObjects() async throws {
        let bed = try StripeTestbed(key: StripeTestbed.liveKey)
        // A test-mode price with the same lookup key is another account's data as far as live is concerned.
        try await bed.createPrice("pro_monthly", amount: 2900, key: StripeTestbed.testKey)
        let plan = await bed.plan(StripeConfig(prices: [StripeConfig.autorisen.prices[0]]))
        let check = try Self.check(plan, "stripe.price.pro_monthly")
        #expect(check.status == .fail)
        #expect(check.message == "Stripe (live): no price has the lookup key pro_monthly")
        try await bed.createPrice("pro_monthly", amount: 2900)
        let again = await bed.plan(StripeConfig(prices: [StripeConfig.autorisen.prices[0]]))
        #expect(try Self.check(again, "stripe.price.pro_monthly").message.hasPrefix("Stripe (live): the price pro_monthly"))
    }

    @Test func aRestrictedKeyWithoutThePermissionNamesIt() async throws {
        let bed = try StripeTestbed(key: "rk_test_noprices4eC39HqLyjWDarjtT1zdp7dc")
        try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        let plan = await bed.plan(.autorisen)
        let prices = try Self.check(plan, "stripe.prices")
        #expect(prices.status == .error)
        #expect(prices.message == "Stripe (test): the key may not list prices (GET /v1/prices): it lacks the rak_price_read permission")
        #expect(prices.suggestedAction == "grant rak_price_read to the restricted key in the Stripe dashboard (Developers, API keys), or use a key that has it")
        #expect(try Self.check(plan, "stripe.webhook_endpoint.https-app.autorisen.com-api-stripe-webhook").status == .pass)
        #expect(!plan.isComplete)
    }

    @Test func refreshAndApplyRefuseAsReadOnly() async throws {
        let bed = try StripeTestbed()
        let connector = try bed.connector()
        let change = Change(
            id: ChangeID("stripe.price.update.pro_monthly")!, description: "update", risk: .low, before: .null, after: .null,
            observed: PlanDigest.of(JSONValue.null))
        guard case .failed(let refreshed) = await connector.refresh(RefreshRequest(change: change)) else {
            Issue.record("refresh did not fail")
            return
        }
        #expect(refreshed.message == "stripe is read-only in opsctl, so stripe.price.update.pro_monthly cannot be refreshed or applied")
        let applied = await connector.apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "")) }))
        #expect(applied == .failed(refreshed))
        #expect(bed.journal.isEmpty)
    }

    @Test func missingKeyAndBaseURLOverride() async throws {
        let context = ConnectorContext(environment: ["OPSCTL_SANDBOX_URL": "http://127.0.0.1:9"], redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let missing) = StripeConnector.make(context: context) else {
            Issue.record("a connector was made without a key")
            return
        }
        #expect(missing.variables == ["STRIPE_SECRET_KEY"])

        // OPS_STRIPE_API_URL wins over the sandbox URL.
        let bed = try StripeTestbed()
        try await bed.createWebhook(Self.webhookURL, events: ["checkout.session.completed", "invoice.payment_failed"])
        var environment = bed.environment
        environment["OPSCTL_SANDBOX_URL"] = "http://127.0.0.1:9"
        environment[StripeConnector.baseURLVariable] = bed.baseURL + "/stripe"
        let response = try await bed.connector(environment: environment).plan(PlanRequest(desired: DesiredState(stripe: StripeConfig(webhooks: StripeConfig.autorisen.webhooks))))
        #expect(response.checks.map(\.status) == [.pass])
    }
}
