import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

@Suite("Service requests and URLs")
struct ServiceRequestTests {
    @Test(arguments: [
        ("GET", [], ServiceRequest.Idempotency.automatic, true),
        ("head", [], .automatic, true),
        ("OPTIONS", [], .automatic, true),
        ("PUT", [], .automatic, false),
        ("DELETE", [], .automatic, false),
        ("PATCH", [], .automatic, false),
        ("POST", [], .automatic, false),
        ("POST", [("Idempotency-Key", "8e03978e-40d5-43e8-bc93-6894a57f9324")], .automatic, true),
        ("PUT", [], .idempotent, true),
    ] as [(String, [(String, String)], ServiceRequest.Idempotency, Bool)])
    func idempotency(method: String, headers: [(String, String)], idempotency: ServiceRequest.Idempotency, expected: Bool) {
        let request = ServiceRequest(method: method, target: "/x", headers: HTTPHeaders(headers), idempotency: idempotency)
        #expect(request.isIdempotent == expected)
    }

    @Test func mutations() {
        #expect(ServiceRequest(method: "post", target: "/").isMutation)
        #expect(["PATCH", "PUT", "DELETE"].allSatisfy { ServiceRequest(method: $0, target: "/").isMutation })
        #expect(!ServiceRequest.get("/").isMutation)
    }

    @Test func settingAQueryItemForCursors() {
        let request = ServiceRequest.get("/v1/prices?limit=100&starting_after=price_1")
        #expect(request.settingQueryItem("starting_after", "price_2").target == "/v1/prices?limit=100&starting_after=price_2")
        #expect(ServiceRequest.get("/v3/senders").settingQueryItem("offset", "a&b=c").target == "/v3/senders?offset=a%26b%3Dc")
    }

    /// The encoder keeps ASCII letters, digits and `-._~[]` and escapes everything else as
    /// UTF-8, as Foundation's `addingPercentEncoding` with that set did before it.
    @Test func queryComponentsEncodeAsFoundationWould() {
        var kept = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        kept.insert(charactersIn: "-._~[]")
        let samples = (0..<128).compactMap { Unicode.Scalar($0).map { "a\(Character($0))b" } }
            + ["filter[name]", "refs/heads/main", "a+b&c=d?", "é ü ß 名前 😀", "100%", "", "plain-value_1.2~"]
        for sample in samples {
            #expect(ServiceRequest.encodeQueryComponent(sample) == sample.addingPercentEncoding(withAllowedCharacters: kept), "\(sample.debugDescription)")
        }
    }

    @Test func jsonBodies() {
        let request = ServiceRequest.json("POST", "/repos/o/r/labels", body: ["name": "bug", "color": "d73a4a"])
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"color":"d73a4a","name":"bug"}"#)
    }

    @Test(arguments: [
        ("http://127.0.0.1:9/github", "/repos/o/r/labels?page=2", "http://127.0.0.1:9/github/repos/o/r/labels?page=2"),
        ("http://127.0.0.1:9/github/", "repos/o/r", "http://127.0.0.1:9/github/repos/o/r"),
        ("https://api.github.com", "/user", "https://api.github.com/user"),
        ("https://ghe.example.com/api/v3", "/user", "https://ghe.example.com/api/v3/user"),
        ("https://api.github.com", "https://api.github.com/x?page=3", "https://api.github.com/x?page=3"),
    ])
    func joiningTargets(base: String, target: String, expected: String) {
        #expect(URLResolution.join(base: URL(string: base)!, target: target)?.absoluteString == expected)
    }

    @Test(arguments: [
        ("http://127.0.0.1:9/github", "http://127.0.0.1:9/github/repos/a/b?x=1", "/repos/a/b?x=1"),
        ("https://api.github.com", "https://api.github.com/repos/a/b", "/repos/a/b"),
        ("http://127.0.0.1:9/git", "http://127.0.0.1:9/github/x", "/github/x"),
        ("http://127.0.0.1:9/github", "http://127.0.0.1:9/github", "/"),
    ])
    func relativeTargetsForMessages(base: String, url: String, expected: String) {
        #expect(URLResolution.relativeTarget(of: URL(string: url)!, base: URL(string: base)!) == expected)
    }

    @Test func origins() {
        #expect(ServiceOrigin(url: URL(string: "https://API.github.com/x")!) == ServiceOrigin(url: URL(string: "https://api.github.com:443")!))
        #expect(ServiceOrigin(url: URL(string: "https://api.github.com")!) != ServiceOrigin(url: URL(string: "https://evil.example")!))
        #expect(ServiceOrigin(url: URL(string: "http://127.0.0.1:80")!) == ServiceOrigin(url: URL(string: "http://127.0.0.1")!))
    }

    @Test func userAgentIsAlwaysSet() {
        #expect(ServiceHTTPConfiguration(service: "X", baseURL: URL(string: "https://x")!).defaultHeaders["User-Agent"] != nil)
    }

    @Test func deadlinesAreNeverShorterThanOneAttempt() {
        let timeouts = HTTPTimeouts(perAttempt: .seconds(10), overall: .seconds(2))
        #expect(timeouts.overall == .seconds(10))
    }
}
