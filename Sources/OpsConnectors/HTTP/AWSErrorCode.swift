import Foundation

/// AWS error codes may come namespaced (`com.amazonaws.ssm#ParameterNotFound`) or suffixed
/// (`ParameterNotFound:http://...`); SDKs strip both (docs/http.md, "Vendor error envelopes").
enum AWSErrorCode {
    static func normalize(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code).trimmingCharacters(in: .whitespaces)
    }
}
