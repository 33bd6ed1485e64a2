import Foundation
import OpsCore

/// `healthCheck:`: one GET of the app's own URL, without credentials and without retries
/// beyond one, so a down app is reported quickly. Any status is an answer; only 2xx passes.
struct HerokuHealthProbe: Sendable {
    enum Outcome: Sendable, Equatable {
        case status(Int)
        case unreachable(String)
    }

    let redactor: Redactor
    let context: ConnectorContext
    let metrics = HTTPMetrics()

    var requests: Int { metrics.snapshot().requests }

    func probe(_ url: String) async -> Outcome {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host,
            let origin = URL(string: "\(scheme)://\(host)\(parsed.port.map { ":\($0)" } ?? "")")
        else { return .unreachable("it is not an absolute URL") }
        let configuration = ServiceHTTPConfiguration(
            service: "health check", baseURL: origin, maxConcurrentRequests: 1,
            timeouts: HTTPTimeouts(perAttempt: .seconds(10), overall: .seconds(20)), retry: RetryPolicy(maxAttempts: 2)
        )
        let client = ServiceHTTPClient(configuration: configuration, redactor: redactor, metrics: metrics, observer: HTTPRequestLog.observer(for: context))
        var request = ServiceRequest.get(url)
        request.acceptedStatuses = Set(300..<600)
        do {
            return .status(try await client.send(request).status)
        } catch let error as HTTPClientError {
            return .unreachable(error.diagnostic.message)
        } catch {
            return .unreachable("\(error)")
        }
    }
}
