/// What a connector needs from a plan's change to carry it out, as a typed value. Each
/// connector decodes its payload in one place, its `init(change:)`; the rest of the connector
/// works with the value, never with the plan's JSON.
package protocol ChangePayload: Sendable {
    init(change: Change) throws(ChangePayloadError)
}

/// A change whose payload its connector cannot read: a plan from another version, or one
/// edited by hand (the digests would catch an edit, but a reader must not trust that alone).
package struct ChangePayloadError: DiagnosticError, Equatable {
    package var changeID: ChangeID
    package var problem: String

    package init(changeID: ChangeID, problem: String) {
        self.changeID = changeID
        self.problem = problem
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: "cannot read the plan's payload for \(changeID): \(problem)", hint: "re-run 'opsctl plan' and apply the new plan")
    }
}

/// Reads members of a change's payload, each failure naming the member's path.
package struct PayloadReader: Sendable {
    package let change: Change
    private let value: JSONValue
    private let path: String

    package init(_ change: Change) {
        self.init(change: change, value: change.payload, path: "payload")
    }

    private init(change: Change, value: JSONValue, path: String) {
        self.change = change
        self.value = value
        self.path = path
    }

    package func error(_ problem: String) -> ChangePayloadError {
        ChangePayloadError(changeID: change.id, problem: problem)
    }

    package func member(_ name: String) throws(ChangePayloadError) -> PayloadReader {
        guard case .object(let members) = value else { throw error("\(path) is not an object") }
        guard let member = members[name] else { throw error("\(path).\(name) is missing") }
        return PayloadReader(change: change, value: member, path: "\(path).\(name)")
    }

    package func optionalMember(_ name: String) throws(ChangePayloadError) -> PayloadReader? {
        guard case .object(let members) = value else { throw error("\(path) is not an object") }
        guard let member = members[name], member != .null else { return nil }
        return PayloadReader(change: change, value: member, path: "\(path).\(name)")
    }

    package var json: JSONValue { value }

    package func string() throws(ChangePayloadError) -> String {
        guard case .string(let text) = value else { throw error("\(path) is not a string") }
        return text
    }

    package func bool() throws(ChangePayloadError) -> Bool {
        guard case .bool(let flag) = value else { throw error("\(path) is not true or false") }
        return flag
    }

    package func int() throws(ChangePayloadError) -> Int {
        guard case .int(let number) = value else { throw error("\(path) is not an integer") }
        return number
    }

    package func strings() throws(ChangePayloadError) -> [String] {
        guard case .array(let items) = value else { throw error("\(path) is not an array") }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw error("\(path) holds something other than strings") }
            texts.append(text)
        }
        return texts
    }

    package func string(_ name: String) throws(ChangePayloadError) -> String { try member(name).string() }
    package func bool(_ name: String) throws(ChangePayloadError) -> Bool { try member(name).bool() }
    package func int(_ name: String) throws(ChangePayloadError) -> Int { try member(name).int() }
    package func strings(_ name: String) throws(ChangePayloadError) -> [String] { try member(name).strings() }
    package func optionalString(_ name: String) throws(ChangePayloadError) -> String? { try optionalMember(name)?.string() }
    package func optionalInt(_ name: String) throws(ChangePayloadError) -> Int? { try optionalMember(name)?.int() }
    package func optionalBool(_ name: String) throws(ChangePayloadError) -> Bool? { try optionalMember(name)?.bool() }
}
