import Foundation
import OpsCore

/// The Vercel REST calls opsctl makes (docs/services/vercel.md, "Requests"), over the shared
/// client. Every call carries `teamId` when the project belongs to a team.
struct VercelAPI: Sendable {
    let client: ServiceHTTPClient
    let projectID: String
    let teamID: String?

    private var projectPath: String { "/projects/\(PathSegment.encode(projectID))" }

    /// `path` with the team query appended, and `extra` parameters before it.
    func target(_ path: String, _ extra: [(String, String)] = []) -> String {
        var items = extra
        if let teamID { items.append(("teamId", teamID)) }
        guard !items.isEmpty else { return path }
        return path + "?" + items.map { "\(ServiceRequest.encodeQueryComponent($0.0))=\(ServiceRequest.encodeQueryComponent($0.1))" }
            .joined(separator: "&")
    }

    /// `GET /v10/projects/{id}/env`, following `pagination.next` through `until` should the
    /// service ever page it (Vercel's OpenAPI description declares no paging for it).
    func listEnvs() async throws -> [VercelRemoteEnv] {
        var envs: [VercelRemoteEnv] = []
        var limits = PaginationGuard()
        var pending: ServiceRequest? = .get(target("/v10\(projectPath)/env"))
        while let request = pending {
            let response = try await client.send(request)
            // Decoded once: the variables and the cursor come from the same body.
            let page = try VercelEnvPage.read(response)
            // The first page taken whole: appended to an empty array, each variable was copied.
            if envs.isEmpty { envs = page.envs } else { envs += page.envs }
            pending = VercelEnvPagination.nextRequest(after: page.pagination, previous: request)
            if let next = pending, let refusal = limits.refusal(of: next, after: request, context: response.context) { throw refusal }
        }
        return envs
    }

    /// `GET /v1/projects/{id}/env/{envId}`: the value in plain text; nil when Vercel does not
    /// return it (`sensitive`).
    func decryptedValue(envID: String) async throws -> String? {
        let response = try await client.send(.get(target("/v1\(projectPath)/env/\(PathSegment.encode(envID))")))
        let body = try response.decodeJSON(VercelEnvBody.self)
        guard VercelRemoteEnv.listsItsValue(type: body.type) || body.decrypted == true else { return nil }
        return body.value
    }

    /// `POST /v10/projects/{id}/env` with one object. Without `upsert`, a variable that
    /// already exists for one of the targets is refused with 403, which is what opsctl wants:
    /// refresh found none, so one appearing since is someone else's to explain.
    func createEnv(key: String, value: String, type: String, targets: [String]) async throws -> VercelRemoteEnv {
        let body: JSONValue = [
            "key": .string(key), "value": .string(value), "type": .string(type), "target": VercelTargets.json(targets),
        ]
        var request = ServiceRequest.json("POST", target("/v10\(projectPath)/env"), body: body)
        request.acceptedStatuses = [400, 403]
        let response = try await client.send(request)
        guard response.isSuccess else { throw refusal(of: key, response) }
        let created = try response.decodeJSON(VercelCreateEnvBody.self)
        if let failure = created.failed.first(where: { $0.error.key == nil || $0.error.key == key }) {
            throw VercelConnectorError.createFailed(key: key, code: failure.error.code, message: client.redactor.redact(failure.error.message))
        }
        guard let env = created.created.first(where: { $0.key == key }) else { throw VercelConnectorError.createdNothing(key: key) }
        return VercelRemoteEnv(env)
    }

    /// A refused create: a clash with an existing variable (`ENV_ALREADY_EXISTS`, or
    /// `ENV_CONFLICT`) is told as such, since the generic 403 hint would blame the token.
    private func refusal(of key: String, _ response: ServiceResponse) -> any Error {
        let message = VendorErrorMessage.extract(from: response.body, headers: response.headers, redactor: client.redactor)
        let code = (try? response.decodeJSON(VercelErrorBody.self))?.error.code
        if let code, ["ENV_ALREADY_EXISTS", "ENV_CONFLICT"].contains(code) {
            return VercelConnectorError.alreadyExists(key: key, message: message ?? "it already exists")
        }
        return HTTPClientError.status(response.context, status: response.status, attempts: response.attempts, message: message)
    }

    /// `PATCH /v9/projects/{id}/env/{envId}`: targets and type always (they are the declared
    /// state), the value only when it is to change.
    func editEnv(envID: String, targets: [String], type: String, value: String?) async throws -> VercelRemoteEnv {
        var body: [String: JSONValue] = ["target": VercelTargets.json(targets), "type": .string(type)]
        if let value { body["value"] = .string(value) }
        var request = ServiceRequest.json("PATCH", target("/v9\(projectPath)/env/\(PathSegment.encode(envID))"), body: .object(body))
        // The edit sets absolute values, so repeating it after a lost response is safe.
        request.idempotency = .idempotent
        let response = try await client.send(request)
        return VercelRemoteEnv(try response.decodeJSON(VercelEnvBody.self))
    }

    /// `GET /v9/projects/{id}`, for its deployed `crons`.
    /// `DELETE /v9/projects/{idOrName}/env/{id}`; 404 counts as done, the variable is gone.
    func deleteEnv(envID: String) async throws {
        var request = ServiceRequest(method: "DELETE", target: target("/v9\(projectPath)/env/\(PathSegment.encode(envID))"))
        request.acceptedStatuses = [404]
        request.idempotency = .idempotent
        _ = try await client.send(request)
    }

    func project() async throws -> VercelProjectBody {
        try await client.send(.get(target("/v9\(projectPath)"))).decodeJSON(VercelProjectBody.self)
    }
}
