/// The one place where outcomes become process exit statuses (README.md, "The loop", exit codes).
///
/// | status | meaning |
/// |---|---|
/// | 0  | success |
/// | 1  | an error: configuration invalid, a service unreachable, a step failed |
/// | 2  | `plan --detailed-exitcode`: changes or failing checks present; `apply`: changes left awaiting approval; `receipts verify`: the log is not intact |
/// | 64 | usage error (EX_USAGE from sysexits.h, as swift-argument-parser uses) |
package enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    case attention = 2
    case usage = 64

    init(_ outcome: CommandOutcome) {
        switch outcome {
        case .success: self = .success
        case .failure: self = .failure
        case .attention: self = .attention
        }
    }
}
