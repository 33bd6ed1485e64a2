@testable import OpsCore

/// The key the receipt seeds were sealed with (`Fuzz/Seeds/make-receipt-seeds`), so seeds
/// pass the MAC check and mutations start from intact lines.
public let fuzzReceiptKey: [UInt8] = Array("opsctl-fuzz-receipts-mac-key-000".utf8)

/// One stored receipt line (without its newline) through the line checker, with and without
/// a MAC key, through the seq look-ahead, and through the receipt parser that `list` uses.
public enum ReceiptLineFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        do {
            let keyed = try ReceiptLineChecker(key: fuzzReceiptKey)
            let unkeyed = try ReceiptLineChecker(key: nil)
            bytes.withUnsafeBytes { line in
                _ = try? keyed.check(line)
                _ = try? unkeyed.check(line)
                _ = keyed.readSeq(line)
            }
        } catch {
            fatalError("libcrypto failed: \(error)")
        }
        _ = ReceiptLog.parse(bytes)
    }
}

/// A whole log held in memory through the chain verifier, with and without a MAC key and
/// with an expected head, as `opsctl receipts verify` and `apply` check it.
public enum ReceiptChainFuzzTarget {
    public static func run(_ bytes: [UInt8]) {
        _ = try? ReceiptLog.verify(bytes: bytes, key: fuzzReceiptKey)
        _ = try? ReceiptLog.verify(bytes: bytes, key: nil, expectHead: ExpectedHead(seq: 1, hash: String(repeating: "a", count: 64)))
    }
}
