internal import CYaml

/// Turns libyaml's event stream into a `YAMLNodeStore`, resolving anchors, aliases and merge
/// keys, and enforcing the depth and alias-expansion limits as it goes.
struct Composer {
    /// A node just composed, with its size in nodes (what an alias of it would copy in).
    private struct Composed {
        var node: UInt32
        var size: Int
    }

    private var events: YAMLEventStream
    let source: SourceText
    let limits: YAMLLimits
    private var nodes: YAMLNodeStore.Builder
    /// The children of the collections being composed, innermost last: each collection hands
    /// its own, from where they began, to the store when it ends, and takes them off.
    private var pendingChildren: ContiguousArray<UInt32> = []
    private var anchors: [String: Composed] = [:]
    private var expandedNodes = 0
    private var depth = 0
    private var problems: [YAMLError] = []
    private let topLevelObserver: TopLevelEntryObserver?
    /// Whether the observer is given each top-level value, which costs a copy of its nodes.
    private let copiesTopLevelValues: Bool
    /// The key of the top-level pair whose value is being composed, while there is an observer
    /// and that key is a scalar.
    private var section: UInt32?

    init(events: YAMLEventStream, source: SourceText, limits: YAMLLimits, topLevelObserver: TopLevelEntryObserver? = nil) {
        self.events = events
        self.source = source
        self.limits = limits
        self.topLevelObserver = topLevelObserver
        copiesTopLevelValues = topLevelObserver?.wantsComposedValues ?? false
        nodes = YAMLNodeStore.Builder(sourceBytes: source.bytes.count)
        pendingChildren.reserveCapacity(64)
    }

