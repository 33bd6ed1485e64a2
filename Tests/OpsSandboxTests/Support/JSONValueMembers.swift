import OpsCore

extension JSONValue {
    /// The members of an object (nil for anything else), for assertions about the keys an
    /// emulator writes; production code reads members by key with the subscript.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
