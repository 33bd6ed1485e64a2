/// A 1-based position inside a YAML document.
package struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    package var description: String { "\(line):\(column)" }
}

package enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

package struct YAMLScalar: Sendable, Hashable {
    package var text: String
    package var style: ScalarStyle

    package init(text: String, style: ScalarStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// A composed YAML node: a place in its document's `YAMLNodeStore`. Every node carries the
/// mark where it starts; aliases share the anchored node (and its mark), merge keys are
/// already applied.
///
/// Equality ignores marks: two documents that say the same thing are equal.
package struct YAMLNode: Sendable, CustomStringConvertible {
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    let store: YAMLNodeStore
    let index: UInt32

    init(store: YAMLNodeStore, index: UInt32) {
        self.store = store
        self.index = index
    }

    var record: YAMLNodeStore.Record { store.records[Int(index)] }

    package var mark: Mark { record.mark }

    /// The explicit tag, expanded (`tag:yaml.org,2002:str`), when the document gave one.
    package var tag: String? { record.tag.text }

    /// The node with its children as arrays, for tools and tests; readers that walk a large
    /// document use `count`, `item(_:)`, `key(_:)` and `value(_:)`, which build nothing.
    package var content: Content {
        let record = record
        switch record.kind {
        case .scalar: return .scalar(YAMLScalar(text: store.string(record), style: record.style))
        case .sequence: return .sequence((0..<Int(record.count)).map(item))
        case .mapping: return .mapping((0..<Int(record.count)).map { YAMLPair(key: key($0), value: value($0)) })
        }
    }

    package var scalar: YAMLScalar? {
        let record = record
        guard record.kind == .scalar else { return nil }
        return YAMLScalar(text: store.string(record), style: record.style)
    }

    package var sequence: [YAMLNode]? {
        guard isSequence else { return nil }
        return (0..<count).map(item)
    }

    package var mapping: [YAMLPair]? {
        guard isMapping else { return nil }
        return (0..<count).map { YAMLPair(key: key($0), value: value($0)) }
    }

    var isScalar: Bool { record.kind == .scalar }
    var isSequence: Bool { record.kind == .sequence }
    var isMapping: Bool { record.kind == .mapping }

    /// A sequence's items or a mapping's pairs; 0 for a scalar.
    var count: Int {
        let record = record
        return record.kind == .scalar ? 0 : Int(record.count)
    }

    /// The sequence's item at `position`.
    func item(_ position: Int) -> YAMLNode {
        YAMLNode(store: store, index: store.children[Int(record.start) + position])
    }

    /// The key of the mapping's pair at `position`.
    func key(_ position: Int) -> YAMLNode {
        YAMLNode(store: store, index: store.children[Int(record.start) + 2 * position])
    }

    /// The value of the mapping's pair at `position`.
    func value(_ position: Int) -> YAMLNode {
        YAMLNode(store: store, index: store.children[Int(record.start) + 2 * position + 1])
    }

    /// The same node, reached through a store object of its own that shares the arrays. Every
    /// copy of a node retains its store: two threads decoding parts of one document through one
    /// store object would contend for its reference count on every value.
    func throughOwnStoreObject() -> YAMLNode {
        YAMLNode(store: YAMLNodeStore(records: store.records, children: store.children, text: store.text), index: index)
    }

    /// About how many nodes this one holds, itself included: a collection's descendants come
    /// right after it in the store, up to its last child's. Aliases make it an estimate.
    var subtreeSize: Int {
        var last = self
        while last.count > 0 {
            last = last.isMapping ? last.value(last.count - 1) : last.item(last.count - 1)
        }
        return max(1, Int(last.index) - Int(index) + 1)
    }

    /// A scalar's text as written; nil for a collection.
    var scalarText: String? {
        let record = record
        return record.kind == .scalar ? store.string(record) : nil
    }

    /// The value under a scalar key, for small look-ups in tests and tools.
    package subscript(key: String) -> YAMLNode? {
        pairPosition(ofKey: key, from: 0).map(value)
    }

    /// Where the pair whose key is a scalar written as `key` (as `String`s compare) is among
    /// this mapping's pairs, searching from pair `start` on and then from the first. Reads the
    /// store's arrays in place: decoders look up a dozen keys in mappings of a few pairs, and
    /// a node made per pair compared was most of a look-up's cost.
    func pairPosition(ofKey key: String, from start: Int) -> Int? {
        let mapping = record
        guard mapping.kind == .mapping, mapping.count > 0 else { return nil }
        let count = Int(mapping.count)
        let first = Int(mapping.start)
        var key = key
        return key.withUTF8 { keyBytes in
            var position = start < count ? start : 0
            for _ in 0..<count {
                let candidate = store.records[Int(store.children[first + 2 * position])]
                if candidate.kind == .scalar, store.withBytes(candidate, { YAMLNodeStore.equalAsStrings($0, keyBytes) }) {
                    return position
                }
                position = position + 1 == count ? 0 : position + 1
            }
            return nil
        }
    }

    /// What this node is, in the words an error message uses ("a mapping", "the integer 3").
    package var kindDescription: String {
        switch record.kind {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar:
            switch resolved {
            case .null: return "null"
            case .bool(let value): return "the boolean \(value)"
            case .int(let value): return "the integer \(value)"
            case .float(let value): return "the number \(value)"
            case .string: return "a string"
            case nil: return "a value"
            }
        }
    }

    package var description: String {
        switch content {
        case .scalar(let scalar): return scalar.text
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\($0.key.description): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}

package struct YAMLPair: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode

    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode: Equatable {
    package static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        let left = lhs.record
        let right = rhs.record
        guard left.tag == right.tag, left.kind == right.kind else { return false }
        switch left.kind {
        case .scalar:
            return lhs.store.string(left) == rhs.store.string(right) && (left.style != .plain) == (right.style != .plain)
        case .sequence:
            return left.count == right.count && (0..<lhs.count).allSatisfy { lhs.item($0) == rhs.item($0) }
        case .mapping:
            return left.count == right.count && (0..<lhs.count).allSatisfy { lhs.key($0) == rhs.key($0) && lhs.value($0) == rhs.value($0) }
        }
    }
}
