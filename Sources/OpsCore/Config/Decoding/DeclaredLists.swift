/// A list a section of desired-state.yaml declares (`github: labels:`), with its length, known
/// as soon as the parse has composed it: before the rest of the file is read and before
/// anything is decoded or validated. A connector whose first read is a listing can ask for the
/// pages that many entries fill while the file is still being read
/// (`Connector.continueReading(declared:)`). Only a hint: the plan compares with the decoded
/// desired state.
package struct DeclaredList: Sendable, Equatable {
    /// The section's key, which is its scope's name.
    package var section: String
    package var key: String
    package var count: Int

    package init(section: String, key: String, count: Int) {
        self.section = section
        self.key = key
        self.count = count
    }

    package var scope: ServiceScope? { ServiceScope(rawValue: section) }
}

/// Passes the composer's news on: each section's lists to `report`, and the top-level entries
/// to the sections decoded early, if any.
final class DeclaredListReporter: TopLevelEntryObserver {
    private let early: EarlySections?
    private let report: (DeclaredList) -> Void

    init(early: EarlySections?, report: @escaping (DeclaredList) -> Void) {
        self.early = early
        self.report = report
    }

    func composed(key: String, value: YAMLNode, node: UInt32) {
        early?.composed(key: key, value: value, node: node)
    }

    func composedList(section: String, key: String, count: Int) {
        report(DeclaredList(section: section, key: key, count: count))
    }

    /// Without sections decoded early, nothing needs a copy of the values.
    var wantsComposedValues: Bool { early != nil }
}
