import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

@Suite("HTTP client errors")
struct HTTPClientErrorTests {
    let labels = HTTPRequestContext(
        service: "GitHub", method: "GET", path: "/repos/acme/app/labels", target: "/repos/acme/app/labels?per_page=100")

    @Test func serverErrorAfterRetries() {
        let error = HTTPClientError.status(labels, status: 500, attempts: 4, message: "Server Error")
        #expect(error.diagnostic.message == "GitHub GET /repos/acme/app/labels failed with 500 after 4 attempts: Server Error")
        #expect(error.diagnostic.hint == "the service may be down; re-run later")
        #expect(error.diagnostic.severity == .error)
    }

    @Test func singleAttemptWithoutMessage() {
        let error = HTTPClientError.status(labels, status: 404, attempts: 1, message: nil)
        #expect(error.message == "GitHub GET /repos/acme/app/labels failed with 404")
    }

    @Test func timeouts() {
        #expect(HTTPClientError.timedOut(labels, after: .seconds(10), attempts: 1).message
            == "GitHub GET /repos/acme/app/labels timed out after 10 s")
        #expect(HTTPClientError.timedOut(labels, after: .milliseconds(2500), attempts: 3).message
            == "GitHub GET /repos/acme/app/labels timed out after 2.5 s (3 attempts)")
    }

    @Test func rateLimitBeyondTheDeadline() {
        let error = HTTPClientError.rateLimited(
            labels, status: 403, attempts: 1, wait: .seconds(3540), deadline: .seconds(120), message: "API rate limit exceeded")
        #expect(error.message
            == "GitHub GET /repos/acme/app/labels was rate limited (403); the service asks to wait 3540 s, longer than the 120 s deadline allows: API rate limit exceeded")
    }

    @Test func connectionFailures() {
        let error = HTTPClientError.connection(labels, .refused, attempts: 4)
        #expect(error.message == "GitHub GET /repos/acme/app/labels failed: connection refused after 4 attempts")
        #expect(error.hint.contains("OPSCTL_SANDBOX_URL"))
    }

    @Test func everyCaseRendersOneSentenceAndAHint() {
        let errors: [HTTPClientError] = [
            .status(labels, status: 401, attempts: 1, message: nil),
            .rateLimited(labels, status: nil, attempts: 0, wait: .seconds(1), deadline: .seconds(1), message: nil),
            .timedOut(labels, after: .seconds(1), attempts: 1),
            .connection(labels, .reset, attempts: 2),
            .undecodableBody(labels, status: 200, reason: "expected JSON, got text/html, 12 bytes"),
            .invalidURL(service: "GitHub", target: "::"),
            .foreignURL(labels, origin: "https://evil.example:443"),
            .authorization(labels, reason: "no key"),
            .pagination(labels, reason: "the next page repeats an earlier one"),
        ]
        for error in errors {
            #expect(!error.diagnostic.message.isEmpty)
            #expect(!error.diagnostic.message.contains("\n"))
            #expect(error.diagnostic.hint?.isEmpty == false)
        }
    }

    @Test func garbageBodiesAreAClearErrorNotACrash() throws {
        let html = ServiceResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]),
            body: Array("<html>proxy login</html>".utf8), url: URL(string: "https://api.github.com/repos/acme/app/labels")!,
            attempts: 1, context: labels)
        struct Label: Decodable { var name: String }
        #expect(throws: HTTPClientError.undecodableBody(labels, status: 200, reason: "expected JSON, got text/html, 24 bytes")) {
            try html.decodeJSON([Label].self)
        }

        var truncated = html
        truncated.body = Array(#"[{"name":"bug"},"#.utf8)
        truncated.headers = HTTPHeaders([("Content-Type", "application/json")])
        #expect(throws: HTTPClientError.self) { try truncated.decodeJSON([Label].self) }

        var wrongShape = truncated
        wrongShape.body = Array(#"[{"title":"bug"}]"#.utf8)
        let error = try #require(throws: HTTPClientError.self) { try wrongShape.decodeJSON([Label].self) }
        #expect(error.message == #"GitHub GET /repos/acme/app/labels returned 200 with an unreadable body: missing "name" at [0]"#)

        var good = truncated
        good.body = Array(#"[{"name":"bug"}]"#.utf8)
        #expect(try good.decodeJSON([Label].self).map(\.name) == ["bug"])
    }
}
