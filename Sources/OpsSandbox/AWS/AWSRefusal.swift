/// An AWS error before the operation runs or from it: status, code and message, which each
/// protocol renders in its own envelope (JSON 1.1 for SSM, XML for STS).
package struct AWSRefusal: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    package var message: String
    /// Errors raised by AWS's request layer carry the `com.amazon.coral.service#` namespace in
    /// `__type`; service errors (`ParameterNotFound`) do not.
    package var namespaced: Bool

    package init(status: Int, code: String, message: String, namespaced: Bool = false) {
        self.status = status
        self.code = code
        self.message = message
        self.namespaced = namespaced
    }

    package var qualifiedCode: String {
        namespaced ? "com.amazon.coral.service#\(code)" : code
    }
}
