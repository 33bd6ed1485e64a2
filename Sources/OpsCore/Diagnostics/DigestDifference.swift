/// Two digests shortened for a message that compares them. Cutting both to their first few
/// digits prints two identical prefixes whenever they differ further on, which is most of the
/// time for an edit the user is meant to notice; here both sides show the same window, placed
/// so that it includes the first digit where they differ.
///
///     DigestDifference.pair("sha256:9f86d081884c7d65…", "sha256:9f86d081884c7d66…")
///     // ("sha256:…884c7d659a2f…", "sha256:…884c7d669a2f…")
package enum DigestDifference {
    /// Hex digits shown of each digest.
    package static let defaultWidth = 12
    /// Equal digits kept before the first difference, so the reader can line the two up.
    static let context = 4

    /// Both digests shortened to the same `width` digits around their first difference; a
    /// common algorithm label such as `sha256:` is kept in front, and `…` marks what was left
    /// out on either side. Digests that are equal, or differ early, show their starts.
    package static func pair(_ first: String, _ second: String, width: Int = defaultWidth) -> (String, String) {
        let label = commonLabel(first, second)
        let a = Array(first.unicodeScalars.dropFirst(label.unicodeScalars.count))
        let b = Array(second.unicodeScalars.dropFirst(label.unicodeScalars.count))
        var difference = 0
        while difference < a.count, difference < b.count, a[difference] == b[difference] { difference += 1 }
        let start: Int
        if difference < width || (difference == a.count && difference == b.count) {
            start = 0
        } else {
            // Near the end, slide back so the window stays `width` digits wide.
            start = min(difference - context, max(0, max(a.count, b.count) - width))
        }
        return (label + window(a, from: start, width: width), label + window(b, from: start, width: width))
    }

    private static func window(_ digits: [Unicode.Scalar], from start: Int, width: Int) -> String {
        // `start` is never past the shorter digest: it is at most the first difference.
        let end = min(digits.count, start + width)
        var text = String.UnicodeScalarView()
        if start > 0 { text.append("…") }
        text.append(contentsOf: digits[start..<end])
        if end < digits.count { text.append("…") }
        return String(text)
    }

    /// `sha256:` when both carry it; nothing otherwise.
    private static func commonLabel(_ first: String, _ second: String) -> String {
        guard let colon = first.firstIndex(of: ":"), first.distance(from: first.startIndex, to: colon) < 16 else {
            return ""
        }
        let label = String(first[...colon])
        return second.hasPrefix(label) ? label : ""
    }
}
