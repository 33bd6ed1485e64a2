/// A control request the sandbox could not accept; answered with 400 and this message.
struct ControlRequestError: Error, Sendable, Equatable {
    var message: String
}
