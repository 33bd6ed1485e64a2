import Foundation

@testable import OpsCore

/// Logs built in memory, so that tamper tests can verify thousands of variants without files.
enum ReceiptFixtures {
    static let start = Date(timeIntervalSince1970: 1_795_341_600)  // 2026-11-22T10:00:00Z
    static let kinds: [ReceiptKind] = [.plan, .approve, .reject, .intent, .outcome, .export]

    struct Log {
        var receipts: [Receipt]
        var lines: [[UInt8]]
        var bytes: [UInt8] { lines.flatMap { $0 } }
        var head: ReceiptHead { receipts.last!.head }

        /// Where line `index` starts in `bytes`.
        func offset(ofLine index: Int) -> Int {
            lines[..<index].reduce(0) { $0 + $1.count }
        }

        /// Verifies `rest` as everything from line `index` on, after the intact lines before it:
        /// what a full pass would report, without re-checking the unchanged prefix each time.
        func verify(from index: Int, rest: [UInt8], key: [UInt8]? = nil) throws -> VerificationReport {
            let head = index > 0 ? receipts[index - 1].head : nil
            let offset = offset(ofLine: index)
            return try rest.withUnsafeBytes { buffer in
                try ReceiptChainVerifier.verify(bytes: buffer, key: key, resumingAfter: head, byteOffset: offset)
            }
        }
    }

    static func body(_ index: Int) -> [String: JSONValue] {
        // Escapes, a slash and non-ASCII text, so tampering hits every scanner path.
        ["changeId": .string("github.label.create.l\(index)"), "i": .int(index), "note": "a/b \"q\" é\t"]
    }

    static func log(count: Int = 50, key: [UInt8]? = nil, bodyAt: (Int) -> [String: JSONValue] = body) throws -> Log {
        var receipts: [Receipt] = []
        for index in 0..<count {
            receipts.append(
                try Receipt(
                    seq: index, date: start.addingTimeInterval(TimeInterval(index)), kind: kinds[index % kinds.count],
                    actor: "alice@example.com", body: bodyAt(index), prev: receipts.last?.hash ?? Receipt.genesisHash,
                    key: key))
        }
        return Log(receipts: receipts, lines: receipts.map(\.line))
    }

    static func verify(_ lines: [[UInt8]], key: [UInt8]? = nil, expectHead: ExpectedHead? = nil) throws
        -> VerificationReport
    {
        try ReceiptLog.verify(bytes: lines.flatMap { $0 }, key: key, expectHead: expectHead)
    }
}
