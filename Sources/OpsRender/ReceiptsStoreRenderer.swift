import OpsCore

/// The one-line reports of `receipts init|export|import` and `unlock`.
package enum ReceiptsStoreRenderer {
    package static func initialized(location: String, previousVersion: Int?, version: Int, grantedTo: String?) -> String {
        let place = TerminalSafeText.sanitized(location)
        var text: String
        switch previousVersion {
        case nil: text = "Created the receipts schema (version \(version)) at \(place).\n"
        case let previous? where previous == version: text = "The receipts schema at \(place) is already at version \(version).\n"
        case let previous?: text = "Upgraded the receipts schema at \(place) from version \(previous) to \(version).\n"
        }
        if let grantedTo {
            text += "Granted \(TerminalSafeText.sanitized(grantedTo)) select and insert on receipts (no update or delete).\n"
        }
        return text
    }

    package static func fileNeedsNoInit(location: String) -> String {
        "Nothing to create: the file log \(TerminalSafeText.sanitized(location)) is created by its first receipt.\n"
    }

    package static func exported(entries: Int, head: ReceiptHead?, to path: String, from location: String) -> String {
        let count = entries == 1 ? "1 receipt" : "\(entries) receipts"
        let end = head.map { ", head seq \($0.seq) sha256:\($0.hash)" } ?? ""
        return "Exported \(count) from \(TerminalSafeText.sanitized(location)) to \(TerminalSafeText.sanitized(path))\(end).\n"
    }

    package static func imported(entries: Int, head: ReceiptHead?, from path: String, into location: String) -> String {
        let count = entries == 1 ? "1 receipt" : "\(entries) receipts"
        let end = head.map { ", head seq \($0.seq) sha256:\($0.hash)" } ?? ""
        return "Imported \(count) from \(TerminalSafeText.sanitized(path)) into \(TerminalSafeText.sanitized(location))\(end).\n"
    }

    package static func holder(_ holder: ApplyLock.Holder) -> String {
        var text = "\(holder.actor)"
        if let host = holder.host { text += " on \(host)" }
        text += " since \(holder.since) for "
        text += holder.planDigest.map { "plan \($0) (\(holder.plan))" } ?? holder.plan
        if let backend = holder.backendPID { text += ", database session \(backend)" } else if holder.pid > 0 { text += ", pid \(holder.pid)" }
        return TerminalSafeText.sanitized(text)
    }

    package static func notLocked(location: String) -> String {
        "Apply is not locked on \(TerminalSafeText.sanitized(location)).\n"
    }

    package static func broken(_ holder: ApplyLock.Holder, location: String, receipt: Receipt) -> String {
        "Broke the apply lock on \(TerminalSafeText.sanitized(location)) held by \(Self.holder(holder)).\n"
            + "Recorded unlock receipt seq \(receipt.seq) sha256:\(receipt.hash).\n"
    }
}
