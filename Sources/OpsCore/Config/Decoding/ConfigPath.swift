/// Where a value sits inside a configuration file, written the way messages name it:
/// `github.labels[2].color`, `approvalRules["github.branch_protection.*"].approvers`.
struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private(set) var components: [Component] = []

    static let root = ConfigPath()

    func appending(_ key: String) -> ConfigPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    func appending(index: Int) -> ConfigPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    /// The enclosing path, for messages about a key inside it.
    var parent: ConfigPath {
        var copy = self
        copy.components.removeLast(components.isEmpty ? 0 : 1)
        return copy
    }

    var isRoot: Bool { components.isEmpty }

    /// The last key, for messages that talk about one field ("the key 'color'").
    var lastKey: String? {
        if case .key(let key)? = components.last { return key }
        return nil
    }

    var description: String {
        if components.isEmpty { return "the top level" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where Self.isPlainName(key):
                text += text.isEmpty ? key : ".\(key)"
            case .key(let key):
                // Keys such as rule patterns contain dots themselves, so they are quoted.
                text += "[\"\(key)\"]"
            }
        }
        return text
    }

    private static func isPlainName(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
    }
}
