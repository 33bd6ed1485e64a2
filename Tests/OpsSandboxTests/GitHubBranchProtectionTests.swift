import OpsCore
import Testing
@testable import OpsSandbox

@Suite("GitHub emulator: classic branch protection")
struct GitHubBranchProtectionTests {
    let protection = "/github/repos/acme/app/branches/main/protection"

    static let putBody: JSONValue = [
        "required_status_checks": ["strict": true, "contexts": ["ci"], "checks": [["context": "lint", "app_id": -1]]],
        "enforce_admins": true,
        "required_pull_request_reviews": [
            "dismiss_stale_reviews": true, "require_code_owner_reviews": true, "required_approving_review_count": 2,
            "dismissal_restrictions": ["users": ["octocat"], "teams": ["core"]],
        ],
        "restrictions": nil,
        "required_linear_history": true,
        "allow_force_pushes": nil,
        "allow_deletions": false,
    ]

    @Test("an unprotected branch answers GitHub's 404 with a string status")
    func notProtected() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", protection)
        #expect(response.status == 404)
        #expect(try response.json() == [
            "message": "Branch not protected",
            "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
            "status": "404",
        ])
    }

    @Test("a branch that does not exist is 404 Branch not found")
    func missingBranch() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", "/github/repos/acme/app/branches/nope/protection")
        #expect(response.status == 404)
        #expect(try response.json()["message"] == "Branch not found")
    }

    @Test("PUT takes the PUT shape and answers, like GET, in the GET shape")
    func putThenGet() throws {
        let harness = try SandboxHarness()
        let put = try harness.request("PUT", protection, body: Self.putBody)
        #expect(put.status == 200)
        let get = try harness.request("GET", protection)
        #expect(get.status == 200)
        let body = try get.json()
        #expect(try put.json() == body)

        let url = "\(harness.baseURL)\(protection)"
        #expect(body["url"]?.stringValue == url)
        #expect(body["enforce_admins"] == ["url": .string("\(url)/enforce_admins"), "enabled": true])
        #expect(body["required_linear_history"] == ["enabled": true])
        #expect(body["allow_force_pushes"] == ["enabled": false])
        #expect(body["allow_deletions"] == ["enabled": false])
        #expect(body["required_signatures"]?["enabled"] == false)
        #expect(body["restrictions"] == nil)

        let checks = try #require(body["required_status_checks"])
        #expect(checks["strict"] == true)
        #expect(checks["contexts"] == ["lint", "ci"])
        #expect(checks["checks"] == [["context": "lint", "app_id": nil], ["context": "ci", "app_id": nil]])
        #expect(checks["contexts_url"]?.stringValue == "\(url)/required_status_checks/contexts")

        let reviews = try #require(body["required_pull_request_reviews"])
        #expect(reviews["required_approving_review_count"] == 2)
        #expect(reviews["dismiss_stale_reviews"] == true)
        #expect(reviews["require_code_owner_reviews"] == true)
        #expect(reviews["require_last_push_approval"] == false)
        let dismissal = try #require(reviews["dismissal_restrictions"])
        #expect(dismissal["users"]?.arrayValue?.first?["login"] == "octocat")
        #expect(dismissal["users"]?.arrayValue?.first?["type"] == "User")
        #expect(dismissal["teams"]?.arrayValue?.first?["slug"] == "core")
        #expect(dismissal["users_url"]?.stringValue == "\(url)/dismissal_restrictions/users")
    }

    @Test("PUT without the four required members is 422, naming them")
    func putMissingKeys() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("PUT", protection, body: ["required_status_checks": nil])
        #expect(response.status == 422)
        let json = try response.json()
        #expect(json["message"] == "Invalid request.\n\n\"enforce_admins\", \"required_pull_request_reviews\", \"restrictions\" weren't supplied.")
        #expect(json["documentation_url"] == "https://docs.github.com/rest/branches/branch-protection#update-branch-protection")
        #expect(try harness.request("GET", protection).status == 404)
    }

    @Test("PUT with the wrong types or an out-of-range review count is 422")
    func putWrongTypes() throws {
        let harness = try SandboxHarness()
        let wrongType = try harness.request("PUT", protection, body: [
            "required_status_checks": nil, "enforce_admins": "yes", "required_pull_request_reviews": nil, "restrictions": nil,
        ])
        #expect(wrongType.status == 422)
        #expect(try wrongType.json()["message"]?.stringValue?.contains("enforce_admins") == true)
        let tooMany = try harness.request("PUT", protection, body: [
            "required_status_checks": nil, "enforce_admins": nil, "required_pull_request_reviews": ["required_approving_review_count": 7],
            "restrictions": nil,
        ])
        #expect(tooMany.status == 422)
        let missingStrict = try harness.request("PUT", protection, body: [
            "required_status_checks": ["contexts": []], "enforce_admins": nil, "required_pull_request_reviews": nil, "restrictions": nil,
        ])
        #expect(try missingStrict.json()["message"] == "Invalid request.\n\n\"strict\" wasn't supplied.")
    }

    @Test("all-null PUT protects with nothing but the defaults; DELETE removes it")
    func minimalAndDelete() throws {
        let harness = try SandboxHarness()
        let put = try harness.request("PUT", protection, body: [
            "required_status_checks": nil, "enforce_admins": nil, "required_pull_request_reviews": nil, "restrictions": nil,
        ])
        #expect(put.status == 200)
        let body = try put.json()
        #expect(body["required_status_checks"] == nil)
        #expect(body["required_pull_request_reviews"] == nil)
        #expect(body["enforce_admins"]?["enabled"] == false)
        #expect(try harness.request("DELETE", protection).status == 204)
        #expect(try harness.request("GET", protection).json()["message"] == "Branch not protected")
        #expect(try harness.request("DELETE", protection).status == 404)
    }

    @Test("branch names with slashes work once the branch exists")
    func slashedBranch() throws {
        let harness = try SandboxHarness()
        let main = try harness.request("GET", "/github/repos/acme/app/git/ref/heads/main").json()
        let sha = try #require(main["object"]?["sha"])
        #expect(try harness.request("POST", "/github/repos/acme/app/git/refs", body: ["ref": "refs/heads/release/v1", "sha": sha]).status == 201)
        let put = try harness.request("PUT", "/github/repos/acme/app/branches/release/v1/protection", body: [
            "required_status_checks": nil, "enforce_admins": true, "required_pull_request_reviews": nil, "restrictions": nil,
        ])
        #expect(put.status == 200)
        #expect(try put.json()["url"]?.stringValue == "\(harness.baseURL)/github/repos/acme/app/branches/release/v1/protection")
    }
}
