import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

@Suite("Vercel emulator: environment variables")
struct VercelEnvEmulatorTests {
    @Test("a single create answers 201 with the object under created and an empty failed list")
    func createOne() throws {
        let harness = try SandboxHarness.vercel()
        let response = try harness.vercel("POST", "/v10/projects/app/env", [
            "key": "API_URL", "value": "https://api.example.com", "type": "plain", "target": ["production", "preview"],
        ])
        #expect(response.status == 201)
        let body = try response.json()
        #expect(body["failed"] == [])
        let created = try #require(body["created"])
        #expect(created["key"] == "API_URL")
        #expect(created["target"] == ["production", "preview"])
        #expect(created["id"]?.stringValue?.hasPrefix("env_") == true)
        #expect(created["value"] == "https://api.example.com")
    }

    @Test("the listing has envs and pagination; encrypted values are ciphertext, sensitive ones empty")
    func listing() throws {
        let harness = try SandboxHarness.vercel()
        try harness.createEnv("app", key: "PLAIN", value: "plain-value", type: "plain", targets: ["development"])
        try harness.createEnv("app", key: "SECRET", value: "encrypted-value", type: "encrypted", targets: ["production"])
        try harness.createEnv("app", key: "TOKEN", value: "sensitive-value", type: "sensitive", targets: ["production"])
        let response = try harness.vercel("GET", "/v10/projects/app/env")
        #expect(response.status == 200)
        let body = try response.json()
        let envs = try #require(body["envs"]?.arrayValue)
        #expect(envs.compactMap { $0["key"]?.stringValue } == ["TOKEN", "SECRET", "PLAIN"])
        #expect(body["pagination"] == ["count": 3, "next": nil, "prev": nil])
        #expect(envs[0]["value"] == "")
        #expect(envs[1]["value"]?.stringValue?.hasPrefix("sbx1:") == true)
        #expect(envs[2]["value"] == "plain-value")
        #expect(!response.text.contains("encrypted-value"))
        #expect(!response.text.contains("sensitive-value"))
    }

    @Test("the decrypted read returns encrypted values in plain text, never sensitive ones")
    func decryptedRead() throws {
        let harness = try SandboxHarness.vercel()
        let secret = try harness.createEnv("app", key: "SECRET", value: "encrypted-value", type: "encrypted", targets: ["production"])
        let token = try harness.createEnv("app", key: "TOKEN", value: "sensitive-value", type: "sensitive", targets: ["production"])
        let decrypted = try harness.vercel("GET", "/v1/projects/app/env/\(secret)").json()
        #expect(decrypted["value"] == "encrypted-value")
        #expect(decrypted["decrypted"] == true)
        let sensitive = try harness.vercel("GET", "/v1/projects/app/env/\(token)")
        #expect(try sensitive.json()["value"] == "")
        #expect(try sensitive.json()["decrypted"] == false)
        #expect(!sensitive.text.contains("sensitive-value"))

        let omitting = try SandboxHarness.vercel(options: .init(sensitiveValue: .omitted))
        let id = try omitting.createEnv("app", key: "TOKEN", value: "sensitive-value", type: "sensitive", targets: ["production"])
        #expect(try omitting.vercel("GET", "/v1/projects/app/env/\(id)").json()["value"] == nil)
        #expect(try harness.vercel("GET", "/v1/projects/app/env/env_missing").status == 404)
    }

    @Test("a duplicate is 403 ENV_ALREADY_EXISTS; with upsert=true the same targets take the new value")
    func duplicatesAndUpsert() throws {
        let harness = try SandboxHarness.vercel()
        let id = try harness.createEnv("app", key: "K", value: "one-value", type: "encrypted", targets: ["production", "preview"])
        let duplicate = try harness.vercel("POST", "/v10/projects/app/env", ["key": "K", "value": "two", "type": "encrypted", "target": ["preview"]])
        #expect(duplicate.status == 403)
        let error = try #require(try duplicate.json()["error"])
        #expect(error["code"] == "ENV_ALREADY_EXISTS")
        #expect(error["message"] == "A variable with the name `K` already exists for the target preview")
        #expect(error["envVarId"]?.stringValue == id)

        let upsert = try harness.vercel("POST", "/v10/projects/app/env?upsert=true", [
            "key": "K", "value": "two-value", "type": "encrypted", "target": ["preview", "production"],
        ])
        #expect(upsert.status == 201)
        #expect(try upsert.json()["created"]?["id"]?.stringValue == id)
        #expect(try harness.vercel("GET", "/v1/projects/app/env/\(id)").json()["value"] == "two-value")

        let partial = try harness.vercel("POST", "/v10/projects/app/env?upsert=true", ["key": "K", "value": "x", "type": "encrypted", "target": ["preview"]])
        #expect(partial.status == 400)
        #expect(try partial.json()["error"]?["code"] == "ENV_CONFLICT")
    }

    @Test("an array body creates what it can and lists the clashes under failed")
    func arrayBody() throws {
        let harness = try SandboxHarness.vercel()
        try harness.createEnv("app", key: "A", value: "first-value", type: "plain", targets: ["production"])
        let response = try harness.vercel("POST", "/v10/projects/app/env", [
            ["key": "A", "value": "again", "type": "plain", "target": ["production"]],
            ["key": "B", "value": "b-value", "type": "plain", "target": ["production"]],
        ])
        #expect(response.status == 201)
        let body = try response.json()
        #expect(body["created"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["B"])
        #expect(body["failed"]?.arrayValue?.count == 1)
        #expect(body["failed"]?.arrayValue?.first?["error"]?["key"] == "A")
    }

