import Foundation

/// The shapes a secret takes on its way into a log: as typed, percent-encoded in a URL or a
/// form body, escaped inside JSON, and base64-encoded (HTTP Basic credentials, JWT payloads,
/// Kubernetes-style blobs).
enum SecretForms {
    static func all(of secret: String, minimumLength: Int) -> [String] {
        var forms: Set<String> = [secret]
        forms.insert(PercentEncoding.encode(secret, uppercase: true))
        forms.insert(PercentEncoding.encode(secret, uppercase: false))
        // As a form body encodes it: the same, with a space as `+` (a `+` of its own is `%2B`).
        forms.insert(mapped(PercentEncoding.encode(secret, keeping: spaceKept), spaceAsPlus))
        // The partial encodings URLComponents and hand-built URLs produce (Foundation's
        // `urlQueryAllowed`, `urlPathAllowed`, `urlUserAllowed`, `urlPasswordAllowed` and a query
        // value's set), made here without Foundation's character sets, whose first use cost a
        // plan's first request about half a millisecond (docs/performance.md).
        for kept in partialEncodings { forms.insert(PercentEncoding.encode(secret, uppercase: true, keeping: kept)) }
        forms.insert(jsonEscaped(secret))
        for core in base64Cores(of: Array(secret.utf8)) {
            forms.insert(core)
            forms.insert(mapped(core, urlSafe))
        }
        return forms.filter { $0.utf8.count >= minimumLength }
    }

    /// Foundation's URL character sets, which hold ASCII characters only: what each leaves
    /// unescaped beside RFC 3986's unreserved characters.
    static let partialEncodings: [PercentEncoding.KeptBytes] = [
        PercentEncoding.KeptBytes(unreservedAnd: "!$&'()*+,/:;=?@"),  // urlQueryAllowed
        PercentEncoding.KeptBytes(unreservedAnd: "!$&'()*+,/:=@"),  // urlPathAllowed
        PercentEncoding.KeptBytes(unreservedAnd: "!$&'()*+,;="),  // urlUserAllowed, urlPasswordAllowed
        // A query value as careful code encodes it: query characters minus the separators `&=+?`.
        PercentEncoding.KeptBytes(unreservedAnd: "!$'()*,/:;@"),
    ]

    /// base64url's alphabet for standard base64's `+` and `/`.
    private static func urlSafe(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "+"): UInt8(ascii: "-")
        case UInt8(ascii: "/"): UInt8(ascii: "_")
        default: byte
        }
    }

    /// Spaces left unescaped, to be written as `+`.
    private static let spaceKept = PercentEncoding.KeptBytes(unreservedAnd: " ")

    private static func spaceAsPlus(_ byte: UInt8) -> UInt8 {
        byte == UInt8(ascii: " ") ? UInt8(ascii: "+") : byte
    }

    /// `text` with each byte replaced by what `transform` makes of it (ASCII for ASCII).
    private static func mapped(_ text: String, _ transform: (UInt8) -> UInt8) -> String {
        String(decoding: text.utf8.map(transform), as: UTF8.self)
    }

    /// The secret as it appears inside a JSON string written by a serializer that escapes `/`.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The part of the secret's base64 encoding that is the same wherever the secret sits in
    /// the encoded input. Base64 works in 3-byte groups, so a secret preceded by 0, 1 or 2
    /// other bytes encodes three different ways; in each, the characters that mix in a
    /// neighbour's bits are dropped at both ends, and what is left is fixed by the secret alone.
    /// That catches `base64("user:" + secret)` as well as `base64(secret)`.
    static func base64Cores(of bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var cores: [String] = []
        for offset in 0..<3 {
            let padded = [UInt8](repeating: 0, count: offset) + bytes
            var encoded = Array(Data(padded).base64EncodedString().utf8)
            while encoded.last == UInt8(ascii: "=") { encoded.removeLast() }
            // Leading characters that carry bits of the unknown prefix bytes.
            let head = [0, 2, 3][offset]
            // The last character is partial when the input does not end on a group boundary.
            let tail = padded.count % 3 == 0 ? 0 : 1
            guard encoded.count > head + tail else { continue }
            cores.append(String(decoding: encoded[head..<(encoded.count - tail)], as: UTF8.self))
        }
        return cores
    }
}
