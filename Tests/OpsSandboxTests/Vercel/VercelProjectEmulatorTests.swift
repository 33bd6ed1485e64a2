import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

@Suite("Vercel emulator: auth, projects, crons, state")
struct VercelProjectEmulatorTests {
    @Test("no token or another scheme is 403 forbidden by default, 401 when configured", arguments: [nil, "Bearer ", "Basic dXNlcjpwYXNz", "token-only"])
    func credentials(header: String?) throws {
        let harness = try SandboxHarness.vercel()
        let headers = header.map { [("Authorization", $0)] } ?? []
        let response = try harness.vercel("GET", "/v10/projects/app/env", headers: headers)
        #expect(response.status == 403)
        #expect(try response.json() == ["error": ["code": "forbidden", "message": "Not authorized", "invalidToken": true]])
        #expect(response.headers["X-RateLimit-Limit"] != nil)

        let strict = try SandboxHarness.vercel(options: .init(unauthenticatedStatus: 401))
        #expect(try strict.vercel("GET", "/v10/projects/app/env", headers: headers).status == 401)
    }

    @Test("every response carries X-RateLimit-* counting per token")
    func rateLimitHeaders() throws {
        let harness = try SandboxHarness.vercel()
        let first = try harness.vercel("GET", "/v9/projects/app")
        let second = try harness.vercel("GET", "/v9/nowhere")
        #expect(first.headers["X-RateLimit-Limit"] == "1000")
        #expect(first.headers["X-RateLimit-Remaining"] == "999")
        #expect(second.headers["X-RateLimit-Remaining"] == "998")
        #expect(Int(first.headers["X-RateLimit-Reset"] ?? "") != nil)
    }

    @Test("unknown routes are 404 not_found, wrong methods 405 method_unknown, in Vercel's envelope")
    func routes() throws {
        let harness = try SandboxHarness.vercel()
        let missing = try harness.vercel("GET", "/v9/projects/app/env")
        #expect(missing.status == 404)
        #expect(try missing.json()["error"]?["code"] == "not_found")
        let method = try harness.vercel("PUT", "/v10/projects/app/env", [:])
        #expect(method.status == 405)
        #expect(try method.json()["error"]?["code"] == "method_unknown")
        #expect(method.headers["Allow"] == "GET, POST")
    }

    @Test("an injected 429 carries error.limit and an exhausted X-RateLimit-Remaining")
    func injectedRateLimit() throws {
        let harness = try SandboxHarness(
            SandboxConfiguration(faults: try FaultPlan(parsing: "429:1.0")), emulators: [VercelEmulator()]
        )
        let response = try harness.vercel("GET", "/v10/projects/app/env")
        #expect(response.status == 429)
        let error = try #require(try response.json()["error"])
        #expect(error["code"] == "rate_limited")
        #expect(error["limit"]?["remaining"] == 0)
        #expect(error["limit"]?["resetMs"]?.intValue != nil)
        #expect(response.headers["X-RateLimit-Remaining"] == "0")
    }

    @Test("any project exists on first use; a read leaves no trace in the state")
    func firstUse() throws {
        let harness = try SandboxHarness.vercel()
        let project = try harness.vercel("GET", "/v9/projects/my-app").json()
        #expect(project["name"] == "my-app")
        #expect(project["id"]?.stringValue?.hasPrefix("prj_") == true)
        #expect(project["crons"] == nil)
        #expect(harness.server.state.document()["vercel"] == nil)
        #expect(try harness.vercel("GET", "/v9/projects/prj_abc").json()["id"] == "prj_abc")
    }

    static func deploy(_ harness: SandboxHarness, crons: String, target: String = "production") throws -> RawResponse {
        let vercelJSON = #"{"crons":\#(crons)}"#
        return try harness.vercel("POST", "/v13/deployments", [
            "name": "app", "target": .string(target), "files": [["file": "vercel.json", "data": .string(vercelJSON)]],
        ])
    }

