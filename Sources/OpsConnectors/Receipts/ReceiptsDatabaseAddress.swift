import Foundation

/// What `--receipts` or `OPSCTL_RECEIPTS_URL` names when it is a database: a `postgres://`
/// URI or a keyword DSN (`host=… dbname=…`), with the marks of a transaction-mode connection
/// pooler noted. `pgbouncer=true` (a convention of ORMs, which libpq itself rejects) is taken
/// out before libpq sees the string.
struct ReceiptsDatabaseAddress: Sendable, Equatable {
    /// The string to hand libpq.
    let connectionString: String
    /// `pgbouncer=true` was given.
    let declaresPooler: Bool

    /// Supabase's transaction-mode pooler port (Supavisor); its session mode is 5432.
    static let transactionPoolerPort = "6543"

    /// Whether `text` is a database address rather than a file path.
    static func isDatabaseAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") { return true }
        // A keyword DSN starts with `keyword=`; a file name with '=' in its first word is
        // far less likely than a DSN, and `./name=x` still names a file.
        guard let equals = text.firstIndex(of: "=") else { return false }
        let keyword = text[..<equals].trimmingCharacters(in: .whitespaces)
        return !keyword.isEmpty && keyword.allSatisfy { $0.isLetter || $0 == "_" }
    }

    init(_ text: String) {
        var declaresPooler = false
        func isPoolerMark(_ key: Substring, _ value: Substring) -> Bool {
            guard key.lowercased() == "pgbouncer" else { return false }
            if ["true", "1", "yes", "on"].contains(value.lowercased()) { declaresPooler = true }
            return true
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://"), let question = text.firstIndex(of: "?") {
            let kept = text[text.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).filter {
                parameter in
                let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return !isPoolerMark(parts[0], parts.count > 1 ? parts[1] : "")
            }
            connectionString = String(text[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        } else if !lowered.hasPrefix("postgres") {
            let kept = text.split(separator: " ").filter { word in
                let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.count != 2 || !isPoolerMark(parts[0], parts[1])
            }
            connectionString = kept.joined(separator: " ")
        } else {
            connectionString = text
        }
        self.declaresPooler = declaresPooler
    }
}
