/// `unlock`: `opsctl unlock --force` broke the apply lock that `holder` held. Kept beside the
/// other bodies' rules (ReceiptBodies.swift): a versioned body, unknown members ignored.
package struct UnlockReceiptBody: ReceiptBody, Equatable {
    /// The store the lock was on (a path, or a password-free PostgreSQL target).
    package var location: String
    package var holder: ApplyLock.Holder

    package init(location: String, holder: ApplyLock.Holder) {
        self.location = location
        self.holder = holder
    }

    package var kind: ReceiptKind { .unlock }

    package var members: [String: JSONValue] {
        ReceiptBodyFormat.sealed(["location": .string(location), "holder": holder.jsonValue, "forced": .bool(true)])
    }

    package init?(_ receipt: Receipt) {
        guard receipt.kind == .unlock, let location = receipt.body["location"]?.stringValue,
            let holder = receipt.body["holder"]
        else { return nil }
        self.init(location: location, holder: ApplyLock.Holder(holder))
    }
}
