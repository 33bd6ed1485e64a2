/// Remembers where each name was first declared in a list, so that a repeat can name both places.
struct DuplicateTracker<Key: Hashable> {
    private var firstSeen: [Key: ConfigValue]

    /// `expecting`: how many keys are coming (a list's length), so that the table is made once
    /// at its size rather than regrown a dozen times on the way to 10,000 labels.
    init(expecting count: Int = 0) {
        firstSeen = Dictionary(minimumCapacity: count)
    }

    /// Records `value` under `key` and returns the earlier value with the same key, if any.
    mutating func earlier(_ key: Key, than value: ConfigValue) -> ConfigValue? {
        // One hash for a new key, which nearly every key is; a repeat puts the first one back.
        guard let first = firstSeen.updateValue(value, forKey: key) else { return nil }
        firstSeen[key] = first
        return first
    }

    /// Records `value`; when `key` was seen before, reports `what` as declared twice. The words
    /// are put together only then: building them for every entry of a large file was measurable.
    mutating func check(
        _ key: Key, at value: ConfigValue, what: @autoclosure () -> String,
        hint: @autoclosure () -> String = "remove one of them or give it another name"
    ) {
        guard let first = earlier(key, than: value) else { return }
        value.reportRepeat(of: first, what: what(), hint: hint())
    }
}

extension ConfigValue {
    /// Reports that this value repeats `first`, naming both places in the message and a note.
    func reportRepeat(of first: ConfigValue, what: String, hint: String) {
        error(
            "\(what) at \(path) is already declared at \(first.path) (line \(first.mark.line))",
            hint: hint,
            notes: [Diagnostic.Note(message: "first declared here", location: first.location)]
        )
    }
}
