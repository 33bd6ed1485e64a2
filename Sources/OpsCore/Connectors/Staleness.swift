extension RefreshResponse {
    /// How a change stands against its object as read just now (`.null` when absent): already
    /// applied when the object looks like `after`, unchanged when it still matches what the
    /// plan observed, moved otherwise, with what moved in words.
    package static func comparing(_ change: Change, with current: JSONValue, removed: String = "it was deleted") -> RefreshResponse {
        if current == change.after { return .alreadyApplied }
        let now = PlanDigest.of(current)
        if now == change.observed { return .unchanged }
        switch (change.before, current) {
        case (.null, _): return .moved(now: now, detail: "it was created by someone else")
        case (_, .null): return .moved(now: now, detail: removed)
        case (.object(let old), .object(let new)):
            let moved = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
            return .moved(now: now, detail: moved.isEmpty ? "it changed" : "\(moved.joined(separator: ", ")) changed")
        default:
            return .moved(now: now, detail: "it changed")
        }
    }
}
