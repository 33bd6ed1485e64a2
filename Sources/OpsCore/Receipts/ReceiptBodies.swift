import Foundation

/// The body of one kind of receipt, as a typed value. This file is the only place that spells
/// a receipt body's member names, as `PlanWireFormat` is for the plan file: commands write
/// bodies through these types and the ledger reads them back through the same ones.
///
/// Every body carries `bodyVersion`. Within a version, later releases only add members, and a
/// reader ignores members it does not know; a body written before versions existed reads as 1.
package protocol ReceiptBody: Sendable {
    var kind: ReceiptKind { get }
    var members: [String: JSONValue] { get }
    /// Nil when the receipt is of another kind or its body lacks a member this type needs.
    init?(_ receipt: Receipt)
}

package enum ReceiptBodyFormat {
    package static let version = 1
    /// Version 2 is an `approve` body with a `signature`: a reader of version 1 still reads it
    /// (it only adds a member), but counts it as an unsigned approval by the receipt's actor.
    package static let signedApprovalVersion = 2
    /// Version 3 is an `approve` body with a `source` (a GitHub review, a Slack action). A
    /// reader of version 1 or 2 would count it as a CLI approval by the receipt's actor, which
    /// is why such receipts are written with the source's identity as their actor.
    package static let sourcedApprovalVersion = 3
    static let versionKey = "bodyVersion"

    static func sealed(_ members: [String: JSONValue], version: Int = version) -> [String: JSONValue] {
        var members = members
        members[versionKey] = .int(version)
        return members
    }
}

extension ReceiptStore {
    /// Appends a typed body; the only way commands write receipts.
    @discardableResult
    package func append(_ body: some ReceiptBody, actor: String, date: Date = Date()) throws(ReceiptError) -> Receipt {
        try append(kind: body.kind, actor: actor, body: body.members, date: date)
    }
}

/// Names one change exactly: its ID, the digest of its content and the digest of its plan.
package struct ChangeReference: Sendable, Hashable {
    package var changeID: String
    package var changeDigest: String
    package var planDigest: String

    package init(changeID: String, changeDigest: String, planDigest: String) {
        self.changeID = changeID
        self.changeDigest = changeDigest
        self.planDigest = planDigest
    }

    package init(_ change: Change, planDigest: String) {
        self.init(changeID: change.id.description, changeDigest: PlanDigest.of(change), planDigest: planDigest)
    }

    var members: [String: JSONValue] {
        [Keys.changeID: .string(changeID), Keys.changeDigest: .string(changeDigest), Keys.planDigest: .string(planDigest)]
    }

    init?(_ body: [String: JSONValue], planDigestRequired: Bool = false) {
        guard let changeID = body[Keys.changeID]?.stringValue, let changeDigest = body[Keys.changeDigest]?.stringValue else { return nil }
        let planDigest = body[Keys.planDigest]?.stringValue
        if planDigestRequired, planDigest == nil { return nil }
        self.init(changeID: changeID, changeDigest: changeDigest, planDigest: planDigest ?? "")
    }

    enum Keys {
        static let changeID = Receipt.changeIDKey
        static let changeDigest = "changeDigest"
        static let planDigest = "planDigest"
    }
}

/// `plan`: what a plan proposed, so the log shows every plan made, and which scopes it read.
package struct PlanReceiptBody: ReceiptBody, Equatable {
    package var planDigest: String
    package var path: String
    package var changeIDs: [String]
    package var toAdd: Int
    package var toChange: Int
    package var toDestroy: Int
    package var awaitingApproval: Int
    /// The scopes the plan audited and read completely; absent in receipts written before it
    /// was recorded.
    package var scopes: [String]?

    package init(plan: Plan, planDigest: String, path: String) {
        let summary = plan.summary
        self.planDigest = planDigest
        self.path = path
        self.changeIDs = plan.changes.map(\.id.description)
        self.toAdd = summary.toAdd
        self.toChange = summary.toChange
        self.toDestroy = summary.toDestroy
        self.awaitingApproval = summary.awaitingApproval
        self.scopes = plan.auditedScopes.map(\.rawValue)
    }

    package var kind: ReceiptKind { .plan }

    package var members: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "planDigest": .string(planDigest),
            "path": .string(path),
            Receipt.changeIDsKey: .array(changeIDs.map(JSONValue.string)),
            "summary": .object([
                "toAdd": .int(toAdd), "toChange": .int(toChange), "toDestroy": .int(toDestroy),
                "awaitingApproval": .int(awaitingApproval),
            ]),
        ]
        if let scopes { members["scopes"] = .array(scopes.map(JSONValue.string)) }
        return ReceiptBodyFormat.sealed(members)
    }

    package init?(_ receipt: Receipt) {
        let body = receipt.body
        guard receipt.kind == .plan, let planDigest = body["planDigest"]?.stringValue,
            case .array(let ids)? = body[Receipt.changeIDsKey]
        else { return nil }
        self.planDigest = planDigest
        self.path = body["path"]?.stringValue ?? ""
        self.changeIDs = ids.compactMap(\.stringValue)
        let summary = body["summary"]
        self.toAdd = summary?["toAdd"]?.intValue ?? 0
        self.toChange = summary?["toChange"]?.intValue ?? 0
        self.toDestroy = summary?["toDestroy"]?.intValue ?? 0
        self.awaitingApproval = summary?["awaitingApproval"]?.intValue ?? 0
        self.scopes = body["scopes"]?.arrayValue?.compactMap(\.stringValue)
    }
}

