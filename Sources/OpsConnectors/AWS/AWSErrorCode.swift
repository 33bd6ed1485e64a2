import Foundation
import OpsCore

/// The error of an AWS JSON-protocol answer (docs/services/ssm.md, "Errors"): the code from
/// the `x-amzn-ErrorType` header when present, else the body's `__type` (or `code`), with the
/// namespace before `#` and any `:`-suffix removed, as the AWS SDKs do
/// (`com.amazonaws.ssm#ParameterNotFound:http://internal.amazon.com/` → `ParameterNotFound`);
/// the message from `message` or `Message`.
package struct AWSErrorCode: Sendable, Equatable {
    package var code: String
    package var message: String?

    package init(code: String, message: String? = nil) {
        self.code = code
        self.message = message
    }

    package static func sanitize(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    /// The error of a response, or nil when it carries no AWS error code.
    package static func parse(headers: HTTPHeaders, object: [String: Any]?) -> AWSErrorCode? {
        let rawCode = headers["x-amzn-ErrorType"] ?? (object?["__type"] as? String) ?? (object?["code"] as? String)
        guard let code = rawCode.map(sanitize), !code.isEmpty else { return nil }
        let message = (object?["message"] as? String) ?? (object?["Message"] as? String)
        return AWSErrorCode(code: code, message: message.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// How `VendorErrorMessage` quotes an AWS error, `[Code] message`, which `init?(quoted:)`
    /// reads back. Not `Code: message`: the redactor takes a line starting `Name: ` for a
    /// dumped header, and a code such as `ExpiredTokenException` for a credential's name.
    package var quoted: String {
        "[\(code)]" + (message.map { " \($0)" } ?? "")
    }

    /// Reads back a quoted error; nil when the text does not start with a code.
    package init?(quoted: String) {
        guard quoted.hasPrefix("["), let close = quoted.firstIndex(of: "]") else { return nil }
        let code = quoted[quoted.index(after: quoted.startIndex)..<close]
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) else { return nil }
        let rest = quoted[quoted.index(after: close)...].drop { $0 == " " }
        self.init(code: String(code), message: rest.isEmpty ? nil : String(rest))
    }
}
