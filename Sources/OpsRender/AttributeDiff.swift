import OpsCore

/// One attribute-level line of a change's diff.
package struct AttributeDiff: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case added, removed, changed
    }

    package var path: String
    package var kind: Kind
    package var before: JSONValue?
    package var after: JSONValue?

    /// Compares two snapshots attribute by attribute; nested objects become dotted paths,
    /// lists compare whole. Unchanged attributes are left out.
    package static func between(_ before: JSONValue, _ after: JSONValue) -> [AttributeDiff] {
        var lines: [AttributeDiff] = []
        collect(before: before, after: after, path: "", into: &lines)
        return lines
    }

    private static func collect(before: JSONValue?, after: JSONValue?, path: String, into lines: inout [AttributeDiff]) {
        let before = before == .null ? nil : before
        let after = after == .null ? nil : after
        if case .object(let old)? = before, case .object(let new)? = after {
            let keys = Set(old.keys).union(new.keys)
            for key in JSONWriter.sortedKeys(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.null) })) {
                collect(before: old[key], after: new[key], path: path.isEmpty ? key : "\(path).\(key)", into: &lines)
            }
            return
        }
        if case .object(let new)? = after, before == nil, !path.isEmpty || !new.isEmpty {
            for key in JSONWriter.sortedKeys(new) {
                collect(before: nil, after: new[key], path: path.isEmpty ? key : "\(path).\(key)", into: &lines)
            }
            return
        }
        if case .object(let old)? = before, after == nil {
            for key in JSONWriter.sortedKeys(old) {
                collect(before: old[key], after: nil, path: path.isEmpty ? key : "\(path).\(key)", into: &lines)
            }
            return
        }
        switch (before, after) {
        case (nil, nil): return
        case (nil, let new?): lines.append(AttributeDiff(path: path, kind: .added, before: nil, after: new))
        case (let old?, nil): lines.append(AttributeDiff(path: path, kind: .removed, before: old, after: nil))
        case (let old?, let new?):
            if old != new { lines.append(AttributeDiff(path: path, kind: .changed, before: old, after: new)) }
        }
    }
}
