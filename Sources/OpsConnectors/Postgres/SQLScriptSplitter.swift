/// Splits a SQL script into statements at top-level semicolons, the way psql does: a `;`
/// inside a string, a quoted identifier, a dollar-quoted body or a comment does not end a
/// statement. Each statement then runs on its own through `PQexecParams`, which refuses
/// more than one statement per call, so a splitting mistake fails loudly instead of
/// running something unintended.
enum SQLScriptSplitter {
    struct Statement: Sendable, Equatable {
        /// The statement without its terminating semicolon, comments before it included.
        var text: String
        /// 1-based line and column in the script where the statement's first token starts.
        var line: Int
        var column: Int
        /// Line and column in the script where `text` itself starts.
        var textLine: Int
        var textColumn: Int

        /// The script line and column of a 1-based character position (in Unicode scalars,
        /// as the server counts) inside `text`; the first token's place when there is none.
        func scriptPosition(ofCharacter position: Int?) -> (line: Int, column: Int) {
            guard let position, position >= 1 else { return (line, column) }
            var line = textLine
            var column = textColumn
            for (offset, scalar) in text.unicodeScalars.enumerated() {
                if offset == position - 1 { break }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return (line, column)
        }

        /// The first keyword, lowercased (`create`, `begin` ...), for spotting transaction control.
        var firstKeyword: String {
            let scalars = text.unicodeScalars.dropFirst(significantOffset)
            return String(String.UnicodeScalarView(scalars.prefix { $0.properties.isAlphabetic || $0 == "_" })).lowercased()
        }

        /// Scalars before the first token (white space and comments).
        var significantOffset: Int
    }

    static func statements(in script: String) -> [Statement] {
        let scalars = Array(script.unicodeScalars)
        var statements: [Statement] = []
        var start = 0
        var firstToken: Int?
        var index = 0
        // Line and column of every scalar, computed as we go.
        var lines: [Int] = []
        var columns: [Int] = []
        lines.reserveCapacity(scalars.count + 1)
        columns.reserveCapacity(scalars.count + 1)
        var line = 1
        var column = 1
        for scalar in scalars {
            lines.append(line)
            columns.append(column)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        lines.append(line)
        columns.append(column)

        // Like psql: in a SQL-standard function body (`begin atomic … end`) a `;` does not end
        // the statement. Every `begin` or `case` after a statement's first word opens a level,
        // every `end` closes one (a `case … end` in a plain statement balances itself).
        var wordCount = 0
        var blockDepth = 0

        func finish(at end: Int) {
            defer {
                start = end + 1
                firstToken = nil
                wordCount = 0
                blockDepth = 0
            }
            guard let token = firstToken else { return }
            let text = String(String.UnicodeScalarView(scalars[start..<end]))
            statements.append(Statement(
                text: text, line: lines[token], column: columns[token],
                textLine: lines[start], textColumn: columns[start], significantOffset: token - start
            ))
        }

        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "-" where next == "-":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "/" where next == "*":
                index = skipBlockComment(scalars, from: index)
                continue
            case ";" where blockDepth == 0:
                finish(at: index)
                index += 1
                continue
            default:
                break
            }
            if !scalar.properties.isWhitespace, firstToken == nil { firstToken = index }
            switch scalar {
            case "'":
                let escapes = index > 0 && (scalars[index - 1] == "E" || scalars[index - 1] == "e")
                    && (index < 2 || !isIdentifierScalar(scalars[index - 2]))
                index = skipQuoted(scalars, from: index, quote: "'", backslashEscapes: escapes)
            case "\"":
                index = skipQuoted(scalars, from: index, quote: "\"", backslashEscapes: false)
            case "$":
                if let tagEnd = dollarTagEnd(scalars, from: index), index == 0 || !isIdentifierScalar(scalars[index - 1]) {
                    let tag = Array(scalars[index...tagEnd])
                    index = skipDollarBody(scalars, from: tagEnd + 1, tag: tag)
                } else {
                    index += 1
                }
            case _ where (scalar.properties.isAlphabetic || scalar == "_") && (index == 0 || !isIdentifierScalar(scalars[index - 1])):
                var end = index
                while end < scalars.count, isIdentifierScalar(scalars[end]) { end += 1 }
                let word = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
                wordCount += 1
                if word == "begin" || word == "case" {
                    if wordCount > 1 { blockDepth += 1 }
                } else if word == "end", blockDepth > 0 {
                    blockDepth -= 1
                }
                index = end
            default:
                index += 1
            }
        }
        finish(at: scalars.count)
        return statements
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$"
    }

    /// `/* ... */`, which PostgreSQL lets nest.
    private static func skipBlockComment(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < scalars.count {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalars[index] == "/", next == "*" {
                depth += 1
                index += 2
            } else if scalars[index] == "*", next == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return index
    }

    /// Past the closing quote; a doubled quote is an escaped one, and in `E'...'` so is `\'`.
    private static func skipQuoted(_ scalars: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < scalars.count {
            if backslashEscapes, scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == quote {
                if index + 1 < scalars.count, scalars[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return index
    }

    /// The index of the closing `$` of a dollar-quote tag (`$$`, `$body$`) starting at `start`;
    /// nil for `$1` and other non-tags.
    private static func dollarTagEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "$" { return index }
            let isDigit = ("0"..."9").contains(scalar)
            guard scalar.properties.isAlphabetic || scalar == "_" || (isDigit && index > start + 1) else { return nil }
            index += 1
        }
        return nil
    }

    private static func skipDollarBody(_ scalars: [Unicode.Scalar], from start: Int, tag: [Unicode.Scalar]) -> Int {
        var index = start
        while index + tag.count <= scalars.count {
            if scalars[index] == "$", Array(scalars[index..<(index + tag.count)]) == tag { return index + tag.count }
            index += 1
        }
        return scalars.count
    }
}
