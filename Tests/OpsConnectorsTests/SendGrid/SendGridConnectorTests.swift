import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The SendGrid connector against the sandbox's SendGrid emulator, over real HTTP on loopback.
@Suite("SendGrid connector")
struct SendGridConnectorTests {
    static func check(_ plan: Plan, _ id: String) throws -> Check {
        try #require(plan.checks.first { $0.id == id }, "no check \(id) in \(plan.checks.map(\.id))")
    }

    @Test func everyCheckPassesWhenDomainsAreValidAndSendersVerified() async throws {
        let bed = try SendGridTestbed()
        let domain = try await bed.authenticate("mail.autorisen.com")
        try await bed.publish(Array(domain.dns.values), andValidate: domain.id)
        try await bed.createSender("noreply@autorisen.com", verify: true)
        try await bed.createSender("support@autorisen.com", verify: true)

        let plan = await bed.plan(.autorisen)
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.id) == ["sendgrid.domain.mail.autorisen.com", "sendgrid.sender.noreply-autorisen.com", "sendgrid.sender.support-autorisen.com"])
        #expect(plan.checks.allSatisfy { $0.status == .pass }, "\(plan.checks.map(\.message))")
        #expect(try Self.check(plan, "sendgrid.domain.mail.autorisen.com").message == "mail.autorisen.com is authenticated in SendGrid and valid (id \(domain.id))")
        #expect(plan.coverage == [
            Coverage(scope: .sendgrid, collection: "authenticated domains", managed: 1, total: 1),
            Coverage(scope: .sendgrid, collection: "verified senders", managed: 2, total: 2),
        ])
    }

    @Test func anInvalidDomainNamesTheRecordsToAdd() async throws {
        let bed = try SendGridTestbed()
        let domain = try await bed.authenticate("mail.autorisen.com")
        let cname = try #require(domain.dns["mail_cname"])
        let dkim1 = try #require(domain.dns["dkim1"])
        let dkim2 = try #require(domain.dns["dkim2"])
        // Only the CNAME is published: both DKIM records fail validation.
        try await bed.publish([cname], andValidate: domain.id)

        let plan = await bed.plan(SendGridConfig(domains: [SendGridDomain(name: "mail.autorisen.com"), SendGridDomain(name: "news.autorisen.com")]))
        let invalid = try Self.check(plan, "sendgrid.domain.mail.autorisen.com")
        #expect(invalid.status == .fail)
        #expect(invalid.message == "mail.autorisen.com is authenticated in SendGrid (id \(domain.id)) but not valid: dkim1 (CNAME \(dkim1.host)), dkim2 (CNAME \(dkim2.host)) do not resolve as required")
        #expect(invalid.suggestedAction == "add these DNS records: CNAME \(dkim1.host) → \(dkim1.data); CNAME \(dkim2.host) → \(dkim2.data); then validate: POST /v3/whitelabel/domains/\(domain.id)/validate")
        let missing = try Self.check(plan, "sendgrid.domain.news.autorisen.com")
        #expect(missing.message == "news.autorisen.com is not authenticated in SendGrid")
        #expect(missing.suggestedAction?.hasPrefix(#"authenticate it: POST /v3/whitelabel/domains with {"domain": "news.autorisen.com", "automatic_security": true}"#) == true)

        // Once the records are published and validated, the check passes.
        try await bed.publish([dkim1, dkim2], andValidate: domain.id)
        let again = await bed.plan(SendGridConfig(domains: [SendGridDomain(name: "mail.autorisen.com")]))
        #expect(try Self.check(again, "sendgrid.domain.mail.autorisen.com").status == .pass)
    }

    @Test func unverifiedMissingAndUndeclaredSendersAreReported() async throws {
        let bed = try SendGridTestbed()
        let pending = try await bed.createSender("noreply@autorisen.com", verify: false)
        try await bed.createSender("marketing@autorisen.com", verify: true)
        try await bed.authenticate("old.autorisen.com")
        let plan = await bed.plan(.autorisen)
        let unverified = try Self.check(plan, "sendgrid.sender.noreply-autorisen.com")
        #expect(unverified.status == .fail)
        #expect(unverified.message == "noreply@autorisen.com is a sender in SendGrid (id \(pending)) but not verified")
        #expect(unverified.suggestedAction == "open the verification link SendGrid mailed to noreply@autorisen.com; to send it again: POST /v3/verified_senders/resend/\(pending)")
        let missing = try Self.check(plan, "sendgrid.sender.support-autorisen.com")
        #expect(missing.message == "support@autorisen.com is not a sender in SendGrid")
        let stray = try Self.check(plan, "sendgrid.sender.unmanaged.marketing-autorisen.com")
        #expect(stray.status == .unmanaged)
        #expect(stray.message.hasPrefix("the sender marketing@autorisen.com (id "))
        let strayDomain = try Self.check(plan, "sendgrid.domain.unmanaged.old.autorisen.com")
        #expect(strayDomain.message.hasSuffix("not valid) exists but is not declared in desired-state.yaml"))
        #expect(plan.coverage == [
            Coverage(scope: .sendgrid, collection: "authenticated domains", managed: 0, total: 1),
            Coverage(scope: .sendgrid, collection: "verified senders", managed: 1, total: 2),
        ])
    }

    @Test func bothListingsArePagedToTheEnd() async throws {
        // 180 domains and 170 senders seeded: four pages of at most 50 each.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-sendgrid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let domains: [JSONValue] = (0..<180).map { index in
            ["id": .int(2000 + index), "domain": .string("d\(index).example.com"), "valid": .bool(index == 179), "dns": [:]]
        }
        let senders: [JSONValue] = (1...170).map { index in
            ["id": .int(index), "from_email": .string("s\(index)@example.com"), "verified": true]
        }
        let stateFile = directory.appendingPathComponent("state.json").path
        try JSONWriter.canonical(["sendgrid": ["domains": .array(domains), "verified_senders": .array(senders)]])
            .write(toFile: stateFile, atomically: true, encoding: .utf8)
        let bed = try SendGridTestbed(stateFile: stateFile)

        let plan = await bed.plan(SendGridConfig(
            domains: [SendGridDomain(name: "d179.example.com")], senders: [SendGridSender(email: "s170@example.com")]))
        #expect(try Self.check(plan, "sendgrid.domain.d179.example.com").status == .pass)
        #expect(try Self.check(plan, "sendgrid.sender.s170-example.com").status == .pass)
        #expect(plan.coverage == [
            Coverage(scope: .sendgrid, collection: "authenticated domains", managed: 1, total: 180),
            Coverage(scope: .sendgrid, collection: "verified senders", managed: 1, total: 170),
        ])
        // `GET /v3/... → 200 (3 ms)`: the method and the target as sent.
        let targets = bed.requestLines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(targets.filter { $0.contains("/v3/whitelabel/domains") }.sorted() == [
            "GET /v3/whitelabel/domains?limit=50&offset=0", "GET /v3/whitelabel/domains?limit=50&offset=100",
            "GET /v3/whitelabel/domains?limit=50&offset=150", "GET /v3/whitelabel/domains?limit=50&offset=50",
        ])
        #expect(targets.filter { $0.contains("/v3/verified_senders") }.sorted() == [
            "GET /v3/verified_senders?limit=50", "GET /v3/verified_senders?limit=50&lastSeenID=100",
            "GET /v3/verified_senders?limit=50&lastSeenID=150", "GET /v3/verified_senders?limit=50&lastSeenID=50",
        ])
    }

    @Test func aRateLimitIsWaitedOutByItsResetOrRetryAfter() async throws {
        let bed = try SendGridTestbed()
        try await bed.createSender("noreply@autorisen.com", verify: true)
        let reset = Int(Date().timeIntervalSince1970) + 1
        try await bed.script([
            "method": "GET", "path": "/sendgrid/v3/verified_senders",
            "responses": [
                ["status": 429, "headers": ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": .string(String(reset))]],
                ["status": 429, "headers": ["Retry-After": "1"]],
            ],
        ])
        let response = try await bed.connector().plan(PlanRequest(desired: DesiredState(sendgrid: SendGridConfig(senders: [SendGridSender(email: "noreply@autorisen.com")]))))
        #expect(response.checks.map(\.status) == [.pass], "\(response.checks.map(\.message))")
        #expect(bed.requestLines.filter { $0.contains("retrying") }.count == 2)
    }

    @Test func aKeyWithoutTheScopeIsAnErrorNamingIt() async throws {
        let bed = try SendGridTestbed(key: "SG.nowhitelabelKeyId.secretPart0123456789")
        try await bed.createSender("noreply@autorisen.com", verify: true)
        let plan = await bed.plan(SendGridConfig(domains: [SendGridDomain(name: "mail.autorisen.com")], senders: [SendGridSender(email: "noreply@autorisen.com")]))
        let domains = try Self.check(plan, "sendgrid.domains")
        #expect(domains.status == .error)
        #expect(domains.message == "SendGrid refused to list authenticated domains (GET /v3/whitelabel/domains, 403: access forbidden): the key lacks the whitelabel.read scope")
        #expect(domains.suggestedAction == "give the API key whitelabel.read in SendGrid (Settings, API Keys, edit the key), or use a key that has it")
        #expect(try Self.check(plan, "sendgrid.sender.noreply-autorisen.com").status == .pass)
    }

    @Test func keysOfTheWrongShape() async throws {
        // White space never works: refused before anything is sent.
        let bearer = try SendGridTestbed(key: "Bearer \(SendGridTestbed.key)")
        let refused = try await bearer.connector().plan(PlanRequest(desired: DesiredState(sendgrid: .autorisen)))
        #expect(refused.checks.map(\.id) == ["sendgrid.credentials"])
        #expect(refused.checks.first?.message == "SENDGRID_API_KEY contains white space; a SendGrid API key is one word")
        #expect(bearer.requestLines.isEmpty)
        // A trailing newline is caught earlier still, when any credential is read.
        let newline = try SendGridTestbed(key: "SG.abc.def\n")
        #expect(throws: MissingCredentials.self) { try newline.connector() }
        #expect(newline.requestLines.isEmpty)
        // Anything else is sent, and SendGrid's 401 says what is wrong.
        let bed = try SendGridTestbed(key: "not-a-sendgrid-key")
        let response = try await bed.connector().plan(PlanRequest(desired: DesiredState(sendgrid: SendGridConfig(domains: [SendGridDomain(name: "mail.autorisen.com")]))))
        let check = try #require(response.checks.first)
        #expect(check.id == "sendgrid.domains")
        #expect(check.message == "SendGrid refused SENDGRID_API_KEY (401): The provided authorization grant is invalid, expired, or revoked")
        #expect(check.suggestedAction?.contains("(SG.…)") == true)
    }

    @Test func theRegionPicksTheEUHostAndTheOverrideWinsOverIt() throws {
        let redactor = Redactor(registry: SecretRegistry())
        func baseURL(_ environment: [String: String]) throws -> String {
            let connector = try #require(try SendGridConnector.make(context: ConnectorContext(environment: environment, redactor: redactor)).get() as? SendGridConnector)
            return connector.baseURL.absoluteString
        }
        let key = [SendGridConnector.keyVariable: SendGridTestbed.key]
        #expect(try baseURL(key) == "https://api.sendgrid.com")
        #expect(try baseURL(key.merging([SendGridConnector.regionVariable: "eu"]) { $1 }) == "https://api.eu.sendgrid.com")
        #expect(try baseURL(key.merging([SendGridConnector.regionVariable: "EU", SendGridConnector.baseURLVariable: "http://127.0.0.1:1/sg"]) { $1 }) == "http://127.0.0.1:1/sg")
        guard case .failure(let problem) = SendGridConnector.make(context: ConnectorContext(
            environment: key.merging([SendGridConnector.regionVariable: "mars"]) { $1 }, redactor: redactor))
        else {
            Issue.record("an unknown region was accepted")
            return
        }
        #expect(problem.variables == [SendGridConnector.regionVariable])
        guard case .failure(let missing) = SendGridConnector.make(context: ConnectorContext(environment: [:], redactor: redactor)) else {
            Issue.record("a connector was made without a key")
            return
        }
        #expect(missing.variables == ["SENDGRID_API_KEY"])
    }

    @Test func refreshAndApplyRefuseAsReadOnly() async throws {
        let bed = try SendGridTestbed()
        let change = Change(
            id: ChangeID("sendgrid.domain.create.mail")!, description: "create", risk: .low, before: .null, after: .null,
            observed: PlanDigest.of(JSONValue.null))
        let refreshed = try await bed.connector().refresh(RefreshRequest(change: change))
        #expect(refreshed == .failed(SendGridConnectorError.readOnly(change.id).diagnostic))
        let applied = try await bed.connector().apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "")) }))
        #expect(applied == .failed(SendGridConnectorError.readOnly(change.id).diagnostic))
        #expect(bed.requestLines.isEmpty)
    }

    @Test func theKeyReachesNoCheckPlanFileOrError() async throws {
        let bed = try SendGridTestbed()
        let key = SendGridTestbed.key
        try await bed.createSender("noreply@autorisen.com", verify: true)
        try await bed.script([
            "method": "GET", "path": "/sendgrid/v3/whitelabel/domains",
            "responses": [["status": 400, "body": ["errors": [["field": "Authorization", "message": .string("bad key \(key) (Bearer \(key))")]]]]],
        ])
        let plan = await bed.plan(.autorisen)
        let domains = try Self.check(plan, "sendgrid.domains")
        #expect(domains.status == .error)
        #expect(domains.message.contains("[REDACTED]"))
        var everything = PlanFile.encode(plan) + bed.requestLines.joined(separator: "\n")
        for check in plan.checks { everything += check.id + check.name + check.message + (check.suggestedAction ?? "") }
        #expect(!everything.contains(key))
        #expect(!everything.contains("CANARYsendgridSecretPart"))
        #expect(!everything.contains("CANARYsendgridKeyId"))
    }
}
