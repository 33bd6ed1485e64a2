/// Bounds what a diagnostic quotes from the user's input. A hostile or generated file can hold
/// a line of megabytes; quoting it whole, and padding a caret line under it, once wrote twice
/// its size to stderr. A source line wider than the limit is cut to a window around the
/// reported column, with `…` where text was left out; a message longer than a few lines keeps
/// its start and end, which carry the sentence, around a `…`.
package enum DiagnosticExcerpt {
    /// Terminal columns of source text quoted when the caller knows no terminal width.
    package static let defaultWidth = 200
    /// Narrower than this, a window shows too little around the column to be of use.
    package static let minimumWidth = 20
    package static let ellipsis: Unicode.Scalar = "…"

    /// The part of `line` to print, and the 1-based column of the reported character within it.
    /// Lines that fit come back unchanged. Widths are display columns; every character counts
    /// at least one (so a line of combining marks is bounded too) and a tab counts eight.
    /// `cutBefore` and `cutAfter` say that `line` is already a window of a longer line, so
    /// that side gets its `…` whether or not this window cuts it further.
    package static func window(
        of line: String, column: Int, maximumWidth: Int = defaultWidth, cutBefore: Bool = false, cutAfter: Bool = false
    ) -> (text: String, column: Int) {
        let width = max(maximumWidth, minimumWidth)
        let scalars = line.unicodeScalars
        var total = (cutBefore ? 1 : 0) + (cutAfter ? 1 : 0)
        for scalar in scalars {
            total += budgetColumns(scalar)
            if total > width { break }
        }
        if total <= width {
            guard cutBefore || cutAfter else { return (line, column) }
            var text = String.UnicodeScalarView()
            if cutBefore { text.append(ellipsis) }
            text.append(contentsOf: scalars)
            if cutAfter { text.append(ellipsis) }
            return (String(text), column + (cutBefore ? 1 : 0))
        }

        // Two columns go to the ellipses; a third of the rest to the text before the column,
        // the remainder to the column and what follows it.
        let budget = width - 2
        let target = max(column - 1, 0)
        var caret = scalars.startIndex
        var reached = 0
        while reached < target, caret != scalars.endIndex {
            scalars.formIndex(after: &caret)
            reached += 1
        }
        // A column past the end of the line: the caret stays that far past it, within reason.
        let beyondEnd = min(target - reached, budget / 2)

        var start = caret
        var before = 0
        var used = beyondEnd
        func extendLeft(within limit: Int) {
            while start != scalars.startIndex {
                let previous = scalars.index(before: start)
                let cost = budgetColumns(scalars[previous])
                if used + cost > limit { return }
                used += cost
                before += 1
                start = previous
            }
        }
        extendLeft(within: used + budget / 3)
        var end = caret
        while end != scalars.endIndex {
            let cost = budgetColumns(scalars[end])
            if used + cost > budget { break }
            used += cost
            scalars.formIndex(after: &end)
        }
        // Near the end of the line the right side needs less: give the rest to the left.
        if end == scalars.endIndex { extendLeft(within: budget) }

        var text = String.UnicodeScalarView()
        let cutAtStart = cutBefore || start != scalars.startIndex
        if cutAtStart { text.append(ellipsis) }
        text.append(contentsOf: scalars[start..<end])
        if cutAfter || end != scalars.endIndex { text.append(ellipsis) }
        return (String(text), before + (cutAtStart ? 1 : 0) + beyondEnd + 1)
    }

    /// Characters of a message kept before it is shortened (about ten terminal lines).
    package static let maximumMessageLength = 800

    /// `message` unchanged when short; otherwise its first two thirds and last third of
    /// `maximumLength` characters around `…`. Messages quote values from the input ("found
    /// '…'"), which may be as long as the input.
    package static func message(_ message: String, maximumLength: Int = maximumMessageLength) -> String {
        let scalars = message.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: maximumLength, limitedBy: scalars.endIndex),
            cut != scalars.endIndex
        else { return message }
        let headLength = maximumLength * 2 / 3
        let tailLength = maximumLength - headLength - 1
        let headEnd = scalars.index(scalars.startIndex, offsetBy: headLength)
        var tailStart = scalars.endIndex
        for _ in 0..<tailLength { scalars.formIndex(before: &tailStart) }
        var text = String.UnicodeScalarView(scalars[..<headEnd])
        text.append(ellipsis)
        text.append(contentsOf: scalars[tailStart...])
        return String(text)
    }

    private static func budgetColumns(_ scalar: Unicode.Scalar) -> Int {
        // Printable ASCII first: nearly every character of a configuration file.
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        return scalar == "\t" ? 8 : max(1, DisplayWidth.columns(of: scalar))
    }
}
