import OpsCore

extension SlackEmulator {
    /// Slack's refusals: HTTP 200 with `{"ok": false, "error": "<code>"}`.
    enum Errors {
        static func fail(_ code: String, extra: [String: JSONValue] = [:]) -> HTTPResponse {
            var body: [String: JSONValue] = ["ok": false, "error": .string(code)]
            for (key, value) in extra { body[key] = value }
            return .json(200, .object(body))
        }

        static func failure(_ code: String, extra: [String: JSONValue] = [:]) -> RouteFailure {
            RouteFailure(response: fail(code, extra: extra))
        }

        /// `missing_scope` names what was needed and what the token has, comma-separated.
        static func missingScope(needed: [String], provided: [String]) -> RouteFailure {
            failure("missing_scope", extra: ["needed": .string(needed.joined(separator: ",")), "provided": .string(provided.joined(separator: ","))])
        }
    }
}
