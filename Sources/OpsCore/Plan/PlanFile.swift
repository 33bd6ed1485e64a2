import Foundation

/// Reads and writes plan files (format 1). Written atomically with mode 0600; read back
/// only when every digest matches, so a tampered or truncated plan is never applied.
package enum PlanFile {
    package static func encode(_ plan: Plan) -> String {
        encoded(plan).text
    }

    /// The file's bytes and the plan's digest, in memory (`plan --json`, `show --json`).
    package static func encoded(_ plan: Plan) -> EncodedPlan {
        var bytes: [UInt8] = []
        let streamed = PlanWireFormat.stream(plan, writesFile: true) { (part: [UInt8]) in bytes.append(contentsOf: part) }
        let digest = Array(streamed.digest.utf8)
        bytes.replaceSubrange(streamed.digestOffset..<(streamed.digestOffset + digest.count), with: digest)
        return EncodedPlan(bytes: bytes, digest: streamed.digest)
    }

    /// Writes the plan as it is encoded, then returns its digest: the same bytes and digest as
    /// `encoded(plan)`, without holding either the file or a tree of the plan in memory.
    @discardableResult
    package static func write(_ plan: Plan, to path: String) throws(PlanFileError) -> String {
        var digest = ""
        do {
            try AtomicFile.write(to: path, mode: 0o600) { file throws(AtomicFile.WriteError) in
                let streamed = try PlanWireFormat.stream(plan, writesFile: true) { part throws(AtomicFile.WriteError) in
                    try file.append(part)
                }
                try file.overwrite(at: streamed.digestOffset, with: Array(streamed.digest.utf8))
                digest = streamed.digest
            }
        } catch {
            throw PlanFileError(path: path, reason: .unwritable(error.reason))
        }
        return digest
    }

    package static func write(_ plan: EncodedPlan, to path: String) throws(PlanFileError) {
        do {
            try AtomicFile.write(plan.bytes, to: path, mode: 0o600)
        } catch {
            throw PlanFileError(path: path, reason: .unwritable(error.reason))
        }
    }

    package static func read(from path: String) throws(PlanFileError) -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw PlanFileError(path: path, reason: .unreadable(why))
        }
        return try decode(Array(data), path: path)
    }

    package static func decode(_ bytes: [UInt8], path: String) throws(PlanFileError) -> Plan {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw PlanFileError(path: path, reason: .notJSON(error.diagnostic.message))
        }
        let (plan, recordedDigest) = try PlanWireFormat.decode(value, path: path)
        // The digest covers the content as stored, including keys a newer 1.x writer added.
        guard case .object(var members) = value else { throw PlanFileError(path: path, reason: .missingField("digest")) }
        members.removeValue(forKey: "digest")
        let actual = PlanDigest.of(.object(members))
        guard actual == recordedDigest else {
            throw PlanFileError(path: path, reason: .digestMismatch(recorded: recordedDigest, actual: actual))
        }
        return plan
    }
}