/// `approve` and `reject`: a person's verdict on one exact change, for an approval optionally
/// signed with an SSH key (body version 2), and for either optionally given outside the CLI,
/// with its evidence (`source`, body version 3).
package struct VerdictReceiptBody: ReceiptBody, Equatable {
    package var verdict: ApprovalRecord.Verdict
    package var change: ChangeReference
    package var reason: String
    package var signature: ApprovalSignature?
    package var source: ApprovalSource?

    package init(
        verdict: ApprovalRecord.Verdict, change: ChangeReference, reason: String, signature: ApprovalSignature? = nil,
        source: ApprovalSource? = nil
    ) {
        self.verdict = verdict
        self.change = change
        self.reason = reason
        self.signature = verdict == .approve ? signature : nil
        self.source = source
    }

    package var kind: ReceiptKind { verdict == .approve ? .approve : .reject }

    package var members: [String: JSONValue] {
        var members = change.members
        members["reason"] = .string(reason)
        var version = ReceiptBodyFormat.version
        if let signature {
            members[Self.signatureKey] = .object(signature.members)
            version = ReceiptBodyFormat.signedApprovalVersion
        }
        if let source {
            members[Self.sourceKey] = .object(source.members)
            version = ReceiptBodyFormat.sourcedApprovalVersion
        }
        return ReceiptBodyFormat.sealed(members, version: version)
    }

    static let signatureKey = "signature"
    static let sourceKey = "source"

    /// A body with a `signature` member that does not read as one is not read at all: an
    /// approval that claims a signature must not count as an unsigned one.
    package init?(_ receipt: Receipt) {
        let verdict: ApprovalRecord.Verdict
        switch receipt.kind {
        case .approve: verdict = .approve
        case .reject: verdict = .reject
        default: return nil
        }
        guard let change = ChangeReference(receipt.body) else { return nil }
        var signature: ApprovalSignature?
        if verdict == .approve, let member = receipt.body[Self.signatureKey] {
            guard let read = ApprovalSignature(member) else { return nil }
            signature = read
        }
        // The same for a source: evidence that does not read must not leave a CLI approval.
        var source: ApprovalSource?
        if let member = receipt.body[Self.sourceKey] {
            guard let read = ApprovalSource(member) else { return nil }
            source = read
        }
        self.init(
            verdict: verdict, change: change, reason: receipt.body["reason"]?.stringValue ?? "", signature: signature, source: source)
    }
}

/// `intent`: written before a change is sent, so a crash leaves evidence of the attempt.
package struct IntentReceiptBody: ReceiptBody, Equatable {
    package var change: ChangeReference
    /// Stable per plan and change, for services that deduplicate retried writes.
    package var idempotencyKey: String

    package init(change: ChangeReference) {
        self.change = change
        self.idempotencyKey = "\(change.planDigest.suffix(16))-\(change.changeDigest.suffix(16))"
    }

    package var kind: ReceiptKind { .intent }

    package var members: [String: JSONValue] {
        var members = change.members
        members["idempotencyKey"] = .string(idempotencyKey)
        return ReceiptBodyFormat.sealed(members)
    }

    package init?(_ receipt: Receipt) {
        guard receipt.kind == .intent, let change = ChangeReference(receipt.body) else { return nil }
        self.change = change
        self.idempotencyKey = receipt.body["idempotencyKey"]?.stringValue ?? ""
    }
}

/// How an attempt ended.
package enum OutcomeResult: String, Sendable, Equatable {
    case applied
    /// The remote object already looked like the change's result; nothing was sent.
    case alreadyApplied = "already-applied"
    /// Delivered for someone else to carry out (a migration pull request awaiting merge).
    case proposed
    case failed
}

