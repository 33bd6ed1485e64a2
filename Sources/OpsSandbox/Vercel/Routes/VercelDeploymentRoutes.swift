import Foundation
import OpsCore

extension VercelEmulator {
    /// `POST /v13/deployments`, reduced to what decides a project's crons: the `crons` array of an
    /// inlined `vercel.json`. As on Vercel, only a production deployment replaces the project's
    /// cron definitions (docs/services/vercel.md, "Crons"); a preview deployment leaves them alone.
    ///
    /// ```json
    /// {"name": "app", "target": "production",
    ///  "files": [{"file": "vercel.json", "data": "{\"crons\":[{\"path\":\"/api/cron/digest\",\"schedule\":\"0 9 * * *\"}]}"}]}
    /// ```
    enum DeploymentRoutes {
        static func create(_ context: RouteContext, account: Account, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
            let members = try context.objectBody().members
            guard case .string(let name)? = members["name"], !name.isEmpty else {
                throw Errors.badRequest("Invalid request: missing required property `name`.")
            }
            let projectName = members["project"]?.stringValue ?? name
            let target = members["target"]?.stringValue ?? "preview"
            guard ["production", "preview"].contains(target) else {
                throw Errors.badRequest("Invalid request: `target` should be equal to one of the allowed values \"production, preview\".")
            }
            let crons = try cronDefinitions(in: try files(members["files"]))

            var project = vercel.project(projectName, in: account)
            let now = vercel.timestamp()
            let deploymentID = vercel.allocateID(prefix: "dpl")
            let host = "\(project.name).vercel.app"
            if target == "production", !(crons.isEmpty && project.crons == nil) {
                project.crons = Crons(
                    enabledAt: project.crons?.enabledAt ?? now,
                    disabledAt: project.crons?.disabledAt,
                    updatedAt: now,
                    deploymentID: deploymentID,
                    definitions: crons.map { Crons.Definition(host: host, path: $0.path, schedule: $0.schedule) }
                )
            }
            project.updatedAt = now
            vercel.store(project)
            return .json(200, [
                "id": .string(deploymentID), "name": .string(name), "projectId": .string(project.id),
                "url": .string("\(project.name)-\(deploymentID.suffix(9)).vercel.app"), "target": target == "production" ? "production" : .null,
                "readyState": "READY", "status": "READY", "createdAt": .int(now),
                "crons": .array(crons.map { ["path": .string($0.path), "schedule": .string($0.schedule)] }),
            ])
        }

        /// Inlined deployment files by name, base64 ones decoded; uploaded-by-sha files are skipped.
        static func files(_ value: JSONValue?) throws(RouteFailure) -> [String: String] {
            guard let value else { return [:] }
            guard case .array(let items) = value else { throw Errors.badRequest("Invalid request: `files` should be array.") }
            var files: [String: String] = [:]
            for item in items {
                guard let name = item["file"]?.stringValue else {
                    throw Errors.badRequest("Invalid request: each of `files` must have required property `file`.")
                }
                guard let data = item["data"]?.stringValue else { continue }
                if item["encoding"]?.stringValue == "base64" {
                    guard let decoded = Data(base64Encoded: data), let text = String(data: decoded, encoding: .utf8) else {
                        throw Errors.badRequest("Invalid request: `data` of \(name) is not base64.")
                    }
                    files[name] = text
                } else {
                    files[name] = data
                }
            }
            return files
        }

        /// The `crons` of the inlined `vercel.json`: each a `path` starting with `/` and a
        /// five-field `schedule`. No `vercel.json`, or none with `crons`, means no crons.
        static func cronDefinitions(in files: [String: String]) throws(RouteFailure) -> [(path: String, schedule: String)] {
            guard let text = files["vercel.json"] else { return [] }
            let config: JSONValue
            do {
                config = try JSONParser.parse(Array(text.utf8))
            } catch {
                throw Errors.failure(400, code: "invalid_vercel_json", message: "The vercel.json file is not valid JSON: \(error.problem)")
            }
            guard let list = config["crons"] else { return [] }
            guard case .array(let items) = list else {
                throw Errors.failure(400, code: "invalid_crons", message: "`crons` in vercel.json should be array.")
            }
            var crons: [(path: String, schedule: String)] = []
            for item in items {
                guard let path = item["path"]?.stringValue, path.hasPrefix("/"), let schedule = item["schedule"]?.stringValue,
                    schedule.split(separator: " ", omittingEmptySubsequences: true).count == 5
                else {
                    throw Errors.failure(400, code: "invalid_crons", message: "Each cron in vercel.json needs a `path` starting with `/` and a five-field `schedule`.")
                }
                crons.append((path, schedule))
            }
            return crons
        }
    }
}
