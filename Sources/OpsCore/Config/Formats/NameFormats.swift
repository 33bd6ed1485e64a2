/// Shapes of the names that services accept; each returns nil when the text is fine.
enum NameFormat {
    /// An unquoted PostgreSQL identifier: what migrations can name without quoting.
    static func postgresIdentifier(_ text: String) -> FormatProblem? {
        if text.utf8.count > 63 {
            return FormatProblem("is longer than PostgreSQL's 63-byte identifier limit", hint: "shorten the name")
        }
        // Nearly every name is ASCII; only others need the scalars' Alphabetic property.
        if isASCIIName(text, alsoAllowing: UInt8(ascii: "$")) { return nil }
        guard let first = text.unicodeScalars.first, isLetter(first) || first == "_" else {
            return FormatProblem("must start with a letter or '_' to be a PostgreSQL identifier, found '\(text)'",
                                 hint: "put a letter first, as in t_\(text)")
        }
        guard text.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" || $0 == "$" }) else {
            return FormatProblem(
                "must be a PostgreSQL identifier (letters, digits, '_' and '$'), found '\(text)'",
                hint: "use snake_case, for example '\(snakeCase(text))'"
            )
        }
        return nil
    }

    /// An environment variable name. The text is never echoed: a pasted `NAME=value` would leak the value.
    static func environmentVariable(_ text: String) -> FormatProblem? {
        guard !isEnvironmentVariableName(text) else { return nil }
        if text.contains("=") {
            return FormatProblem("must be only a variable name, but it contains '='",
                                 hint: "put the name here; the value is read from valueFrom at apply time")
        }
        return FormatProblem("must be an environment variable name (letters, digits and '_', not starting with a digit)",
                             hint: "write it like STRIPE_SECRET_KEY")
    }

    static func isEnvironmentVariableName(_ text: String) -> Bool {
        isASCIIName(text)
    }

    /// Six hexadecimal digits without '#', as GitHub's label API takes them.
    static func labelColor(_ text: String) -> FormatProblem? {
        let hasHash = text.utf8.first == UInt8(ascii: "#")
        let digits = hasHash ? String(text.dropFirst()) : text
        let isHex = digits.utf8.count == 6 && digits.utf8.allSatisfy { byte in
            byte.isASCIIDigit || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
        }
        if hasHash {
            return FormatProblem("must be 6 hexadecimal digits without '#', found '\(text)'",
                                 hint: isHex ? "drop the '#': \(digits)" : "drop the '#' and write 6 hexadecimal digits, such as d73a4a")
        }
        guard isHex else {
            return FormatProblem("must be 6 hexadecimal digits, found '\(text)'", hint: "write a colour such as d73a4a")
        }
        return nil
    }

    /// An ISO 4217 code in lowercase, as Stripe reports it.
    static func currency(_ text: String) -> FormatProblem? {
        let isThreeLetters = text.count == 3 && text.unicodeScalars.allSatisfy(isASCIILetter)
        if isThreeLetters, text != text.lowercased() {
            return FormatProblem("must be a lowercase currency code, found '\(text)'", hint: "write '\(text.lowercased())'")
        }
        guard isThreeLetters else {
            return FormatProblem("must be a three-letter ISO currency code, found '\(text)'", hint: "for example usd, eur or zar")
        }
        return nil
    }

    /// A Slack channel: `#name` (lowercase, digits, '-', '_') or a channel ID such as C0123ABCD.
    static func slackChannel(_ text: String) -> FormatProblem? {
        if text.hasPrefix("#") {
            let name = text.dropFirst()
            let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || isDigit($0) || $0 == "-" || $0 == "_" || $0 == "." }
            guard !name.isEmpty, name.count <= 80, allowed else {
                return FormatProblem("must be a Slack channel name in lowercase letters, digits, '-' and '_', found '\(text)'",
                                     hint: "write it as Slack shows it, as in \"#ops-approvals\"")
            }
            return nil
        }
        let isChannelID = text.count >= 9 && ["C", "G"].contains(text.first)
            && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || isDigit($0) }
        guard isChannelID else {
            return FormatProblem("must be a channel name starting with '#' or a channel ID such as C0123ABCD, found '\(text)'",
                                 hint: "write \"#\(text.lowercased())\" in quotes, since an unquoted '#' starts a YAML comment")
        }
        return nil
    }

    /// A GitHub login: letters, digits and single hyphens, at most 39 characters.
    static func isGitHubLogin(_ text: String) -> Bool {
        guard (1...39).contains(text.count), !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { isASCIILetter($0) || isDigit($0) || $0 == "-" }
    }

    /// A Heroku app name: lowercase letters, digits and '-', starting with a letter, 3 to 30 characters.
    static func herokuApp(_ text: String) -> FormatProblem? {
        let valid = (3...30).contains(text.count)
            && text.unicodeScalars.first.map { ("a"..."z").contains($0) } == true
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || isDigit($0) || $0 == "-" }
        return valid ? nil : FormatProblem(
            "must be a Heroku app name (3 to 30 lowercase letters, digits and '-', starting with a letter), found '\(text)'",
            hint: "use the app's name as `heroku apps` lists it")
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    /// ASCII letters, digits and '_' (and `extra`, if given), starting with a letter or '_'.
    /// Read as bytes rather than scalars: any other scalar's bytes fail the same way, and 5,000
    /// variable names read as scalars were 4 M instructions.
    private static func isASCIIName(_ text: String, alsoAllowing extra: UInt8? = nil) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), first.isASCIILetter || first == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            guard byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_") || byte == extra else { return false }
        }
        return true
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        // In ASCII the Alphabetic property holds for A-Z and a-z alone; answering those without
        // the property tables took most of the cost of checking a table's column names.
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        return scalar.properties.isAlphabetic
    }

    private static func snakeCase(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isASCIILetter(scalar) || isDigit(scalar) {
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !result.hasSuffix("_") {
                result += "_"
            }
        }
        return result
    }
}
