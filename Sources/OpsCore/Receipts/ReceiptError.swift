/// Why a receipts operation could not be carried out. (A log that fails verification is not
/// an error but a `VerificationReport` with a `VerificationFailure`.)
package enum ReceiptError: DiagnosticError, Equatable {
    /// A system call failed; `operation` says what opsctl was doing ("open", "fsync" ...).
    case io(path: String, operation: String, errno: Int32)
    /// The log ends in a line without its newline (a write cut short), so there is no
    /// trustworthy tail to chain the next receipt onto. `seq` is the seq that line would have.
    case tornTail(path: String, seq: Int?, byteOffset: Int, byteCount: Int, detail: String)
    /// The log ends in a complete line that is not a receipt. A crash cannot produce that, so
    /// it was edited, and `repair` will not clear it.
    case editedTail(path: String, seq: Int?, byteOffset: Int, detail: String)
    /// A line before the end is not a receipt.
    case unreadableLine(path: String, line: Int, seq: Int, detail: String)
    case lineTooLong(path: String, line: Int, limit: Int)
    /// A receipt could not be built from the values given.
    case invalidReceipt(String)
    case invalidCheckpoint(path: String, detail: String)
    case repairRefused(path: String, reason: String)
    case crypto(CryptoError)
    /// `receipts import` into a log that is not empty, or of a file that does not verify.
    case importRefused(location: String, reason: String)
    /// The store behind the log failed (a database error, already free of passwords).
    case store(location: String, message: String, hint: String?)

    package var message: String {
        switch self {
        case .io(let path, let operation, let code):
            return "cannot \(operation) '\(path)': \(describeErrno(code))"
        case .tornTail(let path, let seq, let offset, let count, let detail):
            let which = seq.map { "seq \($0), " } ?? ""
            return "the last line of '\(path)' (\(which)\(count) bytes at byte \(offset)) is torn: \(detail)"
        case .editedTail(let path, let seq, let offset, let detail):
            let which = seq.map { "seq \($0), " } ?? ""
            return "the last line of '\(path)' (\(which)at byte \(offset)) is complete but not a receipt, so it was edited: \(detail)"
        case .unreadableLine(let path, let line, let seq, let detail):
            return "line \(line) of '\(path)' (seq \(seq)) is not a receipt: \(detail)"
        case .lineTooLong(let path, let line, let limit):
            let which = line > 0 ? "line \(line)" : "the last line"
            return "\(which) of '\(path)' is longer than \(limit) bytes"
        case .invalidReceipt(let detail):
            return "cannot write the receipt: \(detail)"
        case .invalidCheckpoint(let path, let detail):
            return "the checkpoint '\(path)' is not valid: \(detail)"
        case .repairRefused(let path, let reason):
            return "cannot repair '\(path)': \(reason)"
        case .crypto(let error):
            return error.message
        case .importRefused(let location, let reason):
            return "cannot import into '\(location)': \(reason)"
        case .store(let location, let message, _):
            return "the receipts log at \(location) cannot be used: \(message)"
        }
    }

    package var hint: String? {
        switch self {
        case .io: return nil
        case .tornTail:
            return "run `opsctl receipts repair`: it moves the fragment to a quarantine file and records a recovery receipt"
        case .editedTail:
            return "restore the log from a backup; `opsctl receipts repair` only clears a last line cut short before its newline"
        case .unreadableLine, .lineTooLong:
            return "run `opsctl receipts verify` to see the first broken entry; restore the log from a backup"
        case .invalidReceipt: return nil
        case .invalidCheckpoint: return "the file holds one line, `SEQ HASH`; delete it to start a new checkpoint"
        case .repairRefused: return "restore the log from a backup or a CI artifact, then run `opsctl receipts verify`"
        case .crypto(let error): return error.diagnostic.hint
        case .importRefused: return "import loads a verified file into an empty log: run `opsctl receipts verify --receipts FILE` first"
        case .store(_, _, let hint): return hint
        }
    }

    package var diagnostic: Diagnostic {
        switch self {
        case .unreadableLine(let path, let line, _, _), .lineTooLong(let path, let line, _):
            Diagnostic(message: message, location: SourceLocation(file: path, line: line, column: 1), hint: hint)
        default:
            Diagnostic(message: message, hint: hint)
        }
    }
}
