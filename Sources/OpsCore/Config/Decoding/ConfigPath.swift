/// Where a value sits inside a configuration file, written the way messages name it:
/// `github.labels[2].color`, `approvalRules["github.branch_protection.*"].approvers`.
///
/// Stored as a chain of links to the parent's path, so that a child's path shares its
/// parent's instead of copying it: decoding a large file makes a path for every mapping in
/// it, and messages, the only readers of the whole path, are rare (docs/performance.md).
struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private final class Link: Sendable {
        let parent: Link?
        let component: Component

        init(parent: Link?, component: Component) {
            self.parent = parent
            self.component = component
        }
    }

    private let last: Link?

    private init(last: Link?) {
        self.last = last
    }

    static let root = ConfigPath(last: nil)

    /// From the top level down.
    var components: [Component] {
        var reversed: [Component] = []
        var link = last
        while let current = link {
            reversed.append(current.component)
            link = current.parent
        }
        return reversed.reversed()
    }

    func appending(_ component: Component) -> ConfigPath {
        ConfigPath(last: Link(parent: last, component: component))
    }

    func appending(_ key: String) -> ConfigPath {
        appending(.key(key))
    }

    func appending(index: Int) -> ConfigPath {
        appending(.index(index))
    }

    /// The enclosing path, for messages about a key inside it.
    var parent: ConfigPath {
        ConfigPath(last: last?.parent)
    }

    var isRoot: Bool { last == nil }

    /// The last key, for messages that talk about one field ("the key 'color'").
    var lastKey: String? {
        if case .key(let key)? = last?.component { return key }
        return nil
    }

    static func == (lhs: ConfigPath, rhs: ConfigPath) -> Bool {
        lhs.last === rhs.last || lhs.components == rhs.components
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(components)
    }

    var description: String {
        if isRoot { return "the top level" }
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
