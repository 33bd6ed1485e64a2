import Foundation
import OpsCore

/// Pulls the human message out of each vendor's error envelope (docs/http.md, "Vendor error
/// envelopes") so errors can quote the service instead of dumping its body.
package enum VendorErrorMessage {
    /// The longest message kept; error envelopes sometimes embed whole documents.
    static let maximumLength = 300

    /// The message, redacted and shortened, or nil when the body has none.
    package static func extract(from body: [UInt8], headers: HTTPHeaders = HTTPHeaders(), redactor: Redactor) -> String? {
        guard let raw = raw(from: body, headers: headers) else { return nil }
        let collapsed = raw.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !collapsed.isEmpty else { return nil }
        let redacted = redactor.redact(collapsed)
        return redacted.count > maximumLength ? String(redacted.prefix(maximumLength)) + "…" : redacted
    }

    static func raw(from body: [UInt8], headers: HTTPHeaders) -> String? {
        let object = JSONObject.parse(body)
        // AWS JSON 1.1 (SSM): the code is what callers act on, so it leads the message.
        if headers["x-amzn-ErrorType"] != nil || object?["__type"] != nil,
            let error = AWSErrorCode.parse(headers: headers, object: object)
        {
            return error.quoted
        }
        if let object {
            return fromEnvelope(object)
        }
        // A short plain-text body is usually the message itself; HTML and long text are not.
        let contentType = headers["Content-Type"]?.lowercased() ?? ""
        if contentType.hasPrefix("text/plain"), body.count <= 200, let text = String(validating: body, as: UTF8.self) {
            return text
        }
        return nil
    }

    private static func fromEnvelope(_ object: [String: Any]) -> String? {
        // Vercel: {"error": {"message": ..., "code": ...}}.
        if let error = object["error"] as? [String: Any] {
            if let message = error["message"] as? String { return message }
            if let code = error["code"] as? String { return code }
        }
        // GitHub, Heroku, Supabase: {"message": ...}; GitHub's 422 adds errors[] with the reason.
        if let message = object["message"] as? String {
            if let details = (object["errors"] as? [Any])?.first, let detail = describe(details), detail != message {
                return "\(message) (\(detail))"
            }
            return message
        }
        // SendGrid: {"errors": [{"field": ..., "message": ...}]}.
        if let errors = object["errors"] as? [Any], let first = errors.first, let detail = describe(first) {
            return detail
        }
        // Slack: {"ok": false, "error": "channel_not_found"}; Supabase Storage: {"error": "..."}.
        if let error = object["error"] as? String { return error }
        // PostHog / Django REST framework: {"detail": ...}.
        if let detail = object["detail"] as? String { return detail }
        return nil
    }

    private static func describe(_ detail: Any) -> String? {
        if let text = detail as? String { return text }
        guard let object = detail as? [String: Any] else { return nil }
        if let message = object["message"] as? String {
            if let field = object["field"] as? String { return "\(field): \(message)" }
            return message
        }
        if let code = object["code"] as? String {
            if let field = object["field"] as? String { return "\(code) \(field)" }
            return code
        }
        return nil
    }
}

/// A top-level JSON object from a body, or nil for anything else (empty, HTML, an array).
enum JSONObject {
    static func parse(_ body: [UInt8]) -> [String: Any]? {
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first == UInt8(ascii: "{")
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}
