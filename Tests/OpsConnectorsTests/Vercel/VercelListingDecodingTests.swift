import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// A listing page is read from its bytes straight into variables; every shape that reader does
/// not take goes through `Decodable`, so the variables, the cursor and every error are the same.
struct VercelListingDecodingTests {
    static func response(_ body: String) -> ServiceResponse {
        jsonResponse(body, service: "Vercel", path: "/v10/projects/prj/env")
    }

    /// The page as `Decodable` alone reads it.
    static func decodable(_ body: String) throws -> VercelEnvPage {
        let decoded = try response(body).decodeJSON(VercelEnvListBody.self)
        return VercelEnvPage(envs: decoded.envs.map(VercelRemoteEnv.init), pagination: decoded.pagination)
    }

    static func cursor(_ page: VercelEnvPage) -> String {
        page.pagination.map { "\($0.count ?? -1) \($0.next ?? -1)" } ?? "no pagination"
    }

    static let bodies = [
        #"{"envs": [{"id": "e1", "key": "A", "value": "v", "type": "plain", "target": ["production", "preview"], "#
            + #""gitBranch": null, "updatedAt": 1700000000000, "decrypted": false, "createdBy": "u"}, "#
            + #"{"key": "B", "type": "sensitive", "target": "development", "customEnvironmentIds": ["env_1"]}], "#
            + #""pagination": {"count": 2, "next": 1699999999999, "prev": 1}}"#,
        #"{"envs": [], "pagination": {"count": 0, "next": null}}"#,
        #"{"envs": [{"key": "C", "type": "encrypted"}]}"#,
        #"{"envs": [{"key": "C", "type": "encrypted"}], "pagination": null}"#,
        // Targets beyond the three Vercel documents, alone, among known ones, repeated, empty.
        #"{"envs": [{"key": "T1", "type": "plain", "target": ["staging", "production", "qa", "staging"]}, "#
            + #"{"key": "T2", "type": "plain", "target": "staging"}, {"key": "T3", "type": "plain", "target": []}, "#
            + #"{"key": "T4", "type": "plain", "target": ["development", "production", "development"]}]}"#,
        // Members opsctl does not read, nested, escaped text, targets out of order, an empty branch.
        #"{"total": 1, "envs": [{"contentHint": {"type": "redis-url", "storeId": "s"}, "comment": "a \"quoted\" \u00e9 note", "#
            + #""key": "D\u005fE", "type": "plain", "value": "line\nbreak \ud83d\ude00", "target": ["preview", "production", "preview"], "#
            + #""gitBranch": "", "customEnvironmentIds": [], "internalContentHint": null, "updatedAt": -5}], "#
            + #""pagination": {"next": 12, "count": 1, "extra": [1, {"a": [true, false, null]}]}}"#,
        // A single variable, which the endpoint may answer: only `Decodable` reads this shape.
        #"{"id": "e9", "key": "SOLO", "type": "plain", "value": "x"}"#,
        // Shapes the reader leaves to `Decodable`: a fraction, a repeated member.
        #"{"envs": [{"key": "F", "type": "plain", "updatedAt": 1700000000000.5}]}"#,
        #"{"envs": [{"key": "G", "type": "plain", "value": "first", "value": "second"}]}"#,
    ]

    @Test func everyShapeReadsAsDecodableReadsIt() throws {
        for body in Self.bodies {
            let read = try VercelEnvPage.read(Self.response(body))
            let decodable = try Self.decodable(body)
            #expect(read.envs == decodable.envs, "\(body)")
            #expect(Self.cursor(read) == Self.cursor(decodable), "\(body)")
        }
        let escaped = try VercelEnvPage.read(Self.response(Self.bodies[5]))
        #expect(escaped.envs.map(\.key) == ["D_E"])
        #expect(escaped.envs.first?.listedValue == "line\nbreak 😀")
        #expect(escaped.envs.first?.targets == ["production", "preview"])
        #expect(escaped.envs.first?.gitBranch == nil)
    }

    /// Only a `plain` variable's listed value is kept: an encrypted one lists a ciphertext,
    /// dropped whether its type comes before or after it, and a value of the wrong type is
    /// still refused as `Decodable` refuses it.
    @Test func onlyAPlainValueIsKept() throws {
        let body = #"{"envs": [{"key": "P", "type": "plain", "value": "shown"}, {"key": "E1", "type": "encrypted", "value": "c1"}, "#
            + #"{"key": "E2", "value": "c2", "type": "encrypted"}, {"value": "later", "key": "P2", "type": "plain"}]}"#
        let read = try VercelEnvPage.read(Self.response(body))
        #expect(read.envs.map(\.listedValue) == ["shown", nil, nil, "later"])
        #expect(read.envs == (try Self.decodable(body)).envs)
        let wrongType = #"{"envs": [{"key": "E", "type": "encrypted", "value": 7}]}"#
        #expect(throws: (any Error).self) { try VercelEnvPage.read(Self.response(wrongType)) }
    }

    @Test func aMemberOfAnotherTypeIsReportedAsDecodableReportsIt() {
        for body in [
            #"{"envs": [{"key": "A", "type": "plain"}, {"key": 7, "type": "plain"}]}"#,
            #"{"envs": [{"key": "A", "type": "plain", "target": [1]}]}"#,
            #"{"envs": [{"key": "A", "type": "plain"}], "pagination": {"next": "soon"}}"#,
            #"{"envs": [{"key": "A", "type": "plain", "decrypted": "yes"}]}"#,
            #"{"envs": [{"key": "A"}]}"#,
            #"{"envs": null}"#,
            #"{"envs": [{"key": "A", "type": "plain"}] "#,
        ] {
            let read = #expect(throws: HTTPClientError.self, "\(body)") { try VercelEnvPage.read(Self.response(body)) }
            let decodable = #expect(throws: HTTPClientError.self, "\(body)") {
                try Self.response(body).decodeJSON(VercelEnvListBody.self, keepingMembers: VercelEnvListBody.members)
            }
            #expect(read != nil && read == decodable, "\(body)")
        }
    }
}
