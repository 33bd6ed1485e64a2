import OpsCore

extension VercelEmulator {
    /// The project's deployed cron jobs, `GET /v9/projects/{id}` → `crons` (all five members
    /// required by the description).
    struct Crons: Sendable, Equatable {
        struct Definition: Sendable, Equatable {
            var host: String
            var path: String
            var schedule: String
        }

        var enabledAt: Int
        /// Set when cron jobs were switched off in the dashboard; no API does it.
        var disabledAt: Int?
        var updatedAt: Int
        var deploymentID: String?
        var definitions: [Definition]

        init(enabledAt: Int, disabledAt: Int?, updatedAt: Int, deploymentID: String?, definitions: [Definition]) {
            self.enabledAt = enabledAt
            self.disabledAt = disabledAt
            self.updatedAt = updatedAt
            self.deploymentID = deploymentID
            self.definitions = definitions
        }

        init(reader: JSONFieldReader) throws(StateDecodingError) {
            enabledAt = try reader.optionalInt("enabledAt") ?? 0
            disabledAt = try reader.optionalInt("disabledAt")
            updatedAt = try reader.optionalInt("updatedAt") ?? enabledAt
            deploymentID = try reader.optionalString("deploymentId")
            var definitions: [Definition] = []
            for (value, path) in try reader.array("definitions") {
                let item = try JSONFieldReader(value, path: path)
                definitions.append(Definition(host: try item.optionalString("host") ?? "", path: try item.string("path"), schedule: try item.string("schedule")))
            }
            self.definitions = definitions
        }

        var json: JSONValue {
            [
                "enabledAt": .int(enabledAt), "disabledAt": disabledAt.map(JSONValue.int) ?? .null, "updatedAt": .int(updatedAt),
                "deploymentId": deploymentID.map(JSONValue.string) ?? .null,
                "definitions": .array(definitions.map { ["host": .string($0.host), "path": .string($0.path), "schedule": .string($0.schedule)] }),
            ]
        }
    }
}
