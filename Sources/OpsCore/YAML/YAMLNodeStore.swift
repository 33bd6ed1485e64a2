import Glibc

/// Every node of one document in three flat arrays: a record per node, the child indices of
/// every collection, and the bytes of every scalar. A node is an index into `records`.
///
/// One document used to be a tree of `YAMLNode` values, each scalar holding its own `String`
/// and each collection its own array: a 10,000-entry file cost about 180,000 allocations to
/// build and as many to free (docs/performance.md). Here composing a node is a few appends,
/// scalars become `String`s only when a reader asks for one, and freeing is three deallocations.
package final class YAMLNodeStore: Sendable {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    /// The explicit tags the composer accepts (`YAMLTag.known`), as one byte.
    enum Tag: UInt8 {
        case none, string, int, float, bool, null, map, seq, merge

        init?(_ text: String) {
            switch text {
            case YAMLTag.string, "!": self = .string
            case YAMLTag.int: self = .int
            case YAMLTag.float: self = .float
            case YAMLTag.bool: self = .bool
            case YAMLTag.null: self = .null
            case YAMLTag.map: self = .map
            case YAMLTag.seq: self = .seq
            case YAMLTag.merge: self = .merge
            default: return nil
            }
        }

        var text: String? {
            switch self {
            case .none: nil
            case .string: YAMLTag.string
            case .int: YAMLTag.int
            case .float: YAMLTag.float
            case .bool: YAMLTag.bool
            case .null: YAMLTag.null
            case .map: YAMLTag.map
            case .seq: YAMLTag.seq
            case .merge: YAMLTag.merge
            }
        }
    }

    struct Record {
        var line: UInt32
        var column: UInt32
        /// A scalar's first byte in `text`; a collection's first entry in `children`.
        var start: UInt32
        /// A scalar's length in bytes; a sequence's items; a mapping's pairs (two children each).
        var count: UInt32
        var kind: Kind
        var style: ScalarStyle
        var tag: Tag

        var mark: Mark { Mark(line: Int(line), column: Int(column)) }
    }

    let records: ContiguousArray<Record>
    /// Items of sequences; keys and values, alternating, of mappings.
    let children: ContiguousArray<UInt32>
    let text: ContiguousArray<UInt8>

    init(records: ContiguousArray<Record>, children: ContiguousArray<UInt32>, text: ContiguousArray<UInt8>) {
        self.records = records
        self.children = children
        self.text = text
    }

    func string(_ record: Record) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.start + record.count)]), as: UTF8.self)
        }
    }

    /// Calls `body` with a scalar's bytes, which live only as long as the call.
    func withBytes<Result>(_ record: Record, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        text.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.start + record.count)]))
        }
    }

    /// `String` equality (canonical equivalence) on UTF-8 bytes without making the strings:
    /// equal bytes are equal and differing ASCII bytes are not; anything else is compared as
    /// strings, since e.g. U+212A KELVIN SIGN equals "K".
    static func equalAsStrings(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count == b.count, a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 { return true }
        // Texts that begin with different ASCII characters differ however the rest is composed:
        // an ASCII character decomposes to itself and nothing combines before it. Most keys
        // looked for and not found (`rlsPolicies` against `name`) stop here, without the scans.
        if let first = a.first, let other = b.first, first != other, first < 0x80, other < 0x80 { return false }
        guard !isASCII(a) || !isASCII(b) else { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// Collects the arrays while the composer reads events; collections get their record when
    /// they start (so records are in document order) and their children when they end.
    struct Builder {
        var records: ContiguousArray<Record> = []
        var children: ContiguousArray<UInt32> = []
        var text: ContiguousArray<UInt8> = []

        init(sourceBytes: Int) {
            // Sizes a configuration file does not outgrow, so that the arrays are not copied
            // into fresh memory as they double (a page fault per 4 KiB): at most one node per 6
            // bytes of YAML (a list of flow mappings holds one per 9), and scalars never longer
            // than their source (10,000 Vercel variables' scalars are 69% of their file; at half,
            // and one node per 9 bytes, the arrays' last doubling was 9% of that plan's page
            // faults: docs/performance.md). Room reserved and never written is never touched.
            records.reserveCapacity(sourceBytes / 6 + 16)
            children.reserveCapacity(sourceBytes / 6 + 16)
            text.reserveCapacity(sourceBytes + 16)
        }

        mutating func addScalar(_ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: Tag, mark: Mark) -> UInt32 {
            let start = UInt32(text.count)
            text.append(contentsOf: bytes)
            return add(Record(line: UInt32(mark.line), column: UInt32(mark.column), start: start, count: UInt32(bytes.count),
                              kind: .scalar, style: style, tag: tag))
        }

        mutating func startCollection(_ kind: Kind, tag: Tag, mark: Mark) -> UInt32 {
            add(Record(line: UInt32(mark.line), column: UInt32(mark.column), start: 0, count: 0, kind: kind, style: .plain, tag: tag))
        }

        /// Gives a collection its children: `entries` items, or keys and values alternating.
        mutating func finishCollection(_ node: UInt32, children entries: ArraySlice<UInt32>) {
            let start = UInt32(children.count)
            children.append(contentsOf: entries)
            records[Int(node)].start = start
            records[Int(node)].count = UInt32(records[Int(node)].kind == .mapping ? entries.count / 2 : entries.count)
        }

        private mutating func add(_ record: Record) -> UInt32 {
            records.append(record)
            return UInt32(records.count - 1)
        }

        func record(_ node: UInt32) -> Record { records[Int(node)] }

        /// Whether two scalars already added have equal text, as `String`s compare.
        func scalar(_ first: UInt32, equals second: UInt32) -> Bool {
            let a = records[Int(first)]
            let b = records[Int(second)]
            return text.withUnsafeBufferPointer { buffer in
                YAMLNodeStore.equalAsStrings(
                    UnsafeBufferPointer(rebasing: buffer[Int(a.start)..<Int(a.start + a.count)]),
                    UnsafeBufferPointer(rebasing: buffer[Int(b.start)..<Int(b.start + b.count)])
                )
            }
        }

        func string(_ node: UInt32) -> String {
            let record = records[Int(node)]
            return text.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.start + record.count)]), as: UTF8.self)
            }
        }

        func finished() -> YAMLNodeStore {
            YAMLNodeStore(records: records, children: children, text: text)
        }

        /// Where the arrays end now: nodes composed from here on can be cut out with `detached(since:)`.
        struct Marker {
            fileprivate var records: Int
            fileprivate var children: Int
            fileprivate var text: Int

            var firstNode: UInt32 { UInt32(records) }
        }

        var marker: Marker { Marker(records: records.count, children: children.count, text: text.count) }

        /// The nodes added since `marker`, copied into a store of their own in which the first
        /// of them is node 0; nil when one of them holds a node added before (an alias, or a
        /// merge key's pairs). A copy of just these nodes, rather than the arrays shared, leaves
        /// the builder appending to arrays it owns alone (sharing made it copy them whole).
        func detached(since marker: Marker) -> YAMLNodeStore? {
            let recordBase = UInt32(marker.records)
            let childBase = UInt32(marker.children)
            let textBase = UInt32(marker.text)
            var detachedChildren = ContiguousArray(children[marker.children...])
            let holdsOnlyItsOwn = detachedChildren.withUnsafeMutableBufferPointer { children in
                for index in children.indices {
                    guard children[index] >= recordBase else { return false }
                    children[index] &-= recordBase
                }
                return true
            }
            guard holdsOnlyItsOwn else { return nil }
            var detachedRecords = ContiguousArray(records[marker.records...])
            detachedRecords.withUnsafeMutableBufferPointer { records in
                for index in records.indices {
                    records[index].start &-= records[index].kind == .scalar ? textBase : childBase
                }
            }
            return YAMLNodeStore(records: detachedRecords, children: detachedChildren, text: ContiguousArray(text[marker.text...]))
        }
    }
}
