import OpsCore
import Testing
@testable import OpsSandbox

@Suite("GitHub emulator: credentials, headers, unknown routes")
struct GitHubAuthTests {
    let path = "/github/repos/acme/app/labels"

    @Test("no Authorization header gets 401 Requires authentication")
    func missingToken() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", path, headers: [("User-Agent", "t")])
        #expect(response.status == 401)
        #expect(try response.json() == ["message": "Requires authentication", "documentation_url": "https://docs.github.com/rest"])
        #expect(response.headers["x-ratelimit-limit"] == "60")
    }

    @Test("an empty or unknown-scheme credential gets 401 Bad credentials", arguments: ["Bearer ", "Bearer", "Basic dXNlcjpwYXNz", "ghp_rawtoken"])
    func badCredentials(header: String) throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", path, headers: [("User-Agent", "t"), ("Authorization", header)])
        #expect(response.status == 401)
        #expect(try response.json()["message"] == "Bad credentials")
    }

    @Test("any non-empty token works with Bearer or token", arguments: ["Bearer abc", "token ghp_123", "bearer x"])
    func goodCredentials(header: String) throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", path, headers: [("User-Agent", "t"), ("Authorization", header)])
        #expect(response.status == 200)
    }

    @Test("a request without User-Agent gets GitHub's 403 text")
    func missingUserAgent() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", path, headers: [("Authorization", "Bearer t")])
        #expect(response.status == 403)
        #expect(response.text.hasPrefix("Request forbidden by administrative rules. Please make sure your request has a User-Agent header"))
    }

    @Test("every response carries the x-ratelimit headers, counting per token")
    func rateLimitHeaders() throws {
        let harness = try SandboxHarness()
        let first = try harness.request("GET", path)
        let second = try harness.request("GET", "/github/repos/acme/app/nowhere")
        for response in [first, second] {
            #expect(response.headers["x-ratelimit-limit"] == "5000")
            #expect(response.headers["x-ratelimit-resource"] == "core")
            #expect(Int(response.headers["x-ratelimit-reset"] ?? "") != nil)
            #expect(response.headers["x-github-api-version-selected"] == "2022-11-28")
        }
        #expect(first.headers["x-ratelimit-used"] == "1")
        #expect(first.headers["x-ratelimit-remaining"] == "4999")
        #expect(second.headers["x-ratelimit-used"] == "2")
        #expect(second.headers["x-ratelimit-remaining"] == "4998")
        let rate = try harness.request("GET", "/github/rate_limit")
        #expect(try rate.json()["resources"]?["core"]?["used"] == 3)
    }

    @Test("an unsupported API version is refused")
    func apiVersion() throws {
        let harness = try SandboxHarness()
        let response = try harness.request("GET", path, headers: [("User-Agent", "t"), ("Authorization", "Bearer t"), ("X-GitHub-Api-Version", "1999-01-01")])
        #expect(response.status == 400)
    }

    @Test(
        "unknown routes and wrong methods get 404 Not Found",
        arguments: [
            ("GET", "/github/repos/acme/app/issues"), ("PUT", "/github/repos/acme/app/labels"), ("POST", "/github/repos/acme/app"),
            ("GET", "/github/users/acme"), ("GET", "/github/repos/acme"), ("DELETE", "/github/repos/acme/app/pulls"),
            ("GET", "/github/repos/acme/a%zz/labels"), ("PATCH", "/github/repos/acme/app/branches/main/protection"),
        ]
    )
    func notFound(method: String, path: String) throws {
        let harness = try SandboxHarness()
        let response = try harness.request(method, path)
        #expect(response.status == 404)
        #expect(try response.json() == ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"])
    }

    @Test("GET /repos/{o}/{r} describes a repository created on first use")
    func repository() throws {
        let harness = try SandboxHarness()
        let json = try harness.request("GET", "/github/repos/Acme/App").json()
        #expect(json["full_name"] == "Acme/App")
        #expect(json["default_branch"] == "main")
        #expect(json["owner"]?["login"] == "Acme")
        #expect(json["url"]?.stringValue == "\(harness.baseURL)/github/repos/Acme/App")
        // Reading does not create state.
        #expect(harness.server.state.document()["github"] == nil)
    }
}
