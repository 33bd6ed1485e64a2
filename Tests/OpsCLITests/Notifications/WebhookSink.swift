import OpsCore
import OpsSandbox
import Synchronization

/// A webhook receiver mounted in the test's sandbox at `/hooks`: it keeps every request as
/// received (raw body bytes and headers) and answers with `status`.
final class WebhookSink: ServiceEmulator, Sendable {
    struct Delivery: Sendable {
        var path: String
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    let scope: String
    let status: Int
    private let received = Mutex<[Delivery]>([])

    init(scope: String = "hooks", status: Int = 204) {
        self.scope = scope
        self.status = status
    }

    func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        received.withLock { $0.append(Delivery(path: request.path, headers: request.headers, body: request.body)) }
        return status == 204 ? .empty(204) : .json(status, ["error": "the receiver is down"])
    }

    var deliveries: [Delivery] { received.withLock { $0 } }
}
