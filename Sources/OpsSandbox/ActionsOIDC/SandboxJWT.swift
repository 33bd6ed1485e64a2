import Foundation
import OpsCore

/// JSON Web Tokens as the sandbox's OIDC issuer writes them and its STS reads them: three
/// base64url parts. The signature is random bytes; nothing in the sandbox verifies it
/// (docs/sandbox.md says so), but the claims are real JSON a client could inspect.
package enum SandboxJWT {
    package static func make(claims: JSONValue) -> String {
        let header: JSONValue = ["alg": "RS256", "kid": "sandbox", "typ": "JWT"]
        let signature = (try? SecureRandom.bytes(count: 32)) ?? Array(repeating: 0, count: 32)
        return [JSONWriter.canonicalBytes(header), JSONWriter.canonicalBytes(claims), signature].map(base64URL).joined(separator: ".")
    }

    /// The claims of a token, or nil when it is not three base64url parts with a JSON object in the middle.
    package static func claims(of token: String) -> [String: JSONValue]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = decodeBase64URL(parts[1]), let value = try? JSONParser.parse(payload),
            case .object(let claims) = value
        else { return nil }
        return claims
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func decodeBase64URL(_ text: Substring) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { Array($0) }
    }
}
