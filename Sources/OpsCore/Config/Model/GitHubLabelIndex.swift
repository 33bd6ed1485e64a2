/// Each declared label's position in `GitHubConfig.labels`, by its name lower-cased (GitHub's
/// label names ignore case). The desired state's decoder builds it as it checks the names for
/// repeats, and the connector looks every listed label up in it: one table for both, where
/// each used to build its own (docs/performance.md).
package struct GitHubLabelIndex: Sendable, Equatable {
    package let positions: [String: Int]
    /// Two declared names differ only in case. The decoder refuses such a file, so only labels
    /// given some other way (tests, tools) can have them; the first keeps the name.
    package let namesRepeat: Bool

    package init(_ labels: [GitHubLabel]) {
        var positions = [String: Int](minimumCapacity: labels.count)
        var namesRepeat = false
        for (position, label) in labels.enumerated() {
            let key = label.name.lowercased()
            if let first = positions.updateValue(position, forKey: key) {
                positions[key] = first
                namesRepeat = true
            }
        }
        self.positions = positions
        self.namesRepeat = namesRepeat
    }

    /// A table the decoder built, whose positions are those of the labels it kept.
    init(decodedPositions: [String: Int]) {
        positions = decodedPositions
        namesRepeat = false
    }

    package func position(ofLowercased name: String) -> Int? {
        positions[name]
    }
}
