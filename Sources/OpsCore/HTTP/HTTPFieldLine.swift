/// One header field line, `name: value`, read from its bytes (RFC 9112 section 5): the line's
/// own CR and LF and the optional white space around the value (SP and HTAB, RFC 9110's OWS)
/// are dropped; white space inside the value is kept.
///
/// The one reader of field lines for opsctl's HTTP client, the sandbox's server and the
/// sandbox's deliveries to loopback receivers. What a reader does with a line it finds suspect
/// is its own choice: the sandbox's server refuses obsolete line folding and names that are not
/// tokens (`startsWithWhiteSpace`, `isToken`), while clients take what servers send.
package struct HTTPFieldLine: Equatable, Sendable {
    package var name: String
    package var value: String
    /// Whether the line began with SP or HTAB: obsolete line folding (RFC 9112 section 5.2).
    package var startsWithWhiteSpace: Bool

    package init(name: String, value: String, startsWithWhiteSpace: Bool = false) {
        self.name = name
        self.value = value
        self.startsWithWhiteSpace = startsWithWhiteSpace
    }

    /// The field in `line`; nil when it has no colon.
    package init?(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard let colon = line[..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var start = colon + 1
        while start < end, Self.isWhiteSpace(line[start]) { start += 1 }
        while end > start, Self.isWhiteSpace(line[end - 1]) { end -= 1 }
        name = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]), as: UTF8.self)
        value = String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        startsWithWhiteSpace = colon > 0 && Self.isWhiteSpace(line[0])
    }

    package init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard let field = bytes.withContiguousStorageIfAvailable({ Self(UnsafeRawBufferPointer($0)) })
            ?? Array(bytes).withUnsafeBytes({ Self($0) })
        else { return nil }
        self = field
    }

    /// Whether the name is an RFC 9110 token: the only names a strict reader accepts.
    package var isToken: Bool {
        !name.isEmpty && name.utf8.allSatisfy(Self.isTokenByte)
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    package static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
