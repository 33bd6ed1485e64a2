import Foundation

/// Decodes `Decodable` values from a parsed `JSONValue`: the fast path for vendor responses,
/// which on Linux cost far more through Foundation's `JSONDecoder` than parsing them with
/// `JSONParser` and reading the fields a type asks for (docs/performance.md).
///
/// It decodes what `JSONDecoder` with its default strategies decodes to the same value, and
/// throws for everything else. A mismatch throws as `JSONDecoder` would (a type's own
/// `try?` sees the same outcome); what only Foundation can decode (`URL`, `Data`, `Decimal`,
/// an integer a `Double` cannot hold exactly, super decoders) also marks the whole attempt
/// as refused, so the result is discarded even if a `try?` swallowed the throw. Callers fall
/// back to `JSONDecoder` on any error, so the errors people see are always Foundation's.
/// Coding paths are not tracked (each would cost an allocation per field): nothing here
/// reports them, and no type in the project decides anything by its coding path.
package enum JSONValueDecoder {
    package static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let session = DecodingSession()
        let decoded = try ValueDecoder(value: value, session: session).decodeValue(T.self)
        if session.refused { throw JSONValueDecodingRefusal() }
        return decoded
    }
}

/// Thrown for whatever the fast path does not decode; never shown to anyone.
struct JSONValueDecodingRefusal: Error {}

/// Shared by the decoders and containers of one attempt.
private final class DecodingSession {
    var refused = false

    func refuse() -> JSONValueDecodingRefusal {
        refused = true
        return JSONValueDecodingRefusal()
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let session: DecodingSession
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw JSONValueDecodingRefusal() }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, session: session))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw JSONValueDecodingRefusal() }
        return UnkeyedContainer(elements: elements, session: session)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(value: value, session: session) }

    /// The entry point for every nested value: scalars directly, the rest through their own
    /// `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self, case .string(let text) = value { return text as! T }
        if T.self == Int.self, case .int(let number) = value { return number as! T }
        if T.self == Bool.self, case .bool(let flag) = value { return flag as! T }
        if T.self == URL.self || T.self == Data.self || T.self == Decimal.self { throw session.refuse() }
        return try T(from: self)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let session: DecodingSession
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else { throw JSONValueDecodingRefusal() }
        return value
    }

    private func single(_ key: Key) throws -> SingleContainer { SingleContainer(value: try member(key), session: session) }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try single(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try single(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try single(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try single(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try single(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try single(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try single(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try single(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try single(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try single(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try single(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try single(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try single(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try single(key).decode(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder(value: try member(key), session: session).decodeValue(T.self)
    }

    // As `JSONDecoder` does: an absent key and a null are both nil.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = members[key.stringValue], value != .null else { return nil }
        guard case .string(let text) = value else { throw JSONValueDecodingRefusal() }
        return text
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue], value != .null else { return nil }
        return try ValueDecoder(value: value, session: session).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try member(key), session: session).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), session: session).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw session.refuse() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw session.refuse() }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let session: DecodingSession
    var codingPath: [any CodingKey] { [] }
    var currentIndex = 0

    init(elements: [JSONValue], session: DecodingSession) {
        self.elements = elements
        self.session = session
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else { throw JSONValueDecodingRefusal() }
        defer { currentIndex += 1 }
        return ValueDecoder(value: elements[currentIndex], session: session)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw JSONValueDecodingRefusal() }
        if elements[currentIndex] == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { throw session.refuse() }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let session: DecodingSession
    var codingPath: [any CodingKey] { [] }

    private func refusal() -> JSONValueDecodingRefusal { JSONValueDecodingRefusal() }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .int(let number) = value, let exact = T(exactly: number) else { throw refusal() }
        return exact
    }

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw refusal() }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw refusal() }
        return text
    }

    // Only integers reach here (`JSONParser` refuses fractions, which then go to Foundation);
    // an integer that a Double cannot hold exactly goes there too.
    func decode(_ type: Double.Type) throws -> Double {
        guard case .int(let number) = value else { throw refusal() }
        guard let exact = Double(exactly: number) else { throw session.refuse() }
        return exact
    }

    func decode(_ type: Float.Type) throws -> Float {
        guard case .int(let number) = value else { throw refusal() }
        guard let exact = Float(exactly: number) else { throw session.refuse() }
        return exact
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueDecoder(value: value, session: session).decodeValue(T.self)
    }
}
