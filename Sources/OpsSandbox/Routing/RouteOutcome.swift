import OpsCore

/// What the connection should do with a routed request.
enum RouteOutcome: Sendable, Equatable {
    case respond(HTTPResponse)
    /// Abort the connection with a TCP RST.
    case reset
    /// Send nothing for this long (or until the client gives up), then close.
    case hang(Duration)
    /// Close without answering: the server is stopping.
    case drop
}
