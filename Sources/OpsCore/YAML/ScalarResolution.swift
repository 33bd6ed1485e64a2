import Glibc

/// The value a scalar stands for under the YAML 1.2 core schema.
///
/// The 1.2 schema is used on purpose: under 1.1, `on`, `yes` and `no` are booleans and
/// `0777` is octal, which surprises people writing labels and cron schedules.
package enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

package enum YAMLTag {
    package static let string = "tag:yaml.org,2002:str"
    package static let int = "tag:yaml.org,2002:int"
    package static let float = "tag:yaml.org,2002:float"
    package static let bool = "tag:yaml.org,2002:bool"
    package static let null = "tag:yaml.org,2002:null"
    package static let map = "tag:yaml.org,2002:map"
    package static let seq = "tag:yaml.org,2002:seq"
    package static let merge = "tag:yaml.org,2002:merge"

    static let scalarTags: Set<String> = [string, int, float, bool, null]
    static let known: Set<String> = scalarTags.union([map, seq, merge, "!"])
}

extension YAMLNode {
    /// The scalar's value; nil for collections, or for a scalar whose explicit tag it cannot satisfy.
    package var resolved: ResolvedScalar? {
        let record = record
        guard record.kind == .scalar else { return nil }
        switch record.tag {
        case .string: return .string(store.string(record))
        case .int: return ScalarResolver.int(store.string(record)).map(ResolvedScalar.int)
        case .float: return ScalarResolver.float(store.string(record)).map(ResolvedScalar.float)
        case .bool: return ScalarResolver.bool(store.string(record)).map(ResolvedScalar.bool)
        case .null: return ScalarResolver.isNull(store.string(record)) ? .null : nil
        case .none, .map, .seq, .merge:
            guard record.style == .plain else { return .string(store.string(record)) }
            // Most plain scalars are words (names, types, colours). A null, bool, int or float can
            // only begin with one of a few bytes; any other first byte makes the scalar a string,
            // which every check in `resolvePlain` would conclude more slowly.
            let first = store.withBytes(record) { $0.first }
            if let first, !ScalarResolver.mayBeginNonString(first) { return .string(store.string(record)) }
            return ScalarResolver.resolvePlain(store.string(record))
        }
    }

    /// Whether the scalar resolves to null, decided on its bytes: every value read asks this
    /// first, and most are not null.
    package var isNull: Bool {
        let record = record
        guard record.kind == .scalar else { return false }
        switch record.tag {
        case .null: break
        case .none, .map, .seq, .merge: guard record.style == .plain else { return false }
        case .string, .int, .float, .bool: return false
        }
        return store.withBytes(record) { bytes in
            switch bytes.count {
            case 0: return true
            case 1: return bytes[0] == UInt8(ascii: "~")
            case 4: return ScalarResolver.isNull(String(decoding: bytes, as: UTF8.self))
            default: return false
            }
        }
    }
}

extension YAMLNode {
    /// The case of `Choice` this scalar spells exactly, when it can only resolve as text (no
    /// tag but `!!str`, and quoted, or plain with a first byte no null, bool or number begins
    /// with); nil otherwise, for `resolved` to decide. Compared on the scalar's bytes, so a
    /// choice read this way makes no `String` (a configuration's enumerated words, a Vercel
    /// variable's targets and type among them, each made one: docs/performance.md).
    func spelledChoice<Choice: RawRepresentable<String> & CaseIterable>(_: Choice.Type) -> Choice? {
        let record = record
        guard record.kind == .scalar, record.tag == .none || record.tag == .string else { return nil }
        return store.withBytes(record) { bytes -> Choice? in
            guard let first = bytes.first, record.tag == .string || record.style != .plain || !ScalarResolver.mayBeginNonString(first)
            else { return nil }
            for choice in Choice.allCases {
                var raw = choice.rawValue
                let equal = raw.withUTF8 { spelling in
                    spelling.count == bytes.count && memcmp(spelling.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
                if equal { return choice }
            }
            return nil
        }
    }
}

enum ScalarResolver {
    static func resolvePlain(_ text: String) -> ResolvedScalar {
        if let first = text.utf8.first, !mayBeginNonString(first) { return .string(text) }
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        // A number begins with a digit, a sign or a point: any other word left is text.
        if let first = text.utf8.first, !mayBeginNumber(first) { return .string(text) }
        if let value = int(text) { return .int(value) }
        if let value = float(text) { return .float(value) }
        return .string(text)
    }

    /// `~`, `n`/`N` (null), `t`/`T`/`f`/`F` (bools), or what may begin a number.
    static func mayBeginNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return mayBeginNumber(byte)
        }
    }

    /// Digits, signs and `.` (numbers, `.inf`, `.nan`).
    static func mayBeginNumber(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    static func int(_ text: String) -> Int? {
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // Only the core schema's shape: digits with an optional point and exponent.
        var sawDigit = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 48...57: sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if index != 0 { continue }
            default: return nil
            }
        }
        return sawDigit ? Double(text) : nil
    }
}
