/// How a command ended, as the command sees it. Commands return this and never call `exit`;
/// `ExitStatus` alone turns it into a number.
enum CommandOutcome: Sendable, Hashable {
    /// Did what was asked (including printing help or the version).
    case success
    /// Failed, and has already said why (an invalid configuration, an unreadable file).
    case failure
    /// Ran fine, but found something a script should act on: `plan --detailed-exitcode` saw
    /// changes or failing checks, `apply` left changes awaiting approval, `receipts verify`
    /// found a broken log.
    case attention
}
