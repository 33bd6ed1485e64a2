import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The SendGrid emulator over raw HTTP: create endpoints, validation against the sandbox's DNS
/// zone, verification links, SendGrid's error envelope, scopes and rate-limit headers.
@Suite("SendGrid emulator")
struct SendGridEmulatorTests {
    static let key = "SG.emulatorKeyId.emulatorSecret0123456789"

    static func headers(key: String = SendGridEmulatorTests.key) -> [(String, String)] {
        [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"), ("Accept", "application/json")]
    }

    static func harness() throws -> SandboxHarness {
        try SandboxHarness(emulators: [SendGridEmulator()])
    }

    static func call(_ harness: SandboxHarness, _ method: String, _ path: String, _ body: JSONValue? = nil, key: String = SendGridEmulatorTests.key) throws -> RawResponse {
        try harness.request(method, "/sendgrid" + path, headers: headers(key: key), body: body)
    }

    @Test func aDomainIsAuthenticatedThenValidatedAgainstTheSandboxDNS() throws {
        let harness = try Self.harness()
        let created = try Self.call(harness, "POST", "/v3/whitelabel/domains", ["domain": "mail.example.com"])
        #expect(created.status == 201, "\(created.text)")
        let domain = try created.json()
        let id = try #require(domain["id"]?.intValue)
        #expect(domain["valid"] == false)
        #expect(domain["user_id"] == 7)
        #expect(domain["automatic_security"] == true)
        let cname = try #require(domain["dns"]?["mail_cname"])
        #expect(cname["type"] == "cname")
        #expect(cname["host"]?.stringValue?.hasSuffix(".mail.example.com") == true)
        #expect(domain["dns"]?["dkim1"]?["host"] == "s1._domainkey.mail.example.com")

        let failed = try Self.call(harness, "POST", "/v3/whitelabel/domains/\(id)/validate").json()
        #expect(failed["valid"] == false)
        #expect(failed["validation_results"]?["dkim2"]?["valid"] == false)
        #expect(failed["validation_results"]?["dkim2"]?["reason"]?.stringValue?.hasPrefix("Expected CNAME record for") == true)

        for name in ["mail_cname", "dkim1", "dkim2"] {
            let record = try #require(domain["dns"]?[name])
            let published = try Self.call(harness, "POST", "/_sandbox/dns", ["type": record["type"]!, "host": record["host"]!, "data": record["data"]!])
            #expect(published.status == 201)
        }
        #expect(try Self.call(harness, "POST", "/v3/whitelabel/domains/\(id)/validate").json()["valid"] == true)
        let listed = try Self.call(harness, "GET", "/v3/whitelabel/domains?limit=10&offset=0")
        #expect(listed.headers["X-RateLimit-Limit"] == "600")
        #expect(listed.headers["X-RateLimit-Reset"] != nil)
        let list = try #require(try listed.json().arrayValue)
        #expect(list.count == 1)
        #expect(list.first?["valid"] == true)
        #expect(list.first?["last_validation_attempt_at"]?.intValue != nil)
    }

    @Test func domainsPageWithLimitAndOffset() throws {
        let harness = try Self.harness()
        for index in 0..<5 {
            #expect(try Self.call(harness, "POST", "/v3/whitelabel/domains", ["domain": .string("d\(index).example.com")]).status == 201)
        }
        let page = try Self.call(harness, "GET", "/v3/whitelabel/domains?limit=2&offset=2").json().arrayValue ?? []
        #expect(page.compactMap { $0["domain"]?.stringValue } == ["d2.example.com", "d3.example.com"])
        #expect(try Self.call(harness, "GET", "/v3/whitelabel/domains?limit=2&offset=4").json().arrayValue?.count == 1)
        #expect(try Self.call(harness, "GET", "/v3/whitelabel/domains?domain=d1").json().arrayValue?.count == 1)
        #expect(try Self.call(harness, "GET", "/v3/whitelabel/domains?limit=x").status == 400)
    }

    @Test func aSenderIsVerifiedThroughItsLink() throws {
        let harness = try Self.harness()
        let created = try Self.call(harness, "POST", "/v3/verified_senders", [
            "nickname": "Orders", "from_email": "orders@example.com", "reply_to": "orders@example.com",
        ])
        #expect(created.status == 201)
        let id = try #require(try created.json()["id"]?.intValue)
        #expect(try created.json()["verified"] == false)
        #expect(try Self.call(harness, "POST", "/v3/verified_senders/resend/\(id)").status == 204)
        #expect(try Self.call(harness, "GET", "/v3/verified_senders/verify/sandbox-verify-\(id)").status == 204)
        let results = try Self.call(harness, "GET", "/v3/verified_senders").json()["results"]?.arrayValue ?? []
        #expect(results.first?["verified"] == true)
        #expect(results.first?["from_email"] == "orders@example.com")

        for index in 0..<4 {
            _ = try Self.call(harness, "POST", "/v3/verified_senders", [
                "nickname": "n", "from_email": .string("s\(index)@example.com"), "reply_to": "r@example.com",
            ])
        }
        let after = try Self.call(harness, "GET", "/v3/verified_senders?limit=2&lastSeenID=\(id)").json()["results"]?.arrayValue ?? []
        #expect(after.compactMap { $0["from_email"]?.stringValue } == ["s0@example.com", "s1@example.com"])
    }

    @Test func refusalsComeInSendGridsEnvelope() throws {
        let harness = try Self.harness()
        let missing = try Self.call(harness, "POST", "/v3/verified_senders", ["nickname": "n", "from_email": "a@example.com"])
        #expect(missing.status == 400)
        #expect(try missing.json() == ["errors": [["field": "reply_to", "message": "is required"]]])
        _ = try Self.call(harness, "POST", "/v3/verified_senders", ["nickname": "n", "from_email": "a@example.com", "reply_to": "a@example.com"])
        let duplicate = try Self.call(harness, "POST", "/v3/verified_senders", ["nickname": "n", "from_email": "a@example.com", "reply_to": "a@example.com"])
        #expect(try duplicate.json()["errors"]?.arrayValue?.first?["field"] == "from_email")
        #expect(try Self.call(harness, "POST", "/v3/whitelabel/domains", ["subdomain": "x"]).json() == ["errors": [["field": "domain", "message": "is required"]]])
        let nowhere = try Self.call(harness, "GET", "/v3/nothing")
        #expect(nowhere.status == 404)
        #expect(try nowhere.json() == ["errors": [["field": nil, "message": "resource not found"]]])
        #expect(try Self.call(harness, "GET", "/v3/whitelabel/domains/999").status == 404)
    }

    @Test func keysAndScopes() throws {
        let harness = try Self.harness()
        let none = try harness.request("GET", "/sendgrid/v3/whitelabel/domains", headers: [])
        #expect(none.status == 401)
        #expect(try none.json() == ["errors": [["field": nil, "message": "authorization required"]]])
        let wrong = try Self.call(harness, "GET", "/v3/whitelabel/domains", key: "not-a-key")
        #expect(wrong.status == 401)
        let forbidden = try Self.call(harness, "GET", "/v3/whitelabel/domains", key: "SG.nowhitelabel.secret0123")
        #expect(forbidden.status == 403)
        #expect(try forbidden.json() == ["errors": [["field": nil, "message": "access forbidden"]]])
        #expect(try Self.call(harness, "GET", "/v3/verified_senders", key: "SG.nowhitelabel.secret0123").status == 200)
        #expect(try Self.call(harness, "GET", "/v3/verified_senders", key: "SG.nosenders.secret0123").status == 403)
        let xml = try harness.request("GET", "/sendgrid/v3/verified_senders", headers: [("Authorization", "Bearer \(Self.key)"), ("Accept", "application/xml")])
        #expect(xml.status == 406)
    }

    @Test func injectedThrottlingCarriesAnExhaustedWindow() throws {
        let emulator = SendGridEmulator()
        let request = EmulatorRequest(
            method: "GET", path: "/v3/verified_senders", query: QueryParameters(), headers: HTTPHeaders(), body: [],
            mountURL: "http://127.0.0.1/sendgrid", original: HTTPRequest(method: "GET", target: "/sendgrid/v3/verified_senders"))
        let throttled = emulator.errorResponse(.injected(status: 429), for: request)
        #expect(throttled.status == 429)
        #expect(throttled.headers["X-RateLimit-Remaining"] == "0")
        #expect(throttled.headers["X-RateLimit-Reset"].flatMap(Int.init) != nil)
        #expect(try JSONParser.parse(throttled.body) == ["errors": [["field": nil, "message": "too many requests"]]])
    }
}
