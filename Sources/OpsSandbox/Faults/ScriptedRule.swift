import OpsCore

/// Scripted answers for the next requests to a path, registered through
/// `POST /_sandbox/faults`; each matching request consumes one step.
struct ScriptedRule: Sendable, Equatable {
    var id: Int
    /// nil matches every method.
    var method: String?
    /// The full request path including the mount prefix (`/github/repos/o/r/labels`); with a
    /// trailing `*`, a prefix.
    var path: String
    var steps: [ScriptedStep]

    func matches(method: String, path requestPath: String) -> Bool {
        if let expected = self.method, expected != method { return false }
        if path.hasSuffix("*") { return requestPath.hasPrefix(String(path.dropLast())) }
        return requestPath == path
    }

    var summary: JSONValue {
        var members: [String: JSONValue] = ["id": .int(id), "path": .string(path), "remaining": .int(steps.count)]
        members["method"] = method.map(JSONValue.string) ?? .null
        return .object(members)
    }
}