    @Test("bodies the description refuses get 400 bad_request", arguments: [
        #"{"key":"K","type":"plain","target":["production"]}"#,
        #"{"key":"K","value":"v","type":"plain"}"#,
        #"{"key":"K","value":"v","type":"weird","target":["production"]}"#,
        #"{"key":"1K","value":"v","type":"plain","target":["production"]}"#,
        #"{"key":"K","value":"v","type":"plain","target":["staging"]}"#,
        #"{"key":"K","value":"v","type":"sensitive","target":["development"]}"#,
        #"[]"#,
        #"not json"#,
    ])
    func badBodies(body: String) throws {
        let harness = try SandboxHarness.vercel()
        let response = try harness.request("POST", "/vercel/v10/projects/app/env", headers: SandboxHarness.vercelHeaders, rawBody: Array(body.utf8))
        #expect(response.status == 400)
        #expect(try response.json()["error"]?["code"] == "bad_request")
    }

    @Test("PATCH edits targets, type and value and moves updatedAt; clashes and unknown members are 400")
    func edit() throws {
        let harness = try SandboxHarness.vercel()
        let id = try harness.createEnv("app", key: "K", value: "old-value", type: "plain", targets: ["production"])
        try harness.createEnv("app", key: "K", value: "dev-value", type: "plain", targets: ["development"])
        let before = try harness.vercel("GET", "/v1/projects/app/env/\(id)").json()
        let edited = try harness.vercel("PATCH", "/v9/projects/app/env/\(id)", ["target": ["production", "preview"], "type": "encrypted", "value": "new-value"])
        #expect(edited.status == 200)
        let body = try edited.json()
        #expect(body["target"] == ["production", "preview"])
        #expect(body["type"] == "encrypted")
        #expect(body["value"]?.stringValue?.hasPrefix("sbx1:") == true)
        #expect((body["updatedAt"]?.intValue ?? 0) > (before["updatedAt"]?.intValue ?? .max))
        #expect(try harness.vercel("GET", "/v1/projects/app/env/\(id)").json()["value"] == "new-value")

        let clash = try harness.vercel("PATCH", "/v9/projects/app/env/\(id)", ["target": ["development"]])
        #expect(clash.status == 400)
        #expect(try clash.json()["error"]?["code"] == "ENV_CONFLICT")
        let unknown = try harness.vercel("PATCH", "/v9/projects/app/env/\(id)", ["targets": ["preview"]])
        #expect(unknown.status == 400)
        #expect(try unknown.json()["error"]?["message"] == "Invalid request: should NOT have additional property `targets`.")
        #expect(try harness.vercel("PATCH", "/v9/projects/app/env/env_nope", ["value": "x"]).status == 404)
    }

    @Test("DELETE returns the removed variable; the batch delete counts what it removed")
    func deletes() throws {
        let harness = try SandboxHarness.vercel()
        let one = try harness.createEnv("app", key: "A", value: "a-value", type: "plain", targets: ["production"])
        let two = try harness.createEnv("app", key: "B", value: "b-value", type: "plain", targets: ["production"])
        let removed = try harness.vercel("DELETE", "/v9/projects/app/env/\(one)")
        #expect(removed.status == 200)
        #expect(try removed.json()["key"] == "A")
        let batch = try harness.vercel("DELETE", "/v1/projects/app/env", ["ids": [.string(two), "env_unknown"]])
        #expect(try batch.json() == ["deleted": 1, "ids": [.string(two)]])
        #expect(try harness.vercel("GET", "/v10/projects/app/env").json()["envs"] == [])
    }

    @Test("with a limit the listing pages by createdAt through until")
    func paging() throws {
        let harness = try SandboxHarness.vercel()
        for index in 0..<5 {
            try harness.createEnv("app", key: "K\(index)", value: "value-\(index)", type: "plain", targets: ["production"])
        }
        var keys: [String] = []
        var query = "?limit=2"
        for _ in 0..<5 {
            let body = try harness.vercel("GET", "/v10/projects/app/env\(query)").json()
            keys += body["envs"]?.arrayValue?.compactMap { $0["key"]?.stringValue } ?? []
            guard let next = body["pagination"]?["next"]?.intValue else { break }
            query = "?limit=2&until=\(next)"
        }
        #expect(keys == ["K4", "K3", "K2", "K1", "K0"])
    }

    @Test("teamId scopes projects: the same id without it is another, empty project")
    func teams() throws {
        let harness = try SandboxHarness.vercel()
        try harness.createEnv("app", key: "TEAM_ONLY", value: "team-value", type: "plain", targets: ["production"], query: "?teamId=team_abc")
        let team = try harness.vercel("GET", "/v10/projects/app/env?teamId=team_abc").json()
        #expect(team["envs"]?.arrayValue?.count == 1)
        let personal = try harness.vercel("GET", "/v10/projects/app/env").json()
        #expect(personal["envs"] == [])
        #expect(try harness.vercel("GET", "/v9/projects/app?teamId=team_abc").json()["accountId"] == "team_abc")
    }
}
