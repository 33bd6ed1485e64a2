import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The Stripe emulator over raw HTTP: form bodies, Stripe's error envelope, keys and modes,
/// and list pagination.
@Suite("Stripe emulator")
struct StripeEmulatorTests {
    static let key = "sk_test_emulator4eC39HqLyjWDarjtT1zdp7dc"

    static func headers(key: String = StripeEmulatorTests.key) -> [(String, String)] {
        [("Authorization", "Bearer \(key)"), ("Content-Type", "application/x-www-form-urlencoded")]
    }

    static func harness() throws -> SandboxHarness {
        try SandboxHarness(emulators: [StripeEmulator()])
    }

    static func post(_ harness: SandboxHarness, _ path: String, _ form: String, key: String = StripeEmulatorTests.key) throws -> RawResponse {
        try harness.request("POST", "/stripe" + path, headers: headers(key: key), rawBody: Array(form.utf8))
    }

    static func get(_ harness: SandboxHarness, _ path: String, key: String = StripeEmulatorTests.key) throws -> RawResponse {
        try harness.request("GET", "/stripe" + path, headers: [("Authorization", "Bearer \(key)")])
    }

    @Test func formBodiesNestWithBracketsAndTakeBothArrayForms() throws {
        let form = try StripeEmulator.Form(pairs: [
            ("recurring[interval]", "month"), ("recurring[interval_count]", "3"), ("enabled_events[]", "a.b"), ("enabled_events[]", "c.d"),
            ("expand[1]", "y"), ("expand[0]", "x"), ("metadata[plan]", "pro"), ("url", "https://x.example"),
        ])
        #expect(try form.form("recurring")?.string("interval") == "month")
        #expect(try form.form("recurring")?.int("interval_count") == 3)
        #expect(try form.strings("enabled_events") == ["a.b", "c.d"])
        #expect(try form.strings("expand") == ["x", "y"])
        #expect(try form.stringMap("metadata") == ["plan": "pro"])
        #expect(throws: RouteFailure.self) { try StripeEmulator.Form(pairs: [("a[]", "1"), ("a[x]", "2")]) }
        #expect(throws: RouteFailure.self) { try StripeEmulator.Form(pairs: [("a[b", "1")]) }
        #expect(throws: RouteFailure.self) { try form.strings("url") }
    }

    @Test func aPriceIsCreatedFromAFormBodyAndReadBackInStripesShape() throws {
        let harness = try Self.harness()
        let created = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=2900&recurring%5Binterval%5D=month&lookup_key=pro_monthly&product_data[name]=Pro")
        #expect(created.status == 200, "\(created.text)")
        let price = try created.json()
        #expect(price["object"] == "price")
        #expect(price["type"] == "recurring")
        #expect(price["recurring"]?["interval"] == "month")
        #expect(price["recurring"]?["interval_count"] == 1)
        #expect(price["unit_amount"] == 2900)
        #expect(price["unit_amount_decimal"] == "2900")
        #expect(price["livemode"] == false)
        #expect(price["id"]?.stringValue?.hasPrefix("price_") == true)
        #expect(created.headers["Stripe-Version"] == StripeEmulator.defaultVersion)
        #expect(created.headers["Request-Id"]?.hasPrefix("req_") == true)

        let listed = try Self.get(harness, "/v1/prices?lookup_keys[]=pro_monthly&expand[]=data.product")
        let list = try listed.json()
        #expect(list["object"] == "list")
        #expect(list["url"] == "/v1/prices")
        #expect(list["has_more"] == false)
        #expect(list["data"]?.arrayValue?.first?["product"]?["name"] == "Pro")
        #expect(try Self.get(harness, "/v1/prices?lookup_keys[0]=pro_monthly").json()["data"]?.arrayValue?.count == 1)
    }

