/// Which header, query-parameter and JSON-field names carry credentials.
///
/// Headers follow a broad substring rule (a header is metadata, masking one too many costs
/// nothing). Parameters and JSON fields are data a reader may need, so they are split into
/// words first: `access_token` and `X-Amz-Signature` are masked, `lookup_keys` is not.
package enum SensitiveNames {
    private static let exactHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "apikey", "x-api-key",
    ]
    private static let headerFragments = ["token", "secret", "key", "signature", "password", "credential"]

    package static func isSensitiveHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return exactHeaders.contains(lowered) || headerFragments.contains { lowered.contains($0) }
    }

    /// Words that mark a value as a credential wherever they appear in a name.
    private static let secretWords: Set<String> = [
        "token", "secret", "signature", "sig", "password", "passwd", "pwd", "credential", "credentials",
        "apikey", "authorization", "cookie",
    ]
    /// `key` alone is too common in data (`lookup_key`, Vercel's env `key` is the variable's
    /// name), so as a JSON field it counts only after one of these qualifiers.
    private static let keyQualifiers: Set<String> = [
        "api", "private", "access", "secret", "signing", "service", "master", "encryption", "auth", "client",
        "session", "role",
    ]

    /// A query or form parameter name: `token`, `key`, `api_key`, `X-Amz-Signature`, ...
    package static func isSensitiveParameter(_ name: String) -> Bool {
        let parts = words(of: name)
        if parts == ["key"] { return true }
        return isSensitive(parts)
    }

    /// A JSON member name: like a parameter, except that a bare `key` is data.
    package static func isSensitiveField(_ name: String) -> Bool {
        isSensitive(words(of: name))
    }

    private static func isSensitive(_ parts: [String]) -> Bool {
        if parts.contains(where: secretWords.contains) { return true }
        for (index, part) in parts.enumerated() where part == "key" && index > 0 {
            if keyQualifiers.contains(parts[index - 1]) { return true }
        }
        return false
    }

    /// Splits `X-Amz-Signature`, `client_secret`, `apiKey`, `lookup_keys[0]` into lower-case words.
    static func words(of name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if character.isLetter || character.isNumber {
                if character.isUppercase, previousWasLower, !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousWasLower = character.isLowercase || character.isNumber
            } else {
                if !current.isEmpty { parts.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
