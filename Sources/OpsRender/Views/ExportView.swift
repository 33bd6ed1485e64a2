import OpsCore

/// `export`: what was written, as a line for a person or a JSON document.
package struct ExportView: Sendable {
    package struct Summary: Sendable {
        package var changeID: String
        package var result: String
        package var outcomeSeq: Int
        package var path: String
        package var bytes: Int
        package var sha256: String
        package var receiptSeq: Int
        package var files: [String]
        package var firstSeq: Int

        package init(
            changeID: String, result: String, outcomeSeq: Int, path: String, bytes: Int, sha256: String, receiptSeq: Int, files: [String],
            firstSeq: Int
        ) {
            self.changeID = changeID
            self.result = result
            self.outcomeSeq = outcomeSeq
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
            self.receiptSeq = receiptSeq
            self.files = files
            self.firstSeq = firstSeq
        }
    }

    package var format: ViewFormat
    package var redactor: Redactor

    package init(format: ViewFormat, redactor: Redactor) {
        self.format = format
        self.redactor = redactor
    }

    package func exported(_ summary: Summary) -> String {
        switch format {
        case .json:
            return redactor.redact(JSONDocument.text([
                "changeId": .string(summary.changeID), "result": .string(summary.result), "outcomeSeq": .int(summary.outcomeSeq),
                "path": .string(summary.path), "bytes": .int(summary.bytes), "sha256": .string(summary.sha256),
                "receiptSeq": .int(summary.receiptSeq), "files": .array(summary.files.map(JSONValue.string)),
                "receipts": ["firstSeq": .int(summary.firstSeq), "lastSeq": .int(summary.outcomeSeq)],
            ]))
        case .human:
            return redactor.redact("""
                Exported \(summary.changeID) (\(summary.result), outcome receipt \(summary.outcomeSeq)) to \(summary.path): \
                \(summary.files.count) files, receipts \(summary.firstSeq)–\(summary.outcomeSeq), \(summary.bytes) bytes, sha256:\(summary.sha256).
                Recorded as receipt \(summary.receiptSeq).

                """)
        }
    }

    package func verified(_ result: BundleVerification, path: String) -> String {
        switch format {
        case .json:
            var members: [String: JSONValue] = [
                "intact": true, "path": .string(path), "changeId": .string(result.changeID), "firstSeq": .int(result.firstSeq),
                "lastSeq": .int(result.lastSeq), "macsChecked": .bool(result.macsChecked),
            ]
            if let log = result.log {
                members["log"] = ["path": .string(log.path), "head": ["seq": .int(log.head.seq), "hash": .string(log.head.hash)]]
            } else {
                members["log"] = .null
            }
            return redactor.redact(JSONDocument.text(members))
        case .human:
            var text = "Bundle \(path) is intact: \(result.changeID), receipts \(result.firstSeq)–\(result.lastSeq) verify as a chain segment"
            text += result.macsChecked ? " with their MACs" : ""
            if let log = result.log {
                text += ", and \(log.path) holds exactly these lines (its chain verifies up to seq \(log.head.seq) sha256:\(log.head.hash))."
            } else {
                text += "; no receipts log was at hand to compare them with."
            }
            return redactor.redact(text + "\n")
        }
    }
}
