import Foundation
import OpsCore
import Testing
@testable import OpsSandbox

@Suite("GitHub emulator: refs, contents and pull requests")
struct GitHubPullRequestFlowTests {
    let repo = "/github/repos/acme/app"

    private func base64(_ text: String) -> JSONValue {
        .string(Data(text.utf8).base64EncodedString())
    }

    @Test("branch, commit a migration and open a pull request, as the Supabase flow will")
    func fullFlow() throws {
        let harness = try SandboxHarness()
        let repository = try harness.request("GET", repo).json()
        let baseBranch = try #require(repository["default_branch"]?.stringValue)
        #expect(baseBranch == "main")

        let ref = try harness.request("GET", "\(repo)/git/ref/heads/\(baseBranch)")
        #expect(ref.status == 200)
        let refJSON = try ref.json()
        #expect(refJSON["ref"] == "refs/heads/main")
        #expect(refJSON["object"]?["type"] == "commit")
        let baseSHA = try #require(refJSON["object"]?["sha"]?.stringValue)
        #expect(baseSHA.count == 40)

        let created = try harness.request("POST", "\(repo)/git/refs", body: ["ref": "refs/heads/opsctl/fix-1", "sha": .string(baseSHA)])
        #expect(created.status == 201)
        #expect(created.headers["Location"] == "\(harness.baseURL)\(repo)/git/refs/heads/opsctl/fix-1")
        let again = try harness.request("POST", "\(repo)/git/refs", body: ["ref": "refs/heads/opsctl/fix-1", "sha": .string(baseSHA)])
        #expect(again.status == 422)
        #expect(try again.json()["message"] == "Reference already exists")

        let path = "supabase/migrations/20240101000000_rls.sql"
        let sql = "alter table profiles enable row level security;\n"
        let put = try harness.request("PUT", "\(repo)/contents/\(path)", body: [
            "message": "Add RLS migration", "content": base64(sql), "branch": "opsctl/fix-1",
            "committer": ["name": "opsctl", "email": "opsctl@example.com"],
        ])
        #expect(put.status == 201)
        let putJSON = try put.json()
        // The real git blob name: `printf 'alter table ...' | git hash-object --stdin`.
        let blobSHA = try #require(putJSON["content"]?["sha"]?.stringValue)
        #expect(blobSHA == SHA1.gitBlob(Array(sql.utf8)))
        #expect(putJSON["content"]?["path"]?.stringValue == path)
        #expect(putJSON["commit"]?["message"] == "Add RLS migration")
        #expect(putJSON["commit"]?["parents"]?.arrayValue?.first?["sha"]?.stringValue == baseSHA)

        let onBranch = try harness.request("GET", "\(repo)/contents/\(path)?ref=opsctl/fix-1")
        #expect(onBranch.status == 200)
        let file = try onBranch.json()
        #expect(file["encoding"] == "base64")
        #expect(file["sha"]?.stringValue == blobSHA)
        let content = try #require(file["content"]?.stringValue)
        #expect(Data(base64Encoded: content.filter { $0 != "\n" }).map { String(decoding: $0, as: UTF8.self) } == sql)
        #expect(try harness.request("GET", "\(repo)/contents/\(path)").status == 404)

        let directory = try harness.request("GET", "\(repo)/contents/supabase?ref=opsctl/fix-1").json()
        #expect(directory.arrayValue?.first?["type"] == "dir")
        #expect(directory.arrayValue?.first?["name"] == "migrations")

        let pull = try harness.request("POST", "\(repo)/pulls", body: [
            "title": "Enable RLS on profiles", "head": "opsctl/fix-1", "base": "main", "body": "Proposed by opsctl.",
        ])
        #expect(pull.status == 201)
        let pullJSON = try pull.json()
        #expect(pullJSON["number"] == 1)
        #expect(pullJSON["state"] == "open")
        #expect(pullJSON["title"] == "Enable RLS on profiles")
        #expect(pullJSON["body"] == "Proposed by opsctl.")
        #expect(pullJSON["head"]?["ref"] == "opsctl/fix-1")
        #expect(pullJSON["head"]?["sha"]?.stringValue == putJSON["commit"]?["sha"]?.stringValue)
        #expect(pullJSON["base"]?["ref"] == "main")
        #expect(pullJSON["base"]?["sha"]?.stringValue == baseSHA)
        #expect(pullJSON["changed_files"] == 1)
        #expect(pullJSON["commits"] == 1)
        #expect(pullJSON["html_url"]?.stringValue == "\(harness.baseURL)/github/acme/app/pull/1")
        #expect(pull.headers["Location"] == "\(harness.baseURL)\(repo)/pulls/1")

        let duplicate = try harness.request("POST", "\(repo)/pulls", body: ["title": "Again", "head": "acme:opsctl/fix-1", "base": "main"])
        #expect(duplicate.status == 422)
        #expect(try duplicate.json()["errors"]?.arrayValue?.first?["message"] == "A pull request already exists for acme:opsctl/fix-1.")

        let list = try harness.request("GET", "\(repo)/pulls?head=acme:opsctl/fix-1")
        #expect(list.status == 200)
        #expect(try list.json().arrayValue?.map { $0["number"] } == [1])
        #expect(try harness.request("GET", "\(repo)/pulls?state=closed").json() == [])
        #expect(try harness.request("GET", "\(repo)/pulls/1").json()["number"] == 1)
        #expect(try harness.request("GET", "\(repo)/pulls/2").status == 404)
    }

