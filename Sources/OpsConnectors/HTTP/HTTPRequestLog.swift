import OpsCore

/// `--verbose`: one line per answered request, `GET /repos/acme/web/labels?page=2 → 200 (41 ms)`,
/// built from the client's events, which are redacted before they are raised.
enum HTTPRequestLog {
    static func observer(for context: ConnectorContext) -> (@Sendable (HTTPLogEvent) -> Void)? {
        guard let write = context.requestLog else { return nil }
        return { event in
            if let line = line(for: event) { write(line) }
        }
    }

    static func line(for event: HTTPLogEvent) -> String? {
        switch event {
        case .response(let request, _, let status, _, _, let elapsed):
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            return "\(request.method) \(request.target) → \(status) (\(milliseconds) ms)"
        case .retry(let request, let attempt, let wait, _):
            let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
            return "\(request.method) \(request.target): retrying after attempt \(attempt) in \(milliseconds) ms"
        case .failure(let error):
            return "request failed: \(error.diagnostic.message)"
        case .request:
            return nil
        }
    }
}
