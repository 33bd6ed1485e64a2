import Foundation
import OpsCore
@testable import OpsSandbox

/// Starts a sandbox on a free port for one test and talks to it over fresh connections.
final class SandboxHarness: Sendable {
    let server: SandboxServer
    let baseURL: String
    let port: UInt16

    init(_ configuration: SandboxConfiguration = SandboxConfiguration(), emulators: [any ServiceEmulator] = SandboxServer.defaultEmulators()) throws {
        server = try SandboxServer(configuration: configuration, emulators: emulators)
        baseURL = try server.start()
        port = server.port!
    }

    deinit {
        server.stop()
    }

    static let githubHeaders: [(String, String)] = [
        ("User-Agent", "opsctl-tests/1.0"),
        ("Authorization", "Bearer test-token"),
        ("Accept", "application/vnd.github+json"),
        ("X-GitHub-Api-Version", "2022-11-28"),
    ]

    /// One request on its own connection.
    func request(_ method: String, _ path: String, headers: [(String, String)] = SandboxHarness.githubHeaders, body: JSONValue? = nil) throws -> RawResponse {
        try request(method, path, headers: headers, rawBody: body.map(JSONWriter.canonicalBytes) ?? [])
    }

    func request(_ method: String, _ path: String, headers: [(String, String)] = SandboxHarness.githubHeaders, rawBody: [UInt8]) throws -> RawResponse {
        let connection = try RawHTTPConnection(port: port)
        try connection.send(method: method, path: path, headers: headers + [("Connection", "close")], body: rawBody)
        return try connection.readResponse(headOnly: method == "HEAD")
    }

    /// The path part of an absolute URL this sandbox produced.
    func path(of url: String) -> String {
        url.hasPrefix(baseURL) ? String(url.dropFirst(baseURL.count)) : url
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-sandbox-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// `<url>; rel="next", <url>; rel="last"` → ["next": url, "last": url].
func parseLinkHeader(_ header: String?) -> [String: String] {
    guard let header else { return [:] }
    var links: [String: String] = [:]
    for part in header.components(separatedBy: ", ") {
        guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"),
            let relRange = part.range(of: "rel=\"")
        else { continue }
        let url = String(part[part.index(after: open)..<close])
        let rel = part[relRange.upperBound...].prefix { $0 != "\"" }
        links[String(rel)] = url
    }
    return links
}

/// Where the repository's example state file is, found from this source file's location.
func repositoryRoot() -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}
