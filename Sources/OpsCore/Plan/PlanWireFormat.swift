/// The plan file's JSON shape (format 1). This is the only code that knows field names on
/// disk; everything else works with `Plan` values.
///
/// A plan is written straight from its values in one pass (`JSONTwinWriter`): the canonical
/// form goes to SHA-256 for the plan digest and the pretty form to the file, each drained as it
/// fills, so neither a `JSONValue` tree of the plan nor the whole file is ever held in memory
/// (docs/performance.md). Members are therefore written here in canonical key order: every name
/// is ASCII, so that is plain byte order.
enum PlanWireFormat {
    /// How many bytes each form gathers before they are hashed or handed to the file.
    static let drainThreshold = 1 << 16

    /// What a plan's one pass yields besides its bytes.
    struct Streamed {
        /// `sha256:<hex>` of the canonical form without `digest`, as `PlanDigest.of(plan)` gives it.
        var digest: String
        /// Where the pretty form holds a placeholder of the digest's length, to be overwritten
        /// with `digest` once it is known: in file order `digest` comes before most members.
        var digestOffset: Int
    }

    /// The digest's stand-in in the pretty form: as long as every `sha256:<hex>`.
    static let digestPlaceholder = "sha256:" + String(repeating: "0", count: 2 * SHA256.byteCount)

    /// Writes `plan` once: canonical bytes into the plan digest, pretty bytes (the file: two-space
    /// indentation and a final line break, `digest` as a placeholder) into `file` in parts, when
    /// `writesFile`.
    static func stream<Failure: Error>(
        _ plan: Plan, writesFile: Bool, into file: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) -> Streamed {
        var writer = JSONTwinWriter(writesPretty: writesFile, capacity: drainThreshold + drainThreshold / 4)
        let digest = PlanDigest.Running()
        func drainFull() throws(Failure) {
            if writer.canonical.count >= drainThreshold { writer.drainCanonical { digest.update($0) } }
            if writer.pretty.count >= drainThreshold { try writer.drainPretty(file) }
        }

        writer.beginObject()
        writer.name("changes")
        func append(_ fragment: JSONTwinWriter) throws(Failure) {
            writer.append(elements: fragment)
            try drainFull()
        }
        writer.beginArray()
        let changes = plan.changes
        try writeElements(count: changes.count, into: writer.elementWriter(), append) { slice, fragment in
            changes.withUnsafeBufferPointer { changes in
                for index in slice { write(changes[index], into: &fragment, digestedOnly: false) }
            }
        }
        writer.endArray()
        writer.name("checks")
        writer.beginArray()
        let checks = plan.checks
        try writeElements(count: checks.count, into: writer.elementWriter(), append) { slice, fragment in
            checks.withUnsafeBufferPointer { checks in
                for index in slice { write(checks[index], into: &fragment) }
            }
        }
        writer.endArray()
        writer.name("coverage")
        writer.beginArray()
        for coverage in plan.coverage {
            writer.beginObject()
            writer.name("collection")
            writer.string(coverage.collection)
            writer.name("managed")
            writer.int(coverage.managed)
            writer.name("scope")
            writer.string(coverage.scope.rawValue)
            writer.name("total")
            writer.int(coverage.total)
            writer.endObject()
        }
        writer.endArray()
        writer.name("createdAt")
        writer.string(plan.createdAt)
        writer.name("createdBy")
        writer.string(plan.createdBy)
        // The digest covers every member but itself.
        let digestOffset = writer.prettyOnlyMember("digest", digestPlaceholder)
        writer.name("formatVersion")
        writer.string(Plan.formatVersion)
        writer.name("inputs")
        writer.beginArray()
        for input in plan.inputs {
            writer.beginObject()
            writer.name("path")
            writer.string(input.path)
            writer.name("role")
            writer.string(input.role)
            writer.name("sha256")
            writer.string(input.sha256)
            writer.endObject()
        }
        writer.endArray()
        writer.name("opsctlVersion")
        writer.string(plan.opsctlVersion)
        // Only when set, so plans without one keep the bytes (and digests) they always had.
        if let pull = plan.pullRequest {
            writer.name("pullRequest")
            writer.beginObject()
            writer.name("headSha")
            writer.string(pull.headSHA)
            writer.name("number")
            writer.int(pull.number)
            writer.name("repository")
            writer.string(pull.repository)
            writer.endObject()
        }
        writer.name("scope")
        writer.beginArray()
        for scope in plan.scope { writer.string(scope.rawValue) }
        writer.endArray()
        writer.name("summary")
        write(plan.summary, into: &writer)
        writer.endObject()
        if writesFile { writer.pretty.append(UInt8(ascii: "\n")) }

        writer.drainCanonical { digest.update($0) }
        try writer.drainPretty(file)
        return Streamed(digest: digest.finish(), digestOffset: digestOffset)
    }

    /// How many elements each thread writes at a time, and how many a batch holds: small
    /// arrays stay on one thread, and a batch's bytes are drained before the next is written.
    static let elementsPerSlice = 256
    static let elementsPerBatch = 2_048

