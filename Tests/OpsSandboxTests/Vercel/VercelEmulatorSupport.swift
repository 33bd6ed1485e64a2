import Foundation
import OpsCore

@testable import OpsSandbox

/// Requests to the Vercel emulator with its usual headers.
extension SandboxHarness {
    static let vercelHeaders: [(String, String)] = [("Authorization", "Bearer vercel-test-token"), ("Content-Type", "application/json")]

    static func vercel(options: VercelEmulator.Options = VercelEmulator.Options(), stateFile: String? = nil) throws -> SandboxHarness {
        try SandboxHarness(SandboxConfiguration(stateFile: stateFile), emulators: [VercelEmulator(options: options)])
    }

    func vercel(_ method: String, _ path: String, _ body: JSONValue? = nil, headers: [(String, String)] = SandboxHarness.vercelHeaders) throws -> RawResponse {
        try request(method, "/vercel" + path, headers: headers, body: body)
    }

    /// Creates one variable and returns its id.
    @discardableResult
    func createEnv(_ project: String, key: String, value: String, type: String, targets: [String], query: String = "") throws -> String {
        let body: JSONValue = ["key": .string(key), "value": .string(value), "type": .string(type), "target": .array(targets.map(JSONValue.string))]
        let response = try vercel("POST", "/v10/projects/\(project)/env\(query)", body)
        guard response.status == 201, let id = try response.json()["created"]?["id"]?.stringValue else {
            throw RawHTTPError(description: "create failed: \(response.status) \(response.text)")
        }
        return id
    }
}
