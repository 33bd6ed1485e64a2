import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The PostHog emulator: personal-key auth, drf-exceptions-hog errors, projects with their key.
@Suite("PostHog emulator")
struct PostHogEmulatorTests {
    static let key = "phx_emulatortest0123456789abcdefghijklmnopqrstu"

    private func call(_ harness: SandboxHarness, _ method: String, _ path: String, body: JSONValue? = nil, key: String? = PostHogEmulatorTests.key) throws -> RawResponse {
        var headers = [("Content-Type", "application/json")]
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        return try harness.request(method, "/posthog" + path, headers: headers, body: body)
    }

    @Test func credentialsAreRefusedInPostHogsEnvelope() throws {
        let harness = try SandboxHarness(emulators: [PostHogEmulator()])
        let missing = try call(harness, "GET", "/api/projects/@current/", key: nil)
        #expect(missing.status == 401)
        #expect(try missing.json() == ["type": "authentication_error", "code": "not_authenticated", "detail": "Authentication credentials were not provided.", "attr": .null])
        let wrong = try call(harness, "GET", "/api/projects/@current/", key: "phc_projectkeyisnotpersonal000000000000000000")
        #expect(wrong.status == 401)
        #expect(try wrong.json()["detail"] == "Invalid personal API key.")
    }

    @Test func projectsAreCreatedAndReadByIDOrAsCurrent() throws {
        let harness = try SandboxHarness(emulators: [PostHogEmulator(options: .init(forbiddenProjects: [Self.key: [2]]))])
        let first = try call(harness, "POST", "/api/projects/", body: ["name": "Acme"])
        #expect(first.status == 201)
        let token = try #require(try first.json()["api_token"]?.stringValue)
        #expect(token.hasPrefix("phc_") && token.count == 47)
        _ = try call(harness, "POST", "/api/projects/", body: ["name": "Other"])
        #expect(try call(harness, "GET", "/api/projects/@current/").json()["api_token"]?.stringValue == token)
        #expect(try call(harness, "GET", "/api/projects/1/").json()["name"] == "Acme")
        #expect(try call(harness, "GET", "/api/projects/2/").status == 403)
        let absent = try call(harness, "GET", "/api/projects/99/")
        #expect(absent.status == 404)
        #expect(try absent.json()["code"] == "not_found")
        let state = try JSONParser.parse(try harness.request("GET", "/_sandbox/state", headers: []).body)
        #expect(!JSONWriter.canonical(state).contains(Self.key))
    }

    @Test func theExampleStateSeedsASlackChannelWithTheBotAndAPostHogProject() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let copy = directory.file("state.json")
        try FileManager.default.copyItem(atPath: "\(repositoryRoot())/examples/sandbox-state.json", toPath: copy)
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: copy))
        let project = try call(harness, "GET", "/api/projects/@current/").json()
        #expect(project["name"] == "Autorisen")
        let channel = try harness.request(
            "POST", "/slack/api/conversations.info",
            headers: [("Authorization", "Bearer xoxb-demo-1234-abcdef"), ("Content-Type", "application/x-www-form-urlencoded")],
            rawBody: Array("channel=C0000000001".utf8)
        ).json()
        #expect(channel["channel"]?["name"] == "ops-approvals")
        #expect(channel["channel"]?["is_member"] == true)
    }
}