    mutating func composeStream() throws -> YAMLDocument {
        var root: UInt32?
        var sawDocument = false
        while true {
            let event = try events.next()
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_DOCUMENT_START_EVENT:
                if sawDocument { throw error(.multipleDocuments, at: event.mark) }
                sawDocument = true
                anchors = [:]
                root = try composeNode(try events.next()).node
            case YAML_STREAM_END_EVENT:
                let store = nodes.finished()
                return YAMLDocument(root: root.map { YAMLNode(store: store, index: $0) }, source: source, problems: problems)
            default:
                throw error(.syntax(problem: "unexpected event \(event.type.rawValue)", context: nil), at: event.mark)
            }
        }
    }

    /// Composes the node that `event` starts, reading the events of its children.
    private mutating func composeNode(_ event: YAMLEvent) throws -> Composed {
        let mark = event.mark
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = events.anchor(of: event) ?? ""
            guard let anchored = anchors[name] else { throw error(.undefinedAlias(name), at: mark) }
            try charge(anchored.size, at: mark)
            return anchored
        case YAML_SCALAR_EVENT:
            let node = nodes.addScalar(events.text(of: event), style: event.style, tag: event.tag, mark: mark)
            let composed = Composed(node: node, size: 1)
            remember(anchor: events.anchor(of: event), composed)
            return composed
        case YAML_SEQUENCE_START_EVENT:
            // Read before the items' events, which may come in another batch.
            let anchor = events.anchor(of: event)
            try enter(at: mark)
            let node = nodes.startCollection(.sequence, tag: event.tag, mark: mark)
            let base = pendingChildren.count
            var size = 1
            while true {
                let next = try events.next()
                if next.type == YAML_SEQUENCE_END_EVENT { break }
                let item = try composeNode(next)
                pendingChildren.append(item.node)
                size += item.size
            }
            finish(node, childrenFrom: base)
            depth -= 1
            let composed = Composed(node: node, size: size)
            remember(anchor: anchor, composed)
            return composed
        case YAML_MAPPING_START_EVENT:
            let anchor = events.anchor(of: event)
            try enter(at: mark)
            let node = nodes.startCollection(.mapping, tag: event.tag, mark: mark)
            let size = try composeMappingPairs(of: node)
            depth -= 1
            let composed = Composed(node: node, size: size)
            remember(anchor: anchor, composed)
            return composed
        default:
            throw error(.syntax(problem: "unexpected event \(event.type.rawValue)", context: nil), at: mark)
        }
    }

    /// Reads a mapping's pairs up to its end event; returns the mapping's size in nodes.
    private mutating func composeMappingPairs(of mapping: UInt32) throws -> Int {
        let base = pendingChildren.count
        var firstKeys = FirstKeys()
        var merged: [UInt32] = []
        var size = 1
        var lastTopLevel: TopLevelEntry?
        while true {
            let keyEvent = try events.next()
            if keyEvent.type == YAML_MAPPING_END_EVENT { break }
            // Told only now that another pair follows: the last one is done when the document
            // is, and copying it out would gain nothing.
            if let entry = lastTopLevel.take() { tellTopLevelObserver(entry) }
            // Lists inside a key that is itself a collection belong to no section.
            if depth == 1 { section = nil }
            let key = try composeNode(keyEvent)
            if depth == 1, topLevelObserver != nil, nodes.record(key.node).kind == .scalar { section = key.node }
            // A top-level value starts here, for the observer to get it cut out once composed.
            let topLevelStart = depth == 1 && copiesTopLevelValues ? nodes.marker : nil
            let value = try composeNode(try events.next())
            if depth == 2, let section { tellListObserver(section: section, key: key.node, value: value.node) }
            size += key.size + value.size
            let keyRecord = nodes.record(key.node)
            guard keyRecord.kind == .scalar else { throw error(.nonScalarKey, at: keyRecord.mark) }
            if isMergeKey(key.node, keyRecord) {
                merged.append(contentsOf: try mergeSources(of: value.node))
                continue
            }
            if let first = firstKeys.first(key.node, amongPairsFrom: base, of: pendingChildren, in: nodes) {
                problems.append(YAMLError(
                    reason: .duplicateKey(nodes.string(key.node)),
                    location: source.location(keyRecord.mark),
                    sourceLine: source.line(keyRecord.mark.line),
                    contextLocation: source.location(nodes.record(first).mark)
                ))
                continue
            }
            pendingChildren.append(key.node)
            pendingChildren.append(value.node)
            firstKeys.added(pairsFrom: base, of: pendingChildren, in: nodes)
            if let topLevelStart { lastTopLevel = TopLevelEntry(key: key.node, value: value.node, start: topLevelStart) }
        }
        // Explicit keys win over merged ones, and earlier merge sources over later ones.
        for pair in stride(from: 0, to: merged.count, by: 2) {
            guard firstKeys.first(merged[pair], amongPairsFrom: base, of: pendingChildren, in: nodes) == nil else { continue }
            pendingChildren.append(merged[pair])
            pendingChildren.append(merged[pair + 1])
            firstKeys.added(pairsFrom: base, of: pendingChildren, in: nodes)
        }
        finish(mapping, childrenFrom: base)
        return size
    }

    /// A pair of the top-level mapping, and where the builder's arrays stood when its value began.
    private struct TopLevelEntry {
        var key: UInt32
        var value: UInt32
        var start: YAMLNodeStore.Builder.Marker
    }

    private func tellTopLevelObserver(_ entry: TopLevelEntry) {
        // A value that is an alias, or holds one, has nodes elsewhere: it is not cut out.
        guard let topLevelObserver, entry.value == entry.start.firstNode, let store = nodes.detached(since: entry.start) else { return }
        topLevelObserver.composed(key: nodes.string(entry.key), value: YAMLNode(store: store, index: 0), node: entry.value)
    }

    /// A section's list, counted as soon as it is composed (`TopLevelEntryObserver.composedList`).
    private func tellListObserver(section: UInt32, key: UInt32, value: UInt32) {
        let record = nodes.record(value)
        guard let topLevelObserver, record.kind == .sequence, nodes.record(key).kind == .scalar else { return }
        topLevelObserver.composedList(section: nodes.string(section), key: nodes.string(key), count: Int(record.count))
    }

    private mutating func finish(_ collection: UInt32, childrenFrom base: Int) {
        nodes.finishCollection(collection, children: pendingChildren[base...])
        pendingChildren.removeSubrange(base...)
    }

    /// Finds the first key of a mapping being composed with the same text as a new key. Most
    /// mappings in a desired state have a handful of keys, which a scan finds sooner than a
    /// dictionary is built (the dictionary cost a hash and an allocation per key:
    /// docs/performance.md); a large mapping gets one.
    private struct FirstKeys {
        static let scanLimit = 16
        private var index: [String: UInt32]?

        func first(_ key: UInt32, amongPairsFrom base: Int, of pending: ContiguousArray<UInt32>, in nodes: YAMLNodeStore.Builder) -> UInt32? {
            if let index { return index[nodes.string(key)] }
            for position in stride(from: base, to: pending.count, by: 2) where nodes.scalar(pending[position], equals: key) {
                return pending[position]
            }
            return nil
        }

        /// Call after appending a pair whose key was not there yet.
        mutating func added(pairsFrom base: Int, of pending: ContiguousArray<UInt32>, in nodes: YAMLNodeStore.Builder) {
            let pairs = (pending.count - base) / 2
            if index != nil {
                index?[nodes.string(pending[pending.count - 2])] = pending[pending.count - 2]
            } else if pairs > Self.scanLimit {
                var built: [String: UInt32] = [:]
                for position in stride(from: base, to: pending.count, by: 2) {
                    let key = nodes.string(pending[position])
                    if built[key] == nil { built[key] = pending[position] }
                }
                index = built
            }
        }
    }

    private func isMergeKey(_ key: UInt32, _ record: YAMLNodeStore.Record) -> Bool {
        if record.tag == .merge { return true }
        return record.tag == .none && record.style == .plain && record.count == 2 && nodes.string(key) == "<<"
    }

    /// The keys and values, alternating, that a merge key's value brings in.
    private mutating func mergeSources(of value: UInt32) throws -> [UInt32] {
        let record = nodes.record(value)
        switch record.kind {
        case .mapping:
            try charge(Int(record.count) * 2, at: record.mark)
            return Array(pairs(of: record))
        case .sequence:
            var pairs: [UInt32] = []
            for item in nodes.children[Int(record.start)..<Int(record.start + record.count)] {
                let itemRecord = nodes.record(item)
                guard itemRecord.kind == .mapping else { throw error(.invalidMergeValue, at: itemRecord.mark) }
                try charge(Int(itemRecord.count) * 2, at: itemRecord.mark)
                pairs.append(contentsOf: self.pairs(of: itemRecord))
            }
            return pairs
        case .scalar:
            throw error(.invalidMergeValue, at: record.mark)
        }
    }

    private func pairs(of mapping: YAMLNodeStore.Record) -> ArraySlice<UInt32> {
        ArraySlice(nodes.children[Int(mapping.start)..<Int(mapping.start + 2 * mapping.count)])
    }

    private mutating func enter(at mark: Mark) throws {
        depth += 1
        if depth > limits.maxDepth { throw error(.nestingTooDeep(limit: limits.maxDepth), at: mark) }
    }

    private mutating func charge(_ nodes: Int, at mark: Mark) throws {
        expandedNodes += nodes
        if expandedNodes > limits.maxAliasExpansion {
            throw error(.aliasExpansionTooLarge(limit: limits.maxAliasExpansion), at: mark)
        }
    }

    private mutating func remember(anchor: String?, _ composed: Composed) {
        guard let anchor else { return }
        anchors[anchor] = composed
    }

    private func error(_ reason: YAMLError.Reason, at mark: Mark) -> YAMLError {
        YAMLError(reason: reason, location: source.location(mark), sourceLine: source.line(mark.line))
    }
}
