import OpsCore

/// An enum type with its labels in sort order (`pg_enum.enumsortorder`).
struct EnumSnapshot: Sendable, Hashable {
    var schema: String
    var name: String
    var values: [String]

    var json: JSONValue {
        ["schema": .string(schema), "name": .string(name), "values": .array(values.map(JSONValue.string))]
    }
}
