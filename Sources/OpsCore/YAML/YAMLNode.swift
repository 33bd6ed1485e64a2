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

/// A composed YAML node. Every node carries the mark where it starts; aliases share the
/// anchored node (and its mark), merge keys are already applied.
///
/// Equality ignores marks: two documents that say the same thing are equal.
package struct YAMLNode: Sendable, CustomStringConvertible {
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    package var content: Content
    package var mark: Mark
    /// The explicit tag, expanded (`tag:yaml.org,2002:str`), when the document gave one.
    package var tag: String?

    package init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    package var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    package var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    package var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under a scalar key, for small look-ups in tests and tools.
    package subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.hasScalarText(key) }?.value
    }

    /// Whether this is a scalar written as `text`; unlike `scalar?.text == text`, copies nothing
    /// out of the node (key look-ups run this for every key of every mapping).
    func hasScalarText(_ text: String) -> Bool {
        if case .scalar(let scalar) = content { return scalar.text == text }
        return false
    }

    /// What this node is, in the words an error message uses ("a mapping", "the integer 3").
    package var kindDescription: String {
        switch content {
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
        guard lhs.tag == rhs.tag else { return false }
        switch (lhs.content, rhs.content) {
        case (.scalar(let a), .scalar(let b)): return a.text == b.text && a.isQuoted == b.isQuoted
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

extension YAMLScalar {
    var isQuoted: Bool { style != .plain }
}
