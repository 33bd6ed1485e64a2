import Foundation
import OpsCore

/// Registers every parameter `Value` in an SSM answer with the redactor the moment the answer
/// comes off the wire, below the HTTP client: the client's own log events and error messages
/// are built after this, so none of them can carry a value the redactor does not know yet.
struct SSMValueRegistration: HTTPTransport {
    let inner: any HTTPTransport
    let redactor: Redactor

    func send(_ request: OutgoingRequest, timeout: Duration) async throws -> HTTPResponse {
        let response = try await inner.send(request, timeout: timeout)
        Self.register(in: response.body, redactor: redactor)
        return response
    }

    func whenReady(_ job: @escaping @Sendable () -> Void) {
        inner.whenReady(job)
    }

    /// `Parameters[].Value` and `Parameter.Value`.
    static func register(in body: [UInt8], redactor: Redactor) {
        guard let object = JSONObject.parse(body) else { return }
        var parameters = (object["Parameters"] as? [Any]) ?? []
        if let single = object["Parameter"] { parameters.append(single) }
        for case let parameter as [String: Any] in parameters {
            if let value = parameter["Value"] as? String { redactor.register(secret: value) }
        }
    }
}
