import Foundation

/// One change's evidence as files (docs/formats.md, "Export bundle"): `manifest.json`,
/// `patch.diff`, `before.json`, `after.json` and `receipts-segment.jsonl`, the log lines that prove
/// it. The manifest records the SHA-256 of every other file, so a bundle checks itself; the
/// receipts re-verify as a chain segment, and against a log that holds them.
package struct ExportBundle: Sendable {
    package static let version = 1

    package enum FileName {
        package static let manifest = "manifest.json"
        package static let patch = "patch.diff"
        package static let before = "before.json"
        package static let after = "after.json"
        package static let receipts = "receipts-segment.jsonl"
        /// In archive order: the manifest first, so `tar -tzf` leads with it.
        package static let all = [manifest, patch, before, after, receipts]
    }

    package var files: [TarArchive.Entry]

    package func file(_ name: String) -> [UInt8]? {
        files.first { $0.name == name }?.bytes
    }

    /// Builds the files. `change` is the change as its plan file holds it, when that file is
    /// still there and is the plan the outcome names; it adds the description, risk, hazards
    /// and, for a database change, the migration SQL. Everything passes the redactor.
    package init(
        evidence: ChangeEvidence, change: Change?, head: ReceiptHead, exportedBy: String, exportedAt: String, redactor: Redactor
    ) throws(CryptoError) {
        let outcome = evidence.outcomeBody
        let before = redactor.redact(JSONWriter.pretty(outcome.before ?? .null)) + "\n"
        let after = redactor.redact(JSONWriter.pretty(outcome.after ?? .null)) + "\n"
        var patch = UnifiedDiff.render(old: before, new: after, oldName: "a/\(FileName.before)", newName: "b/\(FileName.after)")
        if let statements = change?.payload["sql"]?.arrayValue?.compactMap(\.stringValue), !statements.isEmpty {
            // The migration as a new file, so the patch stays one valid unified diff.
            let sql = redactor.redact(statements.map { $0.hasSuffix(";") ? $0 : $0 + ";" }.joined(separator: "\n")) + "\n"
            patch += UnifiedDiff.render(old: "", new: sql, oldName: "/dev/null", newName: "b/migration.sql")
        }
        let receipts = evidence.segment.flatMap(\.line)

        var contents: [String: [UInt8]] = [
            FileName.patch: Array(patch.utf8), FileName.before: Array(before.utf8), FileName.after: Array(after.utf8),
            FileName.receipts: receipts,
        ]
        var digests: [String: JSONValue] = [:]
        for (name, bytes) in contents { digests[name] = .string(Hex.encode(try SHA256.hash(bytes))) }

        func entry(_ receipt: Receipt?) -> JSONValue {
            guard let receipt else { return .null }
            return ["seq": .int(receipt.seq), "hash": .string(receipt.hash), "ts": .string(receipt.ts), "actor": .string(receipt.actor)]
        }
        var changeMembers: [String: JSONValue] = [
            "id": .string(outcome.change.changeID), "digest": .string(outcome.change.changeDigest),
            "planDigest": .string(outcome.change.planDigest),
        ]
        if let change {
            changeMembers["description"] = .string(redactor.redact(change.description))
            changeMembers["risk"] = .string(change.risk.rawValue)
            changeMembers["hazards"] = .array(change.hazards.map { .string($0.rawValue) })
        }
        var planMembers = entry(evidence.plan)
        if let plan = evidence.plan, let body = PlanReceiptBody(plan), case .object(var members) = planMembers {
            members["path"] = .string(body.path)
            planMembers = .object(members)
        }
        let first = evidence.segment.first ?? evidence.outcome
        let manifest: JSONValue = [
            "bundleVersion": .int(Self.version),
            "change": .object(changeMembers),
            "result": .string(outcome.result.rawValue),
            "detail": .string(redactor.redact(outcome.detail)),
            "plan": planMembers,
            "approvals": .array(evidence.verdicts.map { receipt in
                guard case .object(var members) = entry(receipt) else { return .null }
                members["verdict"] = .string(receipt.kind.rawValue)
                // The whole body is the evidence: a later version's proof (a signature, a
                // review) travels without this code knowing its members.
                members["evidence"] = .object(receipt.body)
                return .object(members)
            }),
            "intent": entry(evidence.intent),
            "outcome": entry(evidence.outcome),
            "receipts": [
                "firstSeq": .int(first.seq), "lastSeq": .int(evidence.outcome.seq), "prev": .string(first.prev),
                "headAtExport": ["seq": .int(head.seq), "hash": .string(head.hash)],
            ],
            "files": .object(digests),
            "exportedBy": .string(exportedBy),
            "exportedAt": .string(exportedAt),
            "opsctlVersion": .string(OpsctlVersion.current),
        ]
        contents[FileName.manifest] = Array((JSONWriter.pretty(manifest) + "\n").utf8)
        files = FileName.all.map { TarArchive.Entry(name: $0, bytes: contents[$0] ?? []) }
    }

    private init(files: [TarArchive.Entry]) {
        self.files = files
    }

    /// The bundle as a gzip-compressed tar, every file dated `modified` (Unix seconds).
    package func archive(modified: Int) throws(ArchiveError) -> [UInt8] {
        try Gzip.compress(try TarArchive.write(files, modified: modified))
    }

    /// Reads a bundle and checks it against its own manifest: every file present, nothing
    /// else, every digest right. Whether its receipts hold is `verifySegment`'s business.
    package static func read(_ bytes: [UInt8], path: String) throws(ExportError) -> (bundle: ExportBundle, manifest: JSONValue) {
        let entries: [TarArchive.Entry]
        do {
            entries = try TarArchive.read(try Gzip.decompress(bytes, limit: 64 * 1024 * 1024))
        } catch {
            throw .notABundle(path: path, reason: error.reason)
        }
        let bundle = ExportBundle(files: entries)
        let names = Set(entries.map(\.name))
        guard names == Set(FileName.all) else {
            let missing = FileName.all.filter { !names.contains($0) }
            let extra = names.subtracting(FileName.all).sorted()
            throw .notABundle(
                path: path,
                reason: missing.isEmpty ? "it holds files a bundle does not: \(extra.joined(separator: ", "))" : "it lacks \(missing.joined(separator: ", "))")
        }
        let manifest: JSONValue
        do {
            manifest = try JSONParser.parse(bundle.file(FileName.manifest) ?? [])
        } catch {
            throw .notABundle(path: path, reason: "manifest.json is not JSON (\(error.message))")
        }
        guard manifest["bundleVersion"]?.intValue == version else {
            throw .notABundle(path: path, reason: "manifest.json has no bundleVersion \(version)")
        }
        for name in FileName.all where name != FileName.manifest {
            guard let recorded = manifest["files"]?[name]?.stringValue else {
                throw .bundleTampered(path: path, reason: "manifest.json records no digest for \(name)")
            }
            let actual: String
            do {
                actual = Hex.encode(try SHA256.hash(bundle.file(name) ?? []))
            } catch {
                throw .bundleTampered(path: path, reason: "\(name) could not be hashed")
            }
            guard actual == recorded else { throw .bundleTampered(path: path, reason: "\(name) is not the file the manifest records") }
        }
        return (bundle, manifest)
    }
}
