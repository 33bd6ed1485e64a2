internal import CYaml

/// Turns libyaml's event stream into a `YAMLNode` tree, resolving anchors, aliases and
/// merge keys, and enforcing the depth and alias-expansion limits as it goes.
struct Composer {
    private struct Anchored {
        var node: YAMLNode
        var size: Int
    }

    let parser: EventParser
    let source: SourceText
    let limits: YAMLLimits
    private var anchors: [String: Anchored] = [:]
    private var expandedNodes = 0
    private var depth = 0
    private var problems: [YAMLError] = []

    init(parser: EventParser, source: SourceText, limits: YAMLLimits) {
        self.parser = parser
        self.source = source
        self.limits = limits
    }

    mutating func composeStream() throws -> YAMLDocument {
        var root: YAMLNode?
        var sawDocument = false
        while true {
            var event = try parser.next()
            defer { parser.release(&event) }
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_DOCUMENT_START_EVENT:
                if sawDocument {
                    let mark = Self.mark(event.start_mark)
                    throw error(.multipleDocuments, at: mark)
                }
                sawDocument = true
                anchors = [:]
                let (node, _) = try composeNode()
                root = node
            case YAML_STREAM_END_EVENT:
                return YAMLDocument(root: root, source: source, problems: problems)
            default:
                throw error(.syntax(problem: "unexpected event \(event.type.rawValue)", context: nil), at: Self.mark(event.start_mark))
            }
        }
    }

    /// Composes the node whose events come next; returns it with its size in nodes.
    private mutating func composeNode() throws -> (YAMLNode, Int) {
        var event = try parser.next()
        defer { parser.release(&event) }
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else { throw error(.undefinedAlias(name), at: mark) }
            try charge(anchored.size, at: mark)
            return (anchored.node, anchored.size)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let tag = try checkedTag(Self.string(scalar.tag), at: mark)
            let node = YAMLNode(.scalar(YAMLScalar(text: text, style: Self.style(scalar.style))), mark: mark, tag: tag)
            remember(anchor: Self.string(scalar.anchor), node: node, size: 1)
            return (node, 1)
        case YAML_SEQUENCE_START_EVENT:
            let anchor = Self.string(event.data.sequence_start.anchor)
            let tag = try checkedTag(Self.string(event.data.sequence_start.tag), at: mark)
            try enter(at: mark)
            var items: [YAMLNode] = []
            var size = 1
            while try !nextIsEnd(YAML_SEQUENCE_END_EVENT) {
                let (item, itemSize) = try composeNode()
                items.append(item)
                size += itemSize
            }
            depth -= 1
            let node = YAMLNode(.sequence(items), mark: mark, tag: tag)
            remember(anchor: anchor, node: node, size: size)
            return (node, size)
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.string(event.data.mapping_start.anchor)
            let tag = try checkedTag(Self.string(event.data.mapping_start.tag), at: mark)
            try enter(at: mark)
            let (pairs, size) = try composeMappingPairs()
            depth -= 1
            let node = YAMLNode(.mapping(pairs), mark: mark, tag: tag)
            remember(anchor: anchor, node: node, size: size)
            return (node, size)
        default:
            throw error(.syntax(problem: "unexpected event \(event.type.rawValue)", context: nil), at: mark)
        }
    }

    private mutating func composeMappingPairs() throws -> ([YAMLPair], Int) {
        var explicit: [YAMLPair] = []
        var firstMarks = FirstMarks()
        var merged: [YAMLPair] = []
        var size = 1
        while try !nextIsEnd(YAML_MAPPING_END_EVENT) {
            let (key, keySize) = try composeNode()
            let (value, valueSize) = try composeNode()
            size += keySize + valueSize
            guard let keyScalar = key.scalar else { throw error(.nonScalarKey, at: key.mark) }
            if isMergeKey(key, keyScalar) {
                merged.append(contentsOf: try mergeSources(of: value))
                continue
            }
            if let first = firstMarks.mark(of: keyScalar.text, among: explicit) {
                problems.append(YAMLError(
                    reason: .duplicateKey(keyScalar.text),
                    location: source.location(key.mark),
                    sourceLine: source.line(key.mark.line),
                    contextLocation: source.location(first)
                ))
                continue
            }
            explicit.append(YAMLPair(key: key, value: value))
            firstMarks.added(explicit)
        }
        // Explicit keys win over merged ones, and earlier merge sources over later ones.
        for pair in merged {
            guard let text = pair.key.scalar?.text, firstMarks.mark(of: text, among: explicit) == nil else { continue }
            explicit.append(pair)
            firstMarks.added(explicit)
        }
        return (explicit, size)
    }

    /// Where each key of a mapping first appeared. Most mappings in a desired state have a
    /// handful of keys, which a scan finds sooner than a dictionary is built (the dictionary
    /// cost a hash and an allocation per key: docs/performance.md); a large mapping gets one.
    private struct FirstMarks {
        static let scanLimit = 16
        private var index: [String: Mark]?

        func mark(of text: String, among pairs: [YAMLPair]) -> Mark? {
            if let index { return index[text] }
            return pairs.first { $0.key.hasScalarText(text) }?.key.mark
        }

        /// Call after appending a pair whose key was not there yet.
        mutating func added(_ pairs: [YAMLPair]) {
            guard let last = pairs.last, let text = last.key.scalar?.text else { return }
            if index != nil {
                index?[text] = last.key.mark
            } else if pairs.count > Self.scanLimit {
                var built: [String: Mark] = [:]
                for pair in pairs { if let key = pair.key.scalar?.text, built[key] == nil { built[key] = pair.key.mark } }
                index = built
            }
        }
    }

    private func isMergeKey(_ key: YAMLNode, _ scalar: YAMLScalar) -> Bool {
        if key.tag == YAMLTag.merge { return true }
        return key.tag == nil && scalar.style == .plain && scalar.text == "<<"
    }

    private mutating func mergeSources(of value: YAMLNode) throws -> [YAMLPair] {
        switch value.content {
        case .mapping(let pairs):
            try charge(pairs.count * 2, at: value.mark)
            return pairs
        case .sequence(let items):
            var pairs: [YAMLPair] = []
            for item in items {
                guard let itemPairs = item.mapping else { throw error(.invalidMergeValue, at: item.mark) }
                try charge(itemPairs.count * 2, at: item.mark)
                pairs.append(contentsOf: itemPairs)
            }
            return pairs
        case .scalar:
            throw error(.invalidMergeValue, at: value.mark)
        }
    }

    /// Consumes the end event of the current collection if it comes next.
    private func nextIsEnd(_ endType: yaml_event_type_t) throws -> Bool {
        guard try parser.peekType() == endType else { return false }
        var event = try parser.next()
        parser.release(&event)
        return true
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

    private mutating func remember(anchor: String?, node: YAMLNode, size: Int) {
        guard let anchor else { return }
        anchors[anchor] = Anchored(node: node, size: size)
    }

    private func checkedTag(_ tag: String?, at mark: Mark) throws -> String? {
        guard let tag else { return nil }
        guard YAMLTag.known.contains(tag) else { throw error(.unsupportedTag(tag), at: mark) }
        return tag == "!" ? YAMLTag.string : tag
    }

    private func error(_ reason: YAMLError.Reason, at mark: Mark) -> YAMLError {
        YAMLError(reason: reason, location: source.location(mark), sourceLine: source.line(mark.line))
    }

    private static func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
