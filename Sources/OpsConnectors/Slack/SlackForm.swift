import OpsCore

/// Arguments of a Slack method as an `application/x-www-form-urlencoded` body, in order.
struct SlackForm: Sendable, Hashable {
    var fields: [Field]

    struct Field: Sendable, Hashable {
        var name: String
        var value: String
    }

    init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// The same form with `name` set to `value`, replacing any earlier value.
    func setting(_ name: String, _ value: String) -> SlackForm {
        var copy = self
        copy.fields.removeAll { $0.name == name }
        copy.fields.append(Field(name: name, value: value))
        return copy
    }

    var encoded: [UInt8] {
        Array(fields.map { "\(ServiceRequest.encodeQueryComponent($0.name))=\(ServiceRequest.encodeQueryComponent($0.value))" }.joined(separator: "&").utf8)
    }

    /// `POST <base>/<method>` with this form. Reads are marked idempotent: repeating one after
    /// a lost answer is harmless, though Slack wants POST for them.
    func request(_ method: String, idempotent: Bool) -> ServiceRequest {
        ServiceRequest(
            method: "POST", target: "/\(method)", headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
            body: encoded, idempotency: idempotent ? .idempotent : .notIdempotent
        )
    }
}