/// `outcome`: what came of one change, with masked snapshots for rollback by hand.
package struct OutcomeReceiptBody: ReceiptBody, Equatable {
    package var change: ChangeReference
    package var result: OutcomeResult
    package var detail: String
    package var before: JSONValue?
    package var after: JSONValue?
    package var durationMs: Int?
    /// Where a proposed change waits (a pull request's URL).
    package var proposal: String?

    package init(
        change: ChangeReference, result: OutcomeResult, detail: String, before: JSONValue? = nil, after: JSONValue? = nil,
        durationMs: Int? = nil, proposal: String? = nil
    ) {
        self.change = change
        self.result = result
        self.detail = detail
        self.before = before
        self.after = after
        self.durationMs = durationMs
        self.proposal = proposal
    }

    package var kind: ReceiptKind { .outcome }

    package var members: [String: JSONValue] {
        var members = change.members
        members["result"] = .string(result.rawValue)
        members["detail"] = .string(detail)
        if let before { members["before"] = before }
        if let after { members["after"] = after }
        if let durationMs { members["durationMs"] = .int(durationMs) }
        if let proposal { members["proposal"] = .string(proposal) }
        return ReceiptBodyFormat.sealed(members)
    }

    package init?(_ receipt: Receipt) {
        let body = receipt.body
        guard receipt.kind == .outcome, let change = ChangeReference(body),
            let result = body["result"]?.stringValue.flatMap(OutcomeResult.init(rawValue:))
        else { return nil }
        self.init(
            change: change, result: result, detail: body["detail"]?.stringValue ?? "", before: body["before"],
            after: body["after"], durationMs: body["durationMs"]?.intValue, proposal: body["proposal"]?.stringValue
        )
    }
}

/// `recovery`: `receipts repair` moved a torn tail aside.
package struct RecoveryReceiptBody: ReceiptBody, Equatable {
    package var reason: String
    package var quarantine: String
    package var offset: Int
    package var fragmentBytes: Int
    package var fragmentSHA256: String

    package init(reason: String, quarantine: String, offset: Int, fragmentBytes: Int, fragmentSHA256: String) {
        self.reason = reason
        self.quarantine = quarantine
        self.offset = offset
        self.fragmentBytes = fragmentBytes
        self.fragmentSHA256 = fragmentSHA256
    }

    package var kind: ReceiptKind { .recovery }

    package var members: [String: JSONValue] {
        ReceiptBodyFormat.sealed([
            "reason": .string(reason), "quarantine": .string(quarantine), "offset": .int(offset),
            "fragmentBytes": .int(fragmentBytes), "fragmentSha256": .string(fragmentSHA256),
        ])
    }

    package init?(_ receipt: Receipt) {
        let body = receipt.body
        guard receipt.kind == .recovery, let quarantine = body["quarantine"]?.stringValue else { return nil }
        self.init(
            reason: body["reason"]?.stringValue ?? "", quarantine: quarantine, offset: body["offset"]?.intValue ?? 0,
            fragmentBytes: body["fragmentBytes"]?.intValue ?? 0, fragmentSHA256: body["fragmentSha256"]?.stringValue ?? ""
        )
    }
}

/// `export`: a bundle of one change's evidence was written (`opsctl export`).
package struct ExportReceiptBody: ReceiptBody, Equatable {
    package var change: ChangeReference
    /// The outcome receipt the bundle is built around.
    package var outcomeSeq: Int
    package var path: String
    /// SHA-256 of the bundle file's bytes, so a copy can be matched to this record.
    package var bundleSHA256: String

    package init(change: ChangeReference, outcomeSeq: Int, path: String, bundleSHA256: String) {
        self.change = change
        self.outcomeSeq = outcomeSeq
        self.path = path
        self.bundleSHA256 = bundleSHA256
    }

    package var kind: ReceiptKind { .export }

    package var members: [String: JSONValue] {
        ReceiptBodyFormat.sealed([
            Receipt.changeIDsKey: .array([.string(change.changeID)]),
            ChangeReference.Keys.changeDigest: .string(change.changeDigest),
            ChangeReference.Keys.planDigest: .string(change.planDigest),
            "outcomeSeq": .int(outcomeSeq), "path": .string(path), "bundleSha256": .string(bundleSHA256),
        ])
    }

    package init?(_ receipt: Receipt) {
        let body = receipt.body
        guard receipt.kind == .export, let changeID = body[Receipt.changeIDsKey]?.arrayValue?.first?.stringValue,
            let changeDigest = body[ChangeReference.Keys.changeDigest]?.stringValue,
            let outcomeSeq = body["outcomeSeq"]?.intValue
        else { return nil }
        self.init(
            change: ChangeReference(
                changeID: changeID, changeDigest: changeDigest, planDigest: body[ChangeReference.Keys.planDigest]?.stringValue ?? ""),
            outcomeSeq: outcomeSeq, path: body["path"]?.stringValue ?? "", bundleSHA256: body["bundleSha256"]?.stringValue ?? "")
    }
}
