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

    /// How `VendorErrorMessage` quotes an AWS error, `Code: message`, which `init?(quoted:)` reads back.
    package var quoted: String {
        message.map { "\(code): \($0)" } ?? code
    }

    /// Reads back a quoted error; nil when the text does not start with a code.
    package init?(quoted: String) {
        let code = quoted.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
        guard !code.isEmpty, code.first?.isUppercase == true else { return nil }
        let rest = quoted.dropFirst(code.count)
        if rest.isEmpty {
            self.init(code: String(code))
        } else if rest.hasPrefix(": ") {
            self.init(code: String(code), message: String(rest.dropFirst(2)))
        } else {
            return nil
        }
    }
}
