import Foundation

/// The shapes a secret takes on its way into a log: as typed, percent-encoded in a URL or a
/// form body, escaped inside JSON, and base64-encoded (HTTP Basic credentials, JWT payloads,
/// Kubernetes-style blobs).
enum SecretForms {
    static func all(of secret: String, minimumLength: Int) -> [String] {
        var forms: Set<String> = [secret]
        forms.insert(percentEncoded(secret, uppercase: true))
        forms.insert(percentEncoded(secret, uppercase: false))
        forms.insert(percentEncoded(secret, uppercase: true).replacingOccurrences(of: "%20", with: "+"))
        // Foundation's partial encodings, as URLComponents and hand-built URLs produce them.
        for allowed in [CharacterSet.urlQueryAllowed, .urlPathAllowed, .urlUserAllowed, .urlPasswordAllowed, queryValueAllowed] {
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) { forms.insert(encoded) }
        }
        forms.insert(jsonEscaped(secret))
        for core in base64Cores(of: Array(secret.utf8)) {
            forms.insert(core)
            forms.insert(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        return forms.filter { $0.utf8.count >= minimumLength }
    }

    /// A query value as careful code encodes it: query characters minus the separators.
    private static let queryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?"))

    static func percentEncoded(_ text: String, uppercase: Bool) -> String {
        PercentEncoding.encode(text, uppercase: uppercase)
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
            var encoded = Data(padded).base64EncodedString()
            while encoded.hasSuffix("=") { encoded.removeLast() }
            // Leading characters that carry bits of the unknown prefix bytes.
            let head = [0, 2, 3][offset]
            // The last character is partial when the input does not end on a group boundary.
            let tail = padded.count % 3 == 0 ? 0 : 1
            guard encoded.count > head + tail else { continue }
            let chars = Array(encoded)
            cores.append(String(chars[head..<(chars.count - tail)]))
        }
        return cores
    }
}
