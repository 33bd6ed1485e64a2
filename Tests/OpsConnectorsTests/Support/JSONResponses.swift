import Foundation
import OpsCore

@testable import OpsConnectors

/// A 200 answer carrying `body` as JSON, for decoding tests that need no server: the service
/// and request it names are what an error about the body would quote.
func jsonResponse(_ body: String, service: String, path: String) -> ServiceResponse {
    ServiceResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(body.utf8),
        url: URL(string: "https://api.example.com\(path)")!, attempts: 1,
        context: HTTPRequestContext(service: service, method: "GET", path: path, target: path))
}