    @Test func refusalsComeInStripesEnvelope() throws {
        let harness = try Self.harness()
        let missing = try Self.post(harness, "/v1/prices", "unit_amount=100&product_data[name]=X")
        #expect(missing.status == 400)
        #expect(try missing.json() == ["error": [
            "type": "invalid_request_error", "code": "parameter_missing", "param": "currency", "message": "Missing required param: currency.",
            "doc_url": "https://stripe.com/docs/error-codes/parameter-missing",
        ]])
        let unknown = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=1&product_data[name]=X&colour=red")
        #expect(try unknown.json()["error"]?["code"] == "parameter_unknown")
        let json = try harness.request(
            "POST", "/stripe/v1/prices", headers: [("Authorization", "Bearer \(Self.key)"), ("Content-Type", "application/json")],
            rawBody: Array(#"{"currency":"usd"}"#.utf8))
        #expect(json.status == 400)
        #expect(try Self.get(harness, "/v1/prices?limit=101").json()["error"]?["param"] == "limit")
        #expect(try Self.get(harness, "/v1/prices?lookup_keys=pro").json()["error"]?["message"] == "Invalid array")
        let nowhere = try Self.get(harness, "/v1/nothing")
        #expect(nowhere.status == 404)
        #expect(try nowhere.json()["error"]?["message"]?.stringValue?.hasPrefix("Unrecognized request URL (GET: /v1/nothing)") == true)
        let noSuch = try Self.get(harness, "/v1/webhook_endpoints/we_missing")
        #expect(noSuch.status == 404)
        #expect(try noSuch.json()["error"]?["code"] == "resource_missing")
        let version = try harness.request("GET", "/stripe/v1/prices", headers: [("Authorization", "Bearer \(Self.key)"), ("Stripe-Version", "latest")])
        #expect(version.status == 400)
        #expect(try version.json()["error"]?["message"] == "Invalid Stripe API version: latest")
    }

    @Test func aLookupKeyBelongsToOnePriceUntilTransferred() throws {
        let harness = try Self.harness()
        let first = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=100&lookup_key=basic&product_data[name]=B").json()["id"]?.stringValue ?? ""
        let clash = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=200&lookup_key=basic&product_data[name]=B")
        #expect(clash.status == 400)
        #expect(try clash.json()["error"]?["param"] == "lookup_key")
        let moved = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=200&lookup_key=basic&transfer_lookup_key=true&product_data[name]=B")
        #expect(moved.status == 200)
        #expect(try Self.get(harness, "/v1/prices/\(first)").json()["lookup_key"] == .null)
    }

    @Test func archivedPricesAreListedOnlyWhenAskedFor() throws {
        let harness = try Self.harness()
        let id = try Self.post(harness, "/v1/prices", "currency=usd&unit_amount=100&lookup_key=old&product_data[name]=B").json()["id"]?.stringValue ?? ""
        #expect(try Self.post(harness, "/v1/prices/\(id)", "active=false").json()["active"] == false)
        #expect(try Self.get(harness, "/v1/prices?lookup_keys[]=old").json()["data"] == [])
        #expect(try Self.get(harness, "/v1/prices?lookup_keys[]=old&active=false").json()["data"]?.arrayValue?.first?["id"] == .string(id))
    }

    @Test func listsPageWithStartingAfterAndEndingBefore() throws {
        let harness = try Self.harness()
        var ids: [String] = []
        for index in 0..<5 {
            let created = try Self.post(harness, "/v1/webhook_endpoints", "url=https://h.example.com/\(index)&enabled_events[]=charge.succeeded")
            #expect(created.status == 200)
            #expect(try created.json()["secret"]?.stringValue?.hasPrefix("whsec_") == true)
            ids.append(try created.json()["id"]?.stringValue ?? "")
        }
        let first = try Self.get(harness, "/v1/webhook_endpoints?limit=2").json()
        #expect(first["has_more"] == true)
        #expect(first["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[4], ids[3]])
        #expect(first["data"]?.arrayValue?.first?["secret"] == nil)
        let second = try Self.get(harness, "/v1/webhook_endpoints?limit=2&starting_after=\(ids[3])").json()
        #expect(second["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[2], ids[1]])
        let last = try Self.get(harness, "/v1/webhook_endpoints?limit=2&starting_after=\(ids[1])").json()
        #expect(last["has_more"] == false)
        #expect(last["data"]?.arrayValue?.count == 1)
        let back = try Self.get(harness, "/v1/webhook_endpoints?limit=2&ending_before=\(ids[1])").json()
        #expect(back["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[3], ids[2]])
        #expect(try Self.get(harness, "/v1/webhook_endpoints?starting_after=we_nope").status == 400)
    }

    @Test func keysDecideAccessModeAndPermissions() throws {
        let harness = try Self.harness()
        let none = try harness.request("GET", "/stripe/v1/prices", headers: [])
        #expect(none.status == 401)
        #expect(try none.json()["error"]?["message"]?.stringValue?.hasPrefix("You did not provide an API key.") == true)
        #expect(try Self.get(harness, "/v1/prices", key: "pk_test_abcdefgh1234").status == 401)
        let invalid = try Self.get(harness, "/v1/prices", key: "nonsense-key-1234")
        #expect(invalid.status == 401)
        #expect(try invalid.json()["error"]?["message"]?.stringValue?.hasPrefix("Invalid API Key provided: ") == true)
        // HTTP Basic with the key as user name works as Bearer does.
        let basic = Data("\(Self.key):".utf8).base64EncodedString()
        #expect(try harness.request("GET", "/stripe/v1/prices", headers: [("Authorization", "Basic \(basic)")]).status == 200)

        _ = try Self.post(harness, "/v1/webhook_endpoints", "url=https://h.example.com/test&enabled_events[]=*")
        let live = "sk_live_emulator9fD81KpQzwXEbskuU2yeq8ed"
        #expect(try Self.get(harness, "/v1/webhook_endpoints", key: live).json()["data"] == [])

        let restricted = "rk_test_noprices4eC39HqLyjWDarjtT1zdp7dc"
        let denied = try Self.get(harness, "/v1/prices", key: restricted)
        #expect(denied.status == 403)
        let message = try denied.json()["error"]?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("The provided key 'rk_test_************p7dc'"))
        #expect(message.hasSuffix("Having the 'rak_price_read' permission would allow this request to continue."))
        #expect(!message.contains(restricted))
        #expect(try Self.get(harness, "/v1/webhook_endpoints", key: restricted).status == 200)
        #expect(try Self.post(harness, "/v1/webhook_endpoints", "url=https://h.example.com/x&enabled_events[]=*", key: "rk_test_nowebhooksABCDEFGH12345678").status == 403)
    }

    @Test func injectedFaultsUseStripesEnvelopeWithoutRetryAfter() throws {
        let emulator = StripeEmulator()
        let request = EmulatorRequest(
            method: "GET", path: "/v1/prices", query: QueryParameters(), headers: HTTPHeaders(), body: [], mountURL: "http://127.0.0.1/stripe",
            original: HTTPRequest(method: "GET", target: "/stripe/v1/prices"))
        let throttled = emulator.errorResponse(.injected(status: 429), for: request)
        #expect(throttled.status == 429)
        #expect(throttled.headers["Retry-After"] == nil)
        #expect(try JSONParser.parse(throttled.body)["error"]?["code"] == "rate_limit")
        let failed = emulator.errorResponse(.injected(status: 500), for: request)
        #expect(try JSONParser.parse(failed.body)["error"]?["type"] == "api_error")
    }
}