    /// The `count` elements of an array, in order, handed to `append` in parts. A batch at a
    /// time, its slices are written on every processor into writers of their own (`opening`, an
    /// `elementWriter` of the array's writer, for the slice that may open the array), so the
    /// bytes are the same as one writer's: writing the checks was the largest step between a
    /// plan's last response and its file (docs/performance.md). `write` is given a slice's
    /// positions, not elements: an element handed through a generic function's closure is
    /// copied on the way (a retain and a release of every reference it holds, 7% of a
    /// 10,000-table plan), and so is one an array's subscript reads to pass on; one read
    /// through an unsafe buffer is only borrowed.
    private static func writeElements<Failure: Error>(
        count: Int, into opening: JSONTwinWriter,
        _ append: (JSONTwinWriter) throws(Failure) -> Void,
        write: @escaping @Sendable (Range<Int>, inout JSONTwinWriter) -> Void
    ) throws(Failure) {
        let following = opening.elementWriter(followingOthers: true)
        var start = 0
        while start < count {
            let end = min(count, start + elementsPerBatch)
            let slices = stride(from: start, to: end, by: elementsPerSlice).map { $0..<min(end, $0 + elementsPerSlice) }
            let fragments = ParallelMap.map(slices, minimumPerThread: 1) { slice in
                var fragment = slice.lowerBound == 0 ? opening : following
                write(slice, &fragment)
                return fragment
            }
            for fragment in fragments { try append(fragment) }
            start = end
        }
    }

    /// The canonical JSON a change's digest is taken over: every member but those policy
    /// decides (`requiresApproval`, `approvers`), the entry's place (`source`), its prose
    /// (`description`) and the digest itself.
    static func digestedBytes(of change: Change) -> [UInt8] {
        var writer = JSONTwinWriter(writesPretty: false)
        write(change, into: &writer, digestedOnly: true)
        return writer.canonical.bytes
    }

    private static func write(_ change: Change, into writer: inout JSONTwinWriter, digestedOnly: Bool) {
        writer.beginObject()
        writer.name("action")
        writer.string(change.action)
        writer.name("after")
        writer.value(change.after)
        if !digestedOnly {
            writer.name("approvers")
            writer.beginArray()
            for approver in change.approvers { writer.string(approver) }
            writer.endArray()
        }
        writer.name("before")
        writer.value(change.before)
        if !digestedOnly {
            writer.name("description")
            writer.string(change.description)
            writer.name("digest")
            writer.string(PlanDigest.of(change))
        }
        writer.name("hazards")
        writer.beginArray()
        for hazard in change.hazards { writer.string(hazard.rawValue) }
        writer.endArray()
        writer.name("id")
        writer.string(change.id.description)
        writer.name("kind")
        writer.string(change.kind)
        writer.name("observed")
        writer.string(change.observed)
        writer.name("payload")
        writer.value(change.payload)
        if !digestedOnly {
            writer.name("requiresApproval")
            writer.bool(change.requiresApproval)
        }
        writer.name("risk")
        writer.string(change.risk.rawValue)
        writer.name("scope")
        writer.string(change.scope.rawValue)
        if !digestedOnly, let source = change.source {
            writer.name("source")
            writer.string(building: { bytes in writeSource(source, into: &bytes) })
        }
        writer.endObject()
    }

    private static func write(_ check: Check, into writer: inout JSONTwinWriter) {
        writer.beginObject()
        if let changeID = check.changeID {
            writer.name("changeId")
            writer.string(changeID.description)
        }
        writer.name("id")
        writer.string(check.id)
        writer.name("message")
        writer.string(check.message)
        writer.name("name")
        writer.string(check.name)
        writer.name("scope")
        writer.string(check.scope.rawValue)
        if let source = check.source {
            writer.name("source")
            writer.string(building: { bytes in writeSource(source, into: &bytes) })
        }
        writer.name("status")
        writer.string(check.status.rawValue)
        if let action = check.suggestedAction {
            writer.name("suggestedAction")
            writer.string(action)
        }
        writer.endObject()
    }

    /// Check statuses in key order, for the summary's counts.
    private static let statusesInKeyOrder = CheckStatus.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    private static func write(_ summary: PlanSummary, into writer: inout JSONTwinWriter) {
        writer.beginObject()
        writer.name("awaitingApproval")
        writer.int(summary.awaitingApproval)
        writer.name("checks")
        writer.beginObject()
        for status in statusesInKeyOrder {
            writer.name(text: status.rawValue)
            writer.int(summary.checksByStatus[status] ?? 0)
        }
        writer.endObject()
        writer.name("requests")
        writer.int(summary.requests)
        writer.name("toAdd")
        writer.int(summary.toAdd)
        writer.name("toChange")
        writer.int(summary.toChange)
        writer.name("toDestroy")
        writer.int(summary.toDestroy)
        writer.endObject()
    }

    /// `file:line:column`, so CI annotations can point at the entry; escaped, appended inside
    /// a JSON string being written.
    static func writeSource(_ location: SourceLocation, into bytes: inout OutputBytes) {
        bytes.appendJSONEscaped(location.file)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendJSONInt(location.line)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendJSONInt(location.column)
    }

    static func decodeSource(_ text: String) -> SourceLocation? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else {
            return nil
        }
        return SourceLocation(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }
}
