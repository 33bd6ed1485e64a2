import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The Heroku client and the read-only platform snapshot, against the sandbox on loopback.
@Suite("Heroku connector")
struct HerokuConnectorTests {
    @Test func listsFollowNextRangeToTheEnd() async throws {
        let testbed = try HerokuTestbed()
        for name in ["cache", "database", "search"] {
            try await testbed.heroku("POST", "/apps/autorisen/addons", ["plan": "heroku-postgresql:essential-0", "name": .string(name)])
        }
        let api = try testbed.api(pageSize: 2)
        let addons = try await api.addons(app: "autorisen")
        #expect(addons.map(\.name) == ["cache", "database", "search"])
        #expect(api.metrics.snapshot().requests == 2)
    }

    @Test func configVarsAreReadAndPatchedWithNullDeleting() async throws {
        let testbed = try HerokuTestbed()
        let api = try testbed.api()
        _ = try await api.updateConfigVars(app: "autorisen", changes: ["KEEP": "one", "DROP": "two"])
        let deletion: [String: String?] = ["DROP": nil]
        let after = try await api.updateConfigVars(app: "autorisen", changes: deletion)
        #expect(after == ["KEEP": "one"])
        #expect(try await api.configVars(app: "autorisen") == ["KEEP": "one"])
    }

    @Test func anErrorBodyBecomesOneSentenceNamingTheRequest() async throws {
        let testbed = try HerokuTestbed()
        let api = try testbed.api()
        do {
            _ = try await api.updateConfigVars(app: "autorisen", changes: ["BAD-NAME": "x"])
            Issue.record("a refused PATCH must throw")
        } catch let error as HTTPClientError {
            let message = error.diagnostic.message
            #expect(message.contains("Heroku PATCH /apps/autorisen/config-vars failed with 422"))
            #expect(message.contains("Invalid config var name: BAD-NAME"))
        }
    }

    @Test func theSnapshotReportsReleaseFormationAddOnsAndHealth() async throws {
        let testbed = try HerokuTestbed()
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", ["SENTRY_DSN": "https://sentry.example/1"])
        try await testbed.heroku("PATCH", "/apps/autorisen/formation", ["updates": [["type": "web", "quantity": 2, "size": "Basic"], ["type": "worker", "quantity": 1, "size": "Basic"]]])
        try await testbed.heroku("POST", "/apps/autorisen/addons", ["plan": "heroku-postgresql:essential-0", "name": "postgresql-main"])
        try await testbed.heroku("POST", "/apps/autorisen/addons", ["plan": "heroku-redis:mini", "name": "redis-cache", "config": ["sandbox_state": "provisioning"]])

        let desired = DesiredState(heroku: HerokuConfig(apps: [
            HerokuApp(name: "autorisen", healthCheck: testbed.baseURL + "/_sandbox/health",
                      formation: [HerokuProcessType(type: "web", quantity: 1, size: "basic")]),
            HerokuApp(name: "autorisen-down", healthCheck: testbed.baseURL + "/_sandbox/nothing-here"),
        ]))
        let plan = await testbed.plan(desired, context: testbed.context(), scopes: [.heroku])
        let byID = Dictionary(plan.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        let release = try #require(byID["heroku.release.autorisen"])
        #expect(release.status == .pass)
        #expect(release.message.hasPrefix("autorisen runs v3, released 20"))
        #expect(release.message.hasSuffix("by sandbox@example.com (Attach redis-cache (@ref:redis-cache))"))
        let web = try #require(byID["heroku.formation.autorisen.web"])
        #expect(web.status == .fail)
        #expect(web.message == "autorisen web: quantity is 2, declared 1")
        #expect(web.suggestedAction == "run 'heroku ps:scale web=1:basic -a autorisen', or change the declared formation")
        #expect(byID["heroku.formation.autorisen.worker"]?.message == "autorisen also runs worker at 1 × Basic (not declared)")
        #expect(byID["heroku.addon.autorisen.postgresql-main"]?.status == .pass)
        let redis = try #require(byID["heroku.addon.autorisen.redis-cache"])
        #expect(redis.status == .warning)
        #expect(redis.message == "redis-cache (heroku-redis:mini) on autorisen is provisioning, not provisioned")
        #expect(byID["heroku.health.autorisen"]?.status == .pass)
        #expect(byID["heroku.health.autorisen-down"]?.status == .fail)
        #expect(byID["heroku.health.autorisen-down"]?.message.contains("answered 404, not 2xx") == true)
        #expect(byID["heroku.release.autorisen-down"]?.status == .warning)
    }

    @Test func aMissingAPIKeyIsOneErrorCheckNamingIt() async throws {
        let testbed = try HerokuTestbed()
        let plan = await testbed.plan(DesiredState(heroku: HerokuConfig(apps: [HerokuApp(name: "autorisen")])),
                                      context: testbed.context(herokuKey: nil), scopes: [.heroku])
        let errors = plan.checks.filter { $0.status == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("HEROKU_API_KEY is not set") == true)
    }
}

/// Which config var values the redactor learns when the client reads them.
@Suite("Heroku config var redaction")
struct HerokuConfigVarRedactionTests {
    @Test func valuesAreRegisteredButAPlainSettingWordIsNot() async throws {
        let testbed = try HerokuTestbed()
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", ["NODE_ENV": "production", "API_TOKEN": "CANARY-token-value-abcdef123"])
        let api = try testbed.api()
        _ = try await api.configVars(app: "autorisen")
        #expect(testbed.redactor.redact("deploy to production with CANARY-token-value-abcdef123") == "deploy to production with [REDACTED]")
    }
}

/// Heroku's 429: an empty bucket with `RateLimit-Remaining: 0` and no `Retry-After`.
@Suite("Heroku rate limits")
struct HerokuRateLimitTests {
    @Test func aThrottledReadWaitsForTheBucketThenSucceeds() async throws {
        let testbed = try HerokuTestbed()
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", ["FOO": "bar"])
        let control = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: testbed.baseURL)!))
        _ = try await control.send(.json("POST", "/_sandbox/faults", body: [
            "path": "/heroku/apps/autorisen/config-vars", "method": "GET", "responses": [["status": 429]],
        ]))
        var configuration = ServiceHTTPConfiguration.heroku(baseURL: URL(string: testbed.baseURL + "/heroku")!, token: HerokuTestbed.token)
        configuration.rateLimits = RateLimitPolicy(vendor: HerokuRateLimits(refillWait: .milliseconds(40)))
        let clock = RecordingHTTPClock()
        let api = HerokuAPI(client: ServiceHTTPClient(configuration: configuration, clock: clock))
        #expect(try await api.configVars(app: "autorisen") == ["FOO": "bar"])
        #expect(clock.sleeps == [.milliseconds(40)])
        #expect(api.metrics.snapshot().throttled == 1)
    }
}
