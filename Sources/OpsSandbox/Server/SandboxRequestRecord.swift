/// One served request, for logs. The query string is left out: it is the part of a URL most
/// likely to carry something secret.
package struct SandboxRequestRecord: Sendable, Equatable {
    package enum Outcome: Sendable, Equatable {
        case answered(status: Int)
        /// Closed with a TCP RST by an injected fault.
        case reset
        /// Held open without an answer by a scripted hang, then closed.
        case hung
        /// Dropped because the server was stopping.
        case dropped
    }

    package var method: String
    package var path: String
    package var outcome: Outcome
    package var duration: Duration
}
