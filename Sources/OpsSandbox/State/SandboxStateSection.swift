import OpsCore

/// An emulator's typed view of its section of the state document (`{"github": {...}}`).
/// The store decodes a section once, keeps the typed value, and encodes it again only when a
/// request changed it.
package protocol SandboxStateSection: Sendable, Equatable {
    /// The state of a scope the document does not mention yet.
    static var empty: Self { get }

    init(stateJSON: JSONValue) throws(StateDecodingError)

    var stateJSON: JSONValue { get }
}

/// Where inside a section the JSON does not have the expected shape, as a JSON path such as
/// `repos["acme/app"].labels[2].color`.
package struct StateDecodingError: Error, Sendable, Equatable {
    package var path: String
    package var problem: String

    package init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }
}
