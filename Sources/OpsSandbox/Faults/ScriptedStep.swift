import OpsCore

/// One scripted answer for a request that matches a rule: wait `delay`, then act.
struct ScriptedStep: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        case json(JSONValue)
        case text(String)
    }

    enum Action: Sendable, Equatable {
        /// Let the emulator answer as usual, after the delay: a slow but correct response.
        case passThrough
        /// Answer with this status; without a body, the emulator renders its vendor's error.
        case respond(status: Int, headers: HTTPHeaders, body: Body?)
        /// Hold the connection without answering, then close it: a hung upstream.
        case hang(Duration)
        /// Abort the connection with a TCP RST.
        case reset
    }

    var delay: Duration
    var action: Action
}
