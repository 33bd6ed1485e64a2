import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The Heroku emulator: bearer auth with Heroku's 401s, config vars whose changes make
/// releases, Range pagination with 206, add-ons and formation set through Heroku's own writes.
@Suite("Heroku emulator")
struct HerokuEmulatorTests {
    static let token = "heroku-emulator-test-token"

    private func call(
        _ harness: SandboxHarness, _ method: String, _ path: String, body: JSONValue? = nil, token: String? = HerokuEmulatorTests.token,
        range: String? = nil
    ) throws -> RawResponse {
        var headers = [("Content-Type", "application/json"), ("Accept", "application/vnd.heroku+json; version=3")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if let range { headers.append(("Range", range)) }
        return try harness.request(method, "/heroku" + path, headers: headers, body: body)
    }

    @Test func credentialsAreRefusedWithHerokusUnauthorizedBody() throws {
        let harness = try SandboxHarness(emulators: [HerokuEmulator(revokedTokens: ["revoked-token"])])
        let missing = try call(harness, "GET", "/apps/autorisen/config-vars", token: nil)
        #expect(missing.status == 401)
        #expect(try missing.json()["id"] == "unauthorized")
        #expect(try missing.json()["message"]?.stringValue?.hasPrefix("There were no credentials in your `Authorization` header.") == true)
        let revoked = try call(harness, "GET", "/apps/autorisen/config-vars", token: "revoked-token")
        #expect(revoked.status == 401)
        #expect(try revoked.json() == ["id": "unauthorized", "message": "Invalid credentials provided."])
    }

    @Test func aConfigChangeMakesAReleaseDescribingIt() throws {
        let harness = try SandboxHarness(emulators: [HerokuEmulator()])
        let set = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["FOO": "one", "BAR": "two"])
        #expect(set.status == 200)
        #expect(try set.json() == ["FOO": "one", "BAR": "two"])
        #expect(set.headers["RateLimit-Remaining"] == "4499")
        let removed = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["BAR": .null, "FOO": "one"])
        #expect(try removed.json() == ["FOO": "one"])
        #expect(removed.headers["RateLimit-Remaining"] == "4498")
        _ = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["FOO": "one"])

        let releases = try call(harness, "GET", "/apps/autorisen/releases").json().arrayValue ?? []
        #expect(releases.compactMap { $0["description"]?.stringValue } == ["Set BAR, FOO config vars", "Remove BAR config vars"])
        #expect(releases.compactMap { $0["version"]?.intValue } == [1, 2])
        #expect(releases.last?["current"] == true)
        #expect(releases.last?["user"]?["email"] == "sandbox@example.com")
        #expect(releases.last?["created_at"]?.stringValue?.hasSuffix("Z") == true)

        let refused = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["BAD-NAME": "x"])
        #expect(refused.status == 422)
        #expect(try refused.json()["id"] == "invalid_params")
        let notAValue = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["FOO": 3])
        #expect(notAValue.status == 422)
    }

    @Test func listsArePagedByRangeWith206AndNextRange() throws {
        let harness = try SandboxHarness(emulators: [HerokuEmulator()])
        for index in 1...5 { _ = try call(harness, "PATCH", "/apps/paged-app/config-vars", body: ["KEY_\(index)": "v"]) }
        let first = try call(harness, "GET", "/apps/paged-app/releases", range: "version ..; max=2, order=desc")
        #expect(first.status == 206)
        #expect(try first.json().arrayValue?.compactMap { $0["version"]?.intValue } == [5, 4])
        let next = try #require(first.headers["Next-Range"])
        #expect(next == "version ]4..; max=2, order=desc")
        let second = try call(harness, "GET", "/apps/paged-app/releases", range: next)
        #expect(try second.json().arrayValue?.compactMap { $0["version"]?.intValue } == [3, 2])
        let secondNext = try #require(second.headers["Next-Range"])
        let last = try call(harness, "GET", "/apps/paged-app/releases", range: secondNext)
        #expect(last.status == 200)
        #expect(last.headers["Next-Range"] == nil)
        #expect(try last.json().arrayValue?.compactMap { $0["version"]?.intValue } == [1])
        let bad = try call(harness, "GET", "/apps/paged-app/releases", range: "colour ..")
        #expect(bad.status == 400)
        #expect(try bad.json()["id"] == "bad_request")
    }

    @Test func formationAndAddOnsAreSetThroughHerokusWrites() throws {
        let harness = try SandboxHarness(emulators: [HerokuEmulator()])
        let scaled = try call(harness, "PATCH", "/apps/autorisen/formation", body: ["updates": [["type": "web", "quantity": 2, "size": "Standard-1X"]]])
        #expect(scaled.status == 200)
        let formation = try call(harness, "GET", "/apps/autorisen/formation").json().arrayValue ?? []
        #expect(formation.count == 1)
        #expect(formation.first?["quantity"] == 2)
        #expect(formation.first?["dyno_size"]?["name"] == "Standard-1X")

        let database = try call(harness, "POST", "/apps/autorisen/addons", body: ["plan": "heroku-postgresql:essential-0", "name": "postgresql-main"])
        #expect(database.status == 201)
        #expect(try database.json()["state"] == "provisioned")
        #expect(try database.json()["plan"]?["name"] == "heroku-postgresql:essential-0")
        #expect(try database.json()["addon_service"]?["name"] == "heroku-postgresql")
        _ = try call(harness, "POST", "/apps/autorisen/addons", body: ["plan": "heroku-redis:mini", "name": "redis-cache", "config": ["sandbox_state": "provisioning"]])
        let addons = try call(harness, "GET", "/apps/autorisen/addons").json().arrayValue ?? []
        #expect(addons.compactMap { $0["state"]?.stringValue } == ["provisioned", "provisioning"])
        let releases = try call(harness, "GET", "/apps/autorisen/releases").json().arrayValue ?? []
        #expect(releases.compactMap { $0["description"]?.stringValue } == ["Attach postgresql-main (@ref:postgresql-main)", "Attach redis-cache (@ref:redis-cache)"])
    }

    @Test func injectedThrottlingIsHerokusRateLimitAnswer() throws {
        let emulator = HerokuEmulator()
        let response = emulator.errorResponse(.injected(status: 429), for: EmulatorRequest(
            method: "GET", path: "/apps/x/config-vars", query: QueryParameters(parsing: ""), headers: HTTPHeaders(), body: [],
            mountURL: "http://127.0.0.1/heroku", original: HTTPRequest(method: "GET", target: "/heroku/apps/x/config-vars")))
        #expect(response.status == 429)
        #expect(response.headers["RateLimit-Remaining"] == "0")
        #expect(try JSONParser.parse(response.body)["id"] == "rate_limit")
    }

    @Test func stateSurvivesARestartThroughTheStateFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        do {
            let harness = try SandboxHarness(SandboxConfiguration(stateFile: file), emulators: [HerokuEmulator()])
            _ = try call(harness, "PATCH", "/apps/autorisen/config-vars", body: ["FOO": "kept"])
        }
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: file), emulators: [HerokuEmulator()])
        #expect(try call(harness, "GET", "/apps/autorisen/config-vars").json() == ["FOO": "kept"])
        let state = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        #expect(!state.contains(Self.token))
    }
}
