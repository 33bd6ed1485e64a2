import OpsCore

/// One vendor API served by the sandbox under `/<scope>`.
///
/// Handlers are synchronous on purpose: the server runs each connection on its own OS thread
/// with blocking sockets, emulators do no I/O of their own, and a synchronous handler runs its
/// whole read-modify-write inside one `SandboxStateStore` transaction. An `async` handler would
/// have to be bridged onto the cooperative pool and waited for from a blocking thread, and an
/// actor would allow interleaving at every `await` inside a request.
package protocol ServiceEmulator: Sendable {
    /// The first path segment the emulator is mounted under, such as `github`; also the key of
    /// its section in the state document.
    var scope: String { get }

    /// Checks (and caches) the emulator's section of the loaded state, so a malformed state
    /// file is reported when the server starts rather than on some later request.
    func prepare(_ state: SandboxStateStore) throws

    func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse

    /// Renders an error in the vendor's own envelope and headers; used for injected faults,
    /// scripted statuses without a body, and failures to save state.
    func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse
}

extension ServiceEmulator {
    package func prepare(_ state: SandboxStateStore) throws {}

    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let seconds = error.retryAfterSeconds { headers.set("Retry-After", String(seconds)) }
        return .json(error.status, ["message": .string(error.message)], headers: headers)
    }
}