    @Test("updating a file needs its current blob SHA: 422 without one, 409 with a stale one")
    func updateNeedsSHA() throws {
        let harness = try SandboxHarness()
        let path = "\(repo)/contents/README.md"
        let created = try harness.request("PUT", path, body: ["message": "add", "content": base64("one")])
        #expect(created.status == 201)
        let sha = try #require(created.json()["content"]?["sha"])

        let missing = try harness.request("PUT", path, body: ["message": "edit", "content": base64("two")])
        #expect(missing.status == 422)
        #expect(try missing.json()["message"] == "Invalid request.\n\n\"sha\" wasn't supplied.")

        let stale = try harness.request("PUT", path, body: ["message": "edit", "content": base64("two"), "sha": "0000000000000000000000000000000000000000"])
        #expect(stale.status == 409)

        let updated = try harness.request("PUT", path, body: ["message": "edit", "content": base64("two"), "sha": sha])
        #expect(updated.status == 200)
        #expect(try updated.json()["content"]?["sha"]?.stringValue == SHA1.gitBlob(Array("two".utf8)))
    }

    @Test("contents PUT validates its body")
    func contentsValidation() throws {
        let harness = try SandboxHarness()
        let path = "\(repo)/contents/a.txt"
        #expect(try harness.request("PUT", path, body: ["content": base64("x")]).json()["message"] == "Invalid request.\n\n\"message\" wasn't supplied.")
        #expect(try harness.request("PUT", path, body: ["message": "m", "content": "!!!"]).status == 422)
        #expect(try harness.request("PUT", path, body: ["message": "m", "content": base64("x"), "branch": "nope"]).status == 404)
        #expect(try harness.request("PUT", path, body: ["message": "m", "content": base64("x"), "committer": ["name": "n"]]).status == 422)
    }

    @Test("refs and pulls refuse what GitHub refuses")
    func refAndPullValidation() throws {
        let harness = try SandboxHarness()
        let sha = try #require(try harness.request("GET", "\(repo)/git/ref/heads/main").json()["object"]?["sha"])
        #expect(try harness.request("GET", "\(repo)/git/ref/heads/nope").status == 404)
        #expect(try harness.request("POST", "\(repo)/git/refs", body: ["ref": "heads/x", "sha": sha]).status == 422)
        #expect(try harness.request("POST", "\(repo)/git/refs", body: ["ref": "refs/heads/x", "sha": "deadbeef"]).json()["message"] == "Object does not exist")
        #expect(try harness.request("POST", "\(repo)/git/refs", body: ["ref": "refs/heads/x"]).status == 422)

        #expect(try harness.request("POST", "\(repo)/git/refs", body: ["ref": "refs/heads/same", "sha": sha]).status == 201)
        let noCommits = try harness.request("POST", "\(repo)/pulls", body: ["title": "t", "head": "same", "base": "main"])
        #expect(noCommits.status == 422)
        #expect(try noCommits.json()["errors"]?.arrayValue?.first?["message"] == "No commits between main and same")
        let badHead = try harness.request("POST", "\(repo)/pulls", body: ["title": "t", "head": "ghost", "base": "main"])
        #expect(try badHead.json()["errors"]?.arrayValue?.first == ["resource": "PullRequest", "code": "invalid", "field": "head"])
    }
}