    @Test("a production deployment's vercel.json sets the project's crons; a preview one does not")
    func cronsFromDeployments() throws {
        let harness = try SandboxHarness.vercel()
        let deployed = try Self.deploy(harness, crons: #"[{"path":"/api/cron/digest","schedule":"0 9 * * *"}]"#)
        #expect(deployed.status == 200)
        let deploymentID = try deployed.json()["id"]
        var crons = try #require(try harness.vercel("GET", "/v9/projects/app").json()["crons"])
        #expect(crons["definitions"] == [["host": "app.vercel.app", "path": "/api/cron/digest", "schedule": "0 9 * * *"]])
        #expect(crons["disabledAt"] == .null)
        #expect(crons["deploymentId"] == deploymentID)
        #expect(crons["enabledAt"]?.intValue != nil)

        _ = try Self.deploy(harness, crons: #"[{"path":"/api/cron/other","schedule":"0 1 * * *"}]"#, target: "preview")
        crons = try #require(try harness.vercel("GET", "/v9/projects/app").json()["crons"])
        #expect(crons["definitions"]?.arrayValue?.first?["path"] == "/api/cron/digest")

        let bad = try Self.deploy(harness, crons: #"[{"path":"api/no-slash","schedule":"0 9 * * *"}]"#)
        #expect(bad.status == 400)
        let base64 = Data(#"{"crons":[]}"#.utf8).base64EncodedString()
        let cleared = try harness.vercel("POST", "/v13/deployments", [
            "name": "app", "target": "production", "files": [["file": "vercel.json", "data": .string(base64), "encoding": "base64"]],
        ])
        #expect(cleared.status == 200)
        #expect(try harness.vercel("GET", "/v9/projects/app").json()["crons"]?["definitions"] == [])
    }

    @Test("a team's project is keyed team/id in the state file")
    func teamProjectKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        let harness = try SandboxHarness.vercel(stateFile: file)
        try harness.createEnv("prj_teamapp", key: "K", value: "team-value", type: "plain", targets: ["production"], query: "?teamId=team_abc")
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(saved["vercel"]?["projects"]?.objectValue?.keys.sorted() == ["team_abc/prj_teamapp"])
    }

    @Test("state is saved to the file and read back, and a seeded disabledAt shows in the project")
    func stateFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        do {
            let harness = try SandboxHarness.vercel(stateFile: file)
            try harness.createEnv("app", key: "KEPT", value: "kept-value", type: "encrypted", targets: ["production"])
            _ = try Self.deploy(harness, crons: #"[{"path":"/api/cron/a","schedule":"0 9 * * *"}]"#)
        }
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        let projects = try #require(saved["vercel"]?["projects"]?.objectValue)
        #expect(projects.count == 1)
        let (key, project) = try #require(projects.first)
        #expect(key.hasPrefix("prj_"))
        #expect(project["name"] == "app")
        #expect(project["envs"]?.arrayValue?.first?["key"] == "KEPT")
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self).contains("vercel-test-token"))

        // Seed a disabled cron by hand, as the dashboard would have switched it off.
        guard case .object(var document) = saved, case .object(var vercel)? = document["vercel"],
            case .object(var first) = project, case .object(var crons)? = first["crons"]
        else { Issue.record("unexpected state shape"); return }
        crons["disabledAt"] = .int(1_795_341_600_000)
        first["crons"] = .object(crons)
        vercel["projects"] = .object([key: .object(first)])
        document["vercel"] = .object(vercel)
        try Data(JSONWriter.pretty(.object(document)).utf8).write(to: URL(fileURLWithPath: file))

        let reloaded = try SandboxHarness.vercel(stateFile: file)
        #expect(try reloaded.vercel("GET", "/v9/projects/app").json()["crons"]?["disabledAt"] == 1_795_341_600_000)
        #expect(try reloaded.vercel("GET", "/v10/projects/app/env").json()["envs"]?.arrayValue?.count == 1)
    }

    @Test("a malformed vercel section is refused at start, naming the member")
    func malformedState() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        try Data(#"{"vercel":{"projects":{"team_x/prj_1":{"envs":[{"id":"env_1","key":"K","type":"weird"}]}}}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        #expect {
            _ = try SandboxHarness.vercel(stateFile: file)
        } throws: { error in
            (error as? SandboxStateError)?.message.contains(#"vercel.projects["team_x/prj_1"].envs[0].type"#) == true
        }
    }
}
