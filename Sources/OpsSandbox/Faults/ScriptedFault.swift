import OpsCore

/// One scripted answer for a request that matches a rule: wait `delay`, then act.
struct ScriptedStep: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case json(JSONValue)
        case text(String)
    }

    enum Action: Sendable, Equatable {
        /// Let the emulator answer as usual, after the delay: a slow but correct response.
        case passThrough
        /// Answer with this status; without a body, the emulator renders its vendor's error.
        case respond(status: Int, headers: HTTPHeaders, body: Body?)
        /// Hold the connection without answering, then close it: a hung upstream.
        case hang(Duration)
        /// Abort the connection with a TCP RST.
        case reset
    }

    var delay: Duration
    var action: Action
}

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

/// The pending scripted rules. The first matching rule with steps left answers a request.
final class ScriptedFaultBook: Sendable {
    private let state = Locked((rules: [ScriptedRule](), nextID: 1))

    /// Adds a rule built by `make` with a fresh id.
    func add(_ make: (Int) throws(ControlRequestError) -> ScriptedRule) throws(ControlRequestError) -> ScriptedRule {
        try state.withLock { state throws(ControlRequestError) -> ScriptedRule in
            let rule = try make(state.nextID)
            state.nextID += 1
            state.rules.append(rule)
            return rule
        }
    }

    /// Consumes the next step for a request, if any rule matches it.
    func take(method: String, path: String) -> ScriptedStep? {
        state.withLock { state in
            guard let index = state.rules.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
            let step = state.rules[index].steps.removeFirst()
            if state.rules[index].steps.isEmpty { state.rules.remove(at: index) }
            return step
        }
    }

    var rules: [ScriptedRule] { state.withLock { $0.rules } }

    func removeAll() {
        state.withLock { $0.rules.removeAll() }
    }
}
