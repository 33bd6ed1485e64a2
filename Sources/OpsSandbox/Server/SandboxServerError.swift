import OpsCore

/// Why a sandbox server could not be set up or started.
package struct SandboxServerError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case portInUse(UInt16)
        case socketFailed(operation: String, reason: String)
        case invalidScope(String)
        case duplicateScope(String)
        case alreadyStarted
        case alreadyStopped
    }

    package var reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .portInUse(let port):
            "the sandbox cannot listen on 127.0.0.1:\(port): the port is already in use"
        case .socketFailed(let operation, let reason):
            "the sandbox cannot listen on 127.0.0.1: \(operation) failed: \(reason)"
        case .invalidScope(let scope):
            "'\(scope)' cannot be a sandbox mount point: scopes are lowercase letters, digits and '-'"
        case .duplicateScope(let scope):
            "two sandbox emulators are mounted at /\(scope)"
        case .alreadyStarted:
            "this sandbox server is already running"
        case .alreadyStopped:
            "this sandbox server was stopped and cannot be started again"
        }
    }

    package var hint: String? {
        switch reason {
        case .portInUse: "choose another --port, or --port 0 to let the system pick a free one"
        case .socketFailed: "check that the loopback interface is up"
        case .invalidScope, .duplicateScope: "give each emulator its own lowercase scope, such as 'github'"
        case .alreadyStarted, .alreadyStopped: "create a new SandboxServer for each run"
        }
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: message, hint: hint)
    }
}
