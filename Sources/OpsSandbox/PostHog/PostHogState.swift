import OpsCore

extension PostHogEmulator {
    /// The `posthog` section: one organization's projects and which is current.
    struct State: SandboxStateSection {
        static let organizationID = "01890000-0000-0000-0000-000000000001"

        var projects: [Project]
        var currentProjectID: Int?
        var nextID: Int

        static let empty = State(projects: [], currentProjectID: nil, nextID: 1)

        init(projects: [Project], currentProjectID: Int?, nextID: Int) {
            self.projects = projects
            self.currentProjectID = currentProjectID
            self.nextID = nextID
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            projects = []
            for (value, path) in try reader.array("projects") {
                let fields = try JSONFieldReader(value, path: path)
                projects.append(Project(
                    id: try fields.int("id"), name: try fields.string("name"), apiToken: try fields.string("api_token"),
                    timezone: try fields.optionalString("timezone") ?? "UTC"
                ))
            }
            currentProjectID = try reader.optionalInt("current_project_id")
            nextID = try reader.optionalInt("next_id") ?? (projects.map(\.id).max() ?? 0) + 1
        }

        var stateJSON: JSONValue {
            var members: [String: JSONValue] = [
                "projects": .array(projects.map { ["id": .int($0.id), "name": .string($0.name), "api_token": .string($0.apiToken), "timezone": .string($0.timezone)] }),
                "next_id": .int(nextID),
            ]
            if let currentProjectID { members["current_project_id"] = .int(currentProjectID) }
            return .object(members)
        }
    }

    struct Project: Equatable {
        var id: Int
        var name: String
        /// The project API key, `phc_` and 43 characters: public by design, it is what the
        /// PostHog snippet sends with events.
        var apiToken: String
        var timezone: String

        /// The project as `/api/projects/{id}/` returns it (the fields opsctl and the team
        /// serializer share).
        var wire: JSONValue {
            [
                "id": .int(id), "uuid": .string(uuid), "organization": .string(State.organizationID), "api_token": .string(apiToken),
                "name": .string(name), "timezone": .string(timezone), "completed_snippet_onboarding": false, "ingested_event": false,
                "is_demo": false, "access_control": false,
            ]
        }

        var uuid: String {
            let digits = String(id, radix: 16)
            return "01890000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits
        }

        /// A `phc_` key derived from the id, stable across runs.
        static func token(for id: Int) -> String {
            var text = "phc_"
            var seed = StableHash.fnv1a("posthog-project:\(id)")
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            for _ in 0..<43 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int((seed >> 33) % UInt64(alphabet.count))])
            }
            return text
        }
    }
}
