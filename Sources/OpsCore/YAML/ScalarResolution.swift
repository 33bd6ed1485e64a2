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
        guard case .scalar(let scalar) = content else { return nil }
        switch tag {
        case YAMLTag.string?, "!"?: return .string(scalar.text)
        case YAMLTag.int?: return ScalarResolver.int(scalar.text).map(ResolvedScalar.int)
        case YAMLTag.float?: return ScalarResolver.float(scalar.text).map(ResolvedScalar.float)
        case YAMLTag.bool?: return ScalarResolver.bool(scalar.text).map(ResolvedScalar.bool)
        case YAMLTag.null?: return ScalarResolver.isNull(scalar.text) ? .null : nil
        default:
            return scalar.style == .plain ? ScalarResolver.resolvePlain(scalar.text) : .string(scalar.text)
        }
    }

    package var isNull: Bool { resolved == .null }
}

enum ScalarResolver {
    static func resolvePlain(_ text: String) -> ResolvedScalar {
        // Most plain scalars are words (names, types, colours). A null, bool, int or float can
        // only begin with one of a few bytes; any other first byte makes the scalar a string,
        // which every check below would conclude more slowly.
        if let first = text.utf8.first, !mayBeginNonString(first) { return .string(text) }
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        if let value = int(text) { return .int(value) }
        if let value = float(text) { return .float(value) }
        return .string(text)
    }

    /// `~`, `n`/`N` (null), `t`/`T`/`f`/`F` (bools), digits, signs and `.` (numbers, `.inf`, `.nan`).
    private static func mayBeginNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "~"),
            UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
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
