import OpsCore

/// `/_sandbox/...`: requests that steer the sandbox itself, for tests and demos. They are never
/// delayed or faulted, and need no credentials (the server only listens on loopback).
///
/// - `GET /_sandbox/health` → `{"status":"ok","scopes":[...]}`
/// - `GET /_sandbox/state` → the whole state document
/// - `POST /_sandbox/faults` → script the next responses for a path (see `ScriptedRuleParser`)
/// - `GET /_sandbox/faults` → the scripted rules still pending
/// - `DELETE /_sandbox/faults` → forget them all
struct ControlEndpoint: Sendable {
    static let prefix = "/_sandbox"

    let scopes: [String]
    let state: SandboxStateStore
    let scripts: ScriptedFaultBook

    static func owns(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let route = String(request.path.dropFirst(Self.prefix.count))
        switch (request.method, route) {
        case ("GET", "/health"), ("HEAD", "/health"):
            return .json(200, ["status": "ok", "scopes": .array(scopes.map(JSONValue.string))])
        case ("GET", "/state"), ("HEAD", "/state"):
            return .json(200, state.document())
        case ("GET", "/faults"), ("HEAD", "/faults"):
            return .json(200, ["faults": .array(scripts.rules.map(\.summary))])
        case ("DELETE", "/faults"):
            scripts.removeAll()
            return .empty(204)
        case ("POST", "/faults"):
            return addScript(request.body)
        case (_, "/health"), (_, "/state"), (_, "/faults"):
            return .json(405, ["message": "Method not allowed"], headers: HTTPHeaders([("Allow", route == "/faults" ? "GET, POST, DELETE" : "GET")]))
        default:
            return .json(404, ["message": .string("No sandbox control endpoint at \(request.path); try /_sandbox/health, /_sandbox/state or /_sandbox/faults")])
        }
    }

    private func addScript(_ body: [UInt8]) -> HTTPResponse {
        let json: JSONValue
        do throws(RouteFailure) {
            json = try JSONBodyReader.value(of: body, envelope: BodyErrors())
        } catch {
            return error.response
        }
        do throws(ControlRequestError) {
            let rule = try scripts.add { id throws(ControlRequestError) in try ScriptedRuleParser.parse(json, id: id) }
            return .json(201, rule.summary)
        } catch {
            return .json(400, ["message": .string(error.message)])
        }
    }
}
