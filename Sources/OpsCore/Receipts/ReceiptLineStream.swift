/// The file verifier and reader, fed one stored line at a time by a store that is not a file
/// (PostgreSQL streams its rows through this). Offsets are those the lines would have in the
/// exported file, so a failure names the same seq, line and byte either way.
package struct ReceiptStreamVerifier {
    private var verifier: ReceiptChainVerifier
    private var offset = 0
    private var settled = false

    package init(location: String?, key: [UInt8]?, expectHead: ExpectedHead?) throws(ReceiptError) {
        verifier = try ReceiptChainVerifier(path: location, key: key, expectation: expectHead)
    }

    /// Takes the next line (without a newline: every stored row is a complete line).
    package mutating func consume(_ line: UnsafeRawBufferPointer) throws(ReceiptError) {
        defer { offset += line.count + 1 }
        guard !settled else { return }
        settled = !(try verifier.consume(line, at: offset, terminated: true))
    }

    package mutating func finish() -> VerificationReport {
        verifier.finish()
    }
}

extension Receipt {
    /// Reads one stored line (without its newline) as a receipt, checking its shape only.
    package static func parse(storedLine line: [UInt8]) -> Result<Receipt, ReceiptFormatProblem> {
        ReceiptLog.parse(line)
    }
}
