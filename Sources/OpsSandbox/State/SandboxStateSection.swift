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
