/// A vendor-neutral error the server asks an emulator to render in its vendor's envelope:
/// injected faults (429, 500, ...) and scripted steps that give a status but no body.
package struct EmulatorError: Sendable, Equatable {
    package var status: Int
    package var message: String
    /// Seconds for `Retry-After`; set on injected 429s.
    package var retryAfterSeconds: Int?

    package init(status: Int, message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The error the fault injector sends for a status.
    package static func injected(status: Int) -> EmulatorError {
        switch status {
        case 429: EmulatorError(status: 429, message: "Rate limit exceeded", retryAfterSeconds: 1)
        case 500: EmulatorError(status: 500, message: "Internal server error")
        case 502: EmulatorError(status: 502, message: "Bad gateway")
        case 503: EmulatorError(status: 503, message: "Service unavailable", retryAfterSeconds: 1)
        case 504: EmulatorError(status: 504, message: "Gateway timeout")
        default: EmulatorError(status: status, message: HTTPStatusPhrase.phrase(for: status))
        }
    }
}
