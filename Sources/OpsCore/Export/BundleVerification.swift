import Foundation

/// What checking a bundle found: its receipts as a chain segment, and, when a log is at hand,
/// whether that log holds exactly those lines.
package struct BundleVerification: Sendable, Equatable {
    package var changeID: String
    package var firstSeq: Int
    package var lastSeq: Int
    package var macsChecked: Bool
    /// The log the segment was compared with, and its verified head; nil when none was read.
    package var log: LogMatch?

    package struct LogMatch: Sendable, Equatable {
        package var path: String
        package var head: ReceiptHead
    }
}

extension ExportBundle {
    /// Checks `receipts-segment.jsonl` as a chain segment: every line canonical and correctly hashed
    /// (and MACed, when `key` is given), each linked to the one before, the first linked to
    /// the `prev` and seq the manifest records, the last being the outcome it names.
    package func verifySegment(manifest: JSONValue, key: [UInt8]?, path: String) throws(ExportError) -> [Receipt] {
        guard let firstSeq = manifest["receipts"]?["firstSeq"]?.intValue, let lastSeq = manifest["receipts"]?["lastSeq"]?.intValue,
            let prev = manifest["receipts"]?["prev"]?.stringValue, firstSeq >= 0, lastSeq >= firstSeq
        else { throw .notABundle(path: path, reason: "manifest.json does not describe its receipts") }
        let bytes = file(FileName.receipts) ?? []
        let report: VerificationReport
        let verified = bytes.withUnsafeBytes { buffer in
            Result { () throws(ReceiptError) -> VerificationReport in
                try ReceiptChainVerifier.verify(
                    bytes: buffer, path: FileName.receipts, key: key, resumingAfter: firstSeq == 0 ? nil : ReceiptHead(seq: firstSeq - 1, hash: prev))
            }
        }
        switch verified {
        case .success(let verifiedReport): report = verifiedReport
        case .failure(let error): throw .bundleTampered(path: path, reason: error.diagnostic.message)
        }
        if let failure = report.failure { throw .bundleTampered(path: path, reason: failure.diagnostic.message) }
        guard report.head?.seq == lastSeq, report.entries == lastSeq - firstSeq + 1 else {
            throw .bundleTampered(path: path, reason: "receipts-segment.jsonl does not run from seq \(firstSeq) to \(lastSeq) as the manifest says")
        }
        var receipts: [Receipt] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard case .success(let receipt) = ReceiptLog.parse(Array(line)) else {
                throw .bundleTampered(path: path, reason: "a line of receipts-segment.jsonl is not a receipt")
            }
            receipts.append(receipt)
        }
        guard let outcome = receipts.last, outcome.kind == .outcome, outcome.hash == manifest["outcome"]?["hash"]?.stringValue,
            outcome.names(changeID: manifest["change"]?["id"]?.stringValue ?? "")
        else { throw .bundleTampered(path: path, reason: "the last receipt is not the outcome the manifest names") }
        return receipts
    }
}

extension ReceiptStore {
    /// Checks a bundle against itself (files and digests, the receipts as a chain segment,
    /// MACs when this log has a key) and, when this log exists, against it: the log must
    /// verify (to its checkpoint, when there is one) and hold exactly the bundle's lines at
    /// their seqs. A bundle from another log, or one whose lines were re-sealed, fails here.
    package func verifyBundle(_ bytes: [UInt8], path bundlePath: String) throws(ExportError) -> BundleVerification {
        let (bundle, manifest) = try ExportBundle.read(bytes, path: bundlePath)
        let segment = try bundle.verifySegment(manifest: manifest, key: macKey, path: bundlePath)
        var result = BundleVerification(
            changeID: manifest["change"]?["id"]?.stringValue ?? "", firstSeq: segment.first?.seq ?? 0, lastSeq: segment.last?.seq ?? 0,
            macsChecked: macKey != nil, log: nil)
        guard (try? exists()) == true else { return result }
        let receipts: [Receipt]
        let head: ReceiptHead
        do {
            let verified = try receiptsVerifiedToCheckpoint()
            if let failure = verified.report.failure { throw ExportError.logDoesNotVerify(detail: failure.diagnostic.message) }
            guard let verifiedHead = verified.report.head else {
                throw ExportError.bundleTampered(path: bundlePath, reason: "the receipts log \(location) is empty, so it holds none of the bundle's receipts")
            }
            head = verifiedHead
            receipts = verified.receipts
        } catch let error as ExportError {
            throw error
        } catch {
            throw .logDoesNotVerify(detail: (error as? any DiagnosticError)?.diagnostic.message ?? "\(error)")
        }
        for receipt in segment {
            guard receipt.seq < receipts.count else {
                throw .bundleTampered(path: bundlePath, reason: "the receipts log \(location) ends at seq \(head.seq), before the bundle's seq \(receipt.seq)")
            }
            guard receipts[receipt.seq].line == receipt.line else {
                throw .bundleTampered(path: bundlePath, reason: "its receipt \(receipt.seq) differs from the one in \(location)")
            }
        }
        result.log = BundleVerification.LogMatch(path: location, head: head)
        return result
    }
}
