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
