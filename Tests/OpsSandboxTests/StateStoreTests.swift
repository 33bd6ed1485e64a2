import Foundation
import Glibc
import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Sandbox state: one JSON document, saved atomically, reloaded")
struct StateStoreTests {
    @Test("changes are saved to the state file (mode 0600) and a new server reloads them")
    func persistAndReload() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        #expect(!FileManager.default.fileExists(atPath: file))

        do {
            let harness = try SandboxHarness(SandboxConfiguration(stateFile: file))
            #expect(try harness.request("GET", "/github/repos/acme/app/labels").json() == [])
            #expect(!FileManager.default.fileExists(atPath: file), "reads must not write")
            #expect(try harness.request("POST", "/github/repos/acme/app/labels", body: ["name": "ops", "color": "000000"]).status == 201)
            #expect(try harness.request("PUT", "/github/repos/acme/app/branches/main/protection", body: [
                "required_status_checks": ["strict": true, "contexts": ["ci"]], "enforce_admins": true,
                "required_pull_request_reviews": nil, "restrictions": nil,
            ]).status == 200)
        }

        var status = stat()
        #expect(stat(file, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(saved["github"]?["repos"]?["acme/app"]?["labels"]?.arrayValue?.first?["name"] == "ops")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["state.json"], "no temporary files are left behind")

        let reloaded = try SandboxHarness(SandboxConfiguration(stateFile: file))
        let labels = try reloaded.request("GET", "/github/repos/ACME/APP/labels").json()
        #expect(labels.arrayValue?.map { $0["name"] } == ["ops"])
        let protection = try reloaded.request("GET", "/github/repos/acme/app/branches/main/protection").json()
        #expect(protection["required_status_checks"]?["contexts"] == ["ci"])
    }

    @Test("a corrupt state file is a startup error naming the file, line and column")
    func corruptFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        try Data("{\n  \"github\": {\n    \"repos\": [1,,2]\n  }\n}\n".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try SandboxServer(configuration: SandboxConfiguration(stateFile: file))
            Issue.record("a corrupt file must be refused")
        } catch let error as SandboxStateError {
            #expect(error.message.contains(file))
            #expect(error.message.contains("line 3, column"))
            let diagnostic = error.diagnostic
            #expect(diagnostic.location?.file == file)
            #expect(diagnostic.location?.line == 3)
            #expect(diagnostic.location?.column == 17)
            #expect(diagnostic.hint != nil)
        }
    }

    @Test(
        "a state file of the wrong shape names the member at fault",
        arguments: [
            (#"[1]"#, "must hold one JSON object"),
            (#"{"github": 5}"#, "github section"),
            (#"{"github": {"repos": {"acme/app": {"labels": [{"name": "a", "color": 7}]}}}}"#, #"repos["acme/app"].labels[0].color"#),
            (#"{"github": {"repos": {"acme": {}}}}"#, "owner/name"),
            (#"{"github": {"repos": {"a/b": {"labels": [{"name": "x"}, {"name": "X"}]}}}}"#, "already listed"),
            (#"{"github": {"repos": {"a/b": {"refs": {"heads/main": "abc"}}}}}"#, "not under commits"),
        ]
    )
    func invalidShape(text: String, fragment: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try SandboxServer(configuration: SandboxConfiguration(stateFile: file))
            Issue.record("\(text) must be refused")
        } catch let error as SandboxStateError {
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.message.contains(file))
        }
    }

    @Test("a state file in a missing directory is refused at startup; an empty file is an empty state")
    func missingDirectoryAndEmptyFile() throws {
        #expect(throws: SandboxStateError.self) {
            try SandboxServer(configuration: SandboxConfiguration(stateFile: "/nonexistent-\(UUID().uuidString)/state.json"))
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("empty.json")
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: file))
        #expect(try harness.request("GET", "/github/repos/a/b/labels").status == 200)
    }

    @Test("sections of scopes no emulator claims survive a save")
    func unknownSectionsSurvive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("state.json")
        try Data(#"{"vercel": {"projects": {"p": {"env": []}}}}"#.utf8).write(to: URL(fileURLWithPath: file))
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: file))
        _ = try harness.request("POST", "/github/repos/a/b/labels", body: ["name": "x"])
        let saved = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(saved["vercel"] == ["projects": ["p": ["env": []]]])
        #expect(saved["github"] != nil)
    }

    @Test("the example state seeds acme/autorisen with a mis-coloured security label and an unprotected main")
    func exampleState() throws {
        let example = "\(repositoryRoot())/examples/sandbox-state.json"
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let copy = directory.file("state.json")
        try FileManager.default.copyItem(atPath: example, toPath: copy)
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: copy))
        let labels = try harness.request("GET", "/github/repos/acme/autorisen/labels").json().arrayValue ?? []
        let security = try #require(labels.first { $0["name"] == "security" })
        #expect(security["color"] != "d73a4a")
        #expect(labels.count >= 3)
        let protection = try harness.request("GET", "/github/repos/acme/autorisen/branches/main/protection")
        #expect(protection.status == 404)
        #expect(try protection.json()["message"] == "Branch not protected")
    }

    @Test("GET /_sandbox/state shows the document")
    func controlState() throws {
        let harness = try SandboxHarness()
        _ = try harness.request("POST", "/github/repos/a/b/labels", body: ["name": "x"])
        let document = try harness.request("GET", "/_sandbox/state", headers: []).json()
        #expect(document["github"]?["repos"]?["a/b"]?["labels"]?.arrayValue?.count == 1)
    }

    @Test("concurrent writers all land: mutations are serialised")
    func concurrentWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let harness = try SandboxHarness(SandboxConfiguration(stateFile: directory.file("state.json")))
        let connections = try (0..<20).map { _ in try RawHTTPConnection(port: harness.port) }
        for (index, connection) in connections.enumerated() {
            try connection.send(method: "POST", path: "/github/repos/a/b/labels", headers: SandboxHarness.githubHeaders, body: JSONWriter.canonicalBytes(["name": .string("l\(index)")]))
        }
        for connection in connections { #expect(try connection.readResponse().status == 201) }
        let labels = try harness.request("GET", "/github/repos/a/b/labels?per_page=100").json().arrayValue ?? []
        #expect(labels.count == 20)
        #expect(Set(labels.compactMap { $0["id"]?.intValue }).count == 20)
        let reloaded = try SandboxStateStore(file: directory.file("state.json"))
        #expect(reloaded.document()["github"]?["repos"]?["a/b"]?["labels"]?.arrayValue?.count == 20)
    }
}
