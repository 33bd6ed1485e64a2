import OpsCore

/// Reads the body of `POST /_sandbox/faults`:
///
/// ```json
/// {"path": "/github/repos/acme/app/labels", "method": "GET",
///  "responses": [{"status": 429}, {"status": 500, "repeat": 2},
///                {"status": 503, "headers": {"Retry-After": "7"}, "body": {"message": "down"}},
///                {"delay_ms": 1500}, {"hang": 30}, {"reset": true}]}
/// ```
///
/// A step with a status answers with it (in the emulator's own error style when there is no
/// `body`); `hang`/`hang_ms` holds the connection without answering; `reset` aborts it;
/// `delay`/`delay_ms` waits first, and alone lets the emulator answer after the wait.
enum ScriptedRuleParser {
    static func parse(_ json: JSONValue, id: Int) throws(ControlRequestError) -> ScriptedRule {
        guard case .object(let members) = json else { throw ControlRequestError(message: "the body must be a JSON object") }
        let known: Set<String> = ["path", "method", "responses"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw ControlRequestError(message: "unknown member '\(unknown)'; expected path, method and responses")
        }
        guard case .string(let path)? = members["path"], path.hasPrefix("/") else {
            throw ControlRequestError(message: "'path' must be a string starting with '/', like /github/repos/o/r/labels")
        }
        var method: String?
        switch members["method"] {
        case nil, .null?: method = nil
        case .string(let text)?: method = text.uppercased()
        default: throw ControlRequestError(message: "'method' must be a string such as \"GET\"")
        }
        guard case .array(let items)? = members["responses"], !items.isEmpty else {
            throw ControlRequestError(message: "'responses' must be a non-empty list of steps")
        }
        var steps: [ScriptedStep] = []
        for (index, item) in items.enumerated() {
            let (step, count) = try parseStep(item, index: index)
            steps.append(contentsOf: repeatElement(step, count: count))
        }
        guard steps.count <= 10_000 else { throw ControlRequestError(message: "a rule may script at most 10000 responses") }
        return ScriptedRule(id: id, method: method, path: path, steps: steps)
    }

    private static func parseStep(_ json: JSONValue, index: Int) throws(ControlRequestError) -> (ScriptedStep, Int) {
        let place = "responses[\(index)]"
        guard case .object(let members) = json else { throw ControlRequestError(message: "\(place) must be an object") }
        let known: Set<String> = ["status", "headers", "body", "delay", "delay_ms", "hang", "hang_ms", "reset", "repeat"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw ControlRequestError(message: "\(place) has unknown member '\(unknown)'")
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(ControlRequestError) -> Int? {
            switch members[key] {
            case nil, .null?: return nil
            case .int(let value)? where range.contains(value): return value
            default: throw ControlRequestError(message: "\(place).\(key) must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
        }
        let status = try integer("status", 100...599)
        let repeatCount = try integer("repeat", 1...10_000) ?? 1
        let delay = Duration.seconds(try integer("delay", 0...3600) ?? 0) + .milliseconds(try integer("delay_ms", 0...3_600_000) ?? 0)
        let hangSeconds = try integer("hang", 0...3600)
        let hangMillis = try integer("hang_ms", 0...3_600_000)
        var reset = false
        switch members["reset"] {
        case nil, .null?: break
        case .bool(let flag)?: reset = flag
        default: throw ControlRequestError(message: "\(place).reset must be true or false")
        }
        var headers = HTTPHeaders()
        switch members["headers"] {
        case nil, .null?: break
        case .object(let fields)?:
            for name in fields.keys.sorted() {
                guard case .string(let value)? = fields[name] else {
                    throw ControlRequestError(message: "\(place).headers.\(name) must be a string")
                }
                // CR or LF in a header would let a script split the response stream. Checked on
                // bytes: "\r\n" is a single Character and would slip past a Character test.
                let unsafe = { (text: String) in text.utf8.contains { $0 == 13 || $0 == 10 } }
                guard !name.isEmpty, !unsafe(name), !name.contains(":"), !unsafe(value) else {
                    throw ControlRequestError(message: "\(place).headers has an invalid header '\(name)'")
                }
                headers.add(name, value)
            }
        default: throw ControlRequestError(message: "\(place).headers must be an object of strings")
        }
        var body: ScriptedStep.Body?
        switch members["body"] {
        case nil: body = nil
        case .string(let text)?: body = .text(text)
        case let value?: body = .json(value)
        }

        let hang = (hangSeconds != nil || hangMillis != nil)
            ? Duration.seconds(hangSeconds ?? 0) + .milliseconds(hangMillis ?? 0) : nil
        let actions = (status != nil ? 1 : 0) + (hang != nil ? 1 : 0) + (reset ? 1 : 0)
        guard actions <= 1 else {
            throw ControlRequestError(message: "\(place) must choose one of status, hang and reset")
        }
        if status == nil && (body != nil || !headers.fields.isEmpty) {
            throw ControlRequestError(message: "\(place) gives headers or a body without a status")
        }
        let action: ScriptedStep.Action
        if let status {
            action = .respond(status: status, headers: headers, body: body)
        } else if let hang {
            action = .hang(hang)
        } else if reset {
            action = .reset
        } else {
            action = .passThrough
        }
        return (ScriptedStep(delay: delay, action: action), repeatCount)
    }
}
