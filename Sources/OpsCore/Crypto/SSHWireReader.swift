/// Reads the SSH wire encoding (RFC 4251 §5): `uint32`, `string` (a uint32 length and that many
/// bytes) and `mpint`. Strict: every read checks the bytes are there, and `mpint`s must be
/// positive and minimal, as OpenSSH requires of keys and signatures.
package struct SSHWireReader: Sendable {
    package enum Failure: Error, Sendable, Equatable {
        /// The data ended inside `field`.
        case truncated(field: String)
        /// `field` is not a well-formed positive, minimal multiple-precision integer.
        case badInteger(field: String)
        /// `field` is not valid UTF-8 text.
        case badText(field: String)
    }

    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    package var isAtEnd: Bool { offset == bytes.count }
    package var remaining: Int { bytes.count - offset }

    package mutating func raw(count: Int, field: String) throws(Failure) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw .truncated(field: field) }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    package mutating func uint32(field: String) throws(Failure) -> UInt32 {
        let four = try raw(count: 4, field: field)
        return four.reduce(0) { $0 << 8 | UInt32($1) }
    }

    package mutating func string(field: String) throws(Failure) -> [UInt8] {
        let length = try uint32(field: field)
        guard Int(length) <= remaining else { throw .truncated(field: field) }
        return try raw(count: Int(length), field: field)
    }

    package mutating func text(field: String) throws(Failure) -> String {
        let data = try string(field: field)
        guard let text = String(validating: data, as: UTF8.self) else { throw .badText(field: field) }
        return text
    }

    /// A non-negative `mpint`, returned as its unsigned big-endian magnitude without the sign byte.
    package mutating func positiveInteger(field: String) throws(Failure) -> [UInt8] {
        let data = try string(field: field)
        guard let first = data.first else { return [] }
        if first & 0x80 != 0 { throw .badInteger(field: field) }
        if first == 0 {
            // A leading zero is allowed only to keep the next byte's high bit from reading as a sign.
            guard data.count > 1, data[1] & 0x80 != 0 else { throw .badInteger(field: field) }
            return Array(data.dropFirst())
        }
        return data
    }
}

/// Writes the SSH wire encoding, for the bytes an SSH signature covers.
package struct SSHWireWriter: Sendable {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func raw(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
    }

    package mutating func uint32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    package mutating func string(_ data: [UInt8]) {
        uint32(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    package mutating func string(_ text: String) {
        string(Array(text.utf8))
    }
}
