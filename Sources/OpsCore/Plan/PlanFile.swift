import Foundation

/// Reads and writes plan files (format 1). Written atomically with mode 0600; read back
/// only when every digest matches, so a tampered or truncated plan is never applied.
package enum PlanFile {
    package static func encode(_ plan: Plan) -> String {
        encoded(plan).text
    }

    /// The file's bytes and the plan's digest from one wire form and one canonical serialisation.
    package static func encoded(_ plan: Plan) -> EncodedPlan {
        let withoutDigest = PlanWireFormat.encodeWithoutDigest(plan)
        let digest = PlanDigest.of(withoutDigest)
        var bytes = JSONWriter.prettyBytes(PlanWireFormat.adding(digest: digest, to: withoutDigest))
        bytes.append(UInt8(ascii: "\n"))
        return EncodedPlan(bytes: bytes, digest: digest)
    }

    package static func write(_ plan: Plan, to path: String) throws(PlanFileError) {
        try write(encoded(plan), to: path)
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
