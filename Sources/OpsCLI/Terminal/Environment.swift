import Foundation

/// The process environment as a value, so that tests can run opsctl with any variables
/// without touching the real environment.
package struct Environment: Sendable, Hashable {
    package var variables: [String: String]

    package init(variables: [String: String] = [:]) {
        self.variables = variables
    }

    /// The environment this process was started with.
    package static var current: Environment {
        Environment(variables: ProcessInfo.processInfo.environment)
    }

    package subscript(name: String) -> String? {
        variables[name]
    }
}
