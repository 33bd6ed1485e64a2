import Foundation

/// The process environment as a value, so that tests can run opsctl with any variables
/// without touching the real environment.
public struct Environment: Sendable, Hashable {
    public var variables: [String: String]

    public init(variables: [String: String] = [:]) {
        self.variables = variables
    }

    /// The environment this process was started with.
    public static var current: Environment {
        Environment(variables: ProcessInfo.processInfo.environment)
    }

    public subscript(name: String) -> String? {
        variables[name]
    }
}
