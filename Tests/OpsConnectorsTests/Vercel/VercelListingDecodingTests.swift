import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// A listing page is read from a member table of `envs`; every shape the table does not take
/// goes through `Decodable`, so the variables, the cursor and every error are the same.
struct VercelListingDecodingTests {
    static func response(_ body: String) -> ServiceResponse {
        jsonResponse(body, service: "Vercel", path: "/v10/projects/prj/env")
    }

    /// What both paths read, field by field.
    static func summary(_ body: VercelEnvListBody) -> [String] {
        body.envs.map { env in
            [
                env.id ?? "-", env.key, env.value ?? "-", env.type, env.target?.values.joined(separator: "+") ?? "-", env.gitBranch ?? "-",
                env.customEnvironmentIds?.joined(separator: "+") ?? "-", env.updatedAt.map { String($0) } ?? "-",
                env.decrypted.map { String($0) } ?? "-",
            ].joined(separator: "|")
        } + [body.pagination.map { "\($0.count ?? -1) \($0.next ?? -1)" } ?? "no pagination"]
    }

    static let bodies = [
        #"{"envs": [{"id": "e1", "key": "A", "value": "v", "type": "plain", "target": ["production", "preview"], "#
            + #""gitBranch": null, "updatedAt": 1700000000000, "decrypted": false, "createdBy": "u"}, "#
            + #"{"key": "B", "type": "sensitive", "target": "development", "customEnvironmentIds": ["env_1"]}], "#
            + #""pagination": {"count": 2, "next": 1699999999999, "prev": 1}}"#,
        #"{"envs": [], "pagination": {"count": 0, "next": null}}"#,
        #"{"envs": [{"key": "C", "type": "encrypted"}]}"#,
        #"{"envs": [{"key": "C", "type": "encrypted"}], "pagination": null}"#,
        // A single variable, which the endpoint may answer: only `Decodable` reads this shape.
        #"{"id": "e9", "key": "SOLO", "type": "plain", "value": "x"}"#,
    ]

    @Test func everyShapeReadsAsDecodableReadsIt() throws {
        for body in Self.bodies {
            let fast = try VercelEnvListBody.decode(Self.response(body))
            let decodable = try Self.response(body).decodeJSON(VercelEnvListBody.self)
            #expect(Self.summary(fast) == Self.summary(decodable), "\(body)")
        }
    }

    @Test func aMemberOfAnotherTypeIsReportedAsDecodableReportsIt() {
        for body in [
            #"{"envs": [{"key": "A", "type": "plain"}, {"key": 7, "type": "plain"}]}"#,
            #"{"envs": [{"key": "A", "type": "plain", "target": [1]}]}"#,
            #"{"envs": [{"key": "A", "type": "plain"}], "pagination": {"next": "soon"}}"#,
        ] {
            let fast = #expect(throws: HTTPClientError.self, "\(body)") { try VercelEnvListBody.decode(Self.response(body)) }
            let decodable = #expect(throws: HTTPClientError.self, "\(body)") {
                try Self.response(body).decodeJSON(VercelEnvListBody.self, keepingMembers: VercelEnvListBody.members)
            }
            #expect(fast != nil && fast == decodable, "\(body)")
        }
    }
}
