/// The one place where outcomes become process exit statuses (SPEC §2, "Exit codes").
///
/// | status | meaning |
/// |---|---|
/// | 0  | success |
/// | 1  | an error: configuration invalid, a service unreachable, a step failed |
/// | 2  | reserved: `plan --detailed-exitcode` changes present, `apply` left changes awaiting approval, `receipts verify` found a broken log (arrives with those commands) |
/// | 64 | usage error (EX_USAGE from sysexits.h, as swift-argument-parser uses) |
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 64

    init(_ outcome: CommandOutcome) {
        switch outcome {
        case .success: self = .success
        case .failure: self = .failure
        }
    }
}
