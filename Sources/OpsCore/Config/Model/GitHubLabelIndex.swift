/// Each declared label's position in `GitHubConfig.labels`, by its name lower-cased (GitHub's
/// label names ignore case). The desired state's decoder builds it as it checks the names for
/// repeats, and the connector looks every listed label up in it: one table for both, where
/// each used to build its own (docs/performance.md).
package struct GitHubLabelIndex: Sendable, Equatable {
    package private(set) var positions: [String: Int]
    /// Two declared names differ only in case. The decoder refuses such a file, so only labels
    /// given some other way (tests, tools) can have them; the first keeps the name.
    package private(set) var namesRepeat = false

    package init(_ labels: [GitHubLabel]) {
        self.init(expecting: labels.count)
        for (position, label) in labels.enumerated() { record(label.name, at: position) }
    }

    /// An empty index with room for `count` names.
    init(expecting count: Int) {
        positions = Dictionary(minimumCapacity: count)
    }

    /// Records `name` at `position` unless a name equal to it but for case is there already;
    /// then the first keeps its place and its position is returned.
    @discardableResult
    mutating func record(_ name: String, at position: Int) -> Int? {
        let key = name.lowercased()
        guard let first = positions.updateValue(position, forKey: key) else { return nil }
        positions[key] = first
        namesRepeat = true
        return first
    }

    package func position(ofLowercased name: String) -> Int? {
        positions[name]
    }
}
