import Foundation

/// OpenSSH's allowed_signers file (ssh-keygen(1), "ALLOWED SIGNERS"): one signer a line,
/// `principals [options] keytype base64-key [comment]`, with `#` comments and blank lines.
/// Options are `cert-authority`, `namespaces="list"`, `valid-after=TIME` and `valid-before=TIME`
/// (TIME is YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z], local time unless it ends in Z). Every problem
/// is reported with its file, line and column; a line with a problem is left out.
package struct SSHAllowedSigners: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        /// A pattern list (`SSHPrincipalPattern`).
        package var principals: String
        package var namespaces: String?
        package var validAfter: Date?
        package var validBefore: Date?
        /// The key signs certificates (of any principal the line allows) instead of messages.
        package var certificateAuthority: Bool
        package var key: SSHPublicKey
        package var location: SourceLocation
    }

    package var path: String
    package var entries: [Entry]

    package init(path: String, entries: [Entry]) {
        self.path = path
        self.entries = entries
    }

    package struct Parsed: Sendable {
        package var signers: SSHAllowedSigners
        package var diagnostics: [Diagnostic]
    }

    package static let maximumBytes = 1 << 20

    package static func parse(_ text: String, path: String) -> Parsed {
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            var parser = LineParser(line: line, location: SourceLocation(file: path, line: index + 1, column: 1))
            switch parser.entry() {
            case .none: continue
            case .some(.entry(let entry)): entries.append(entry)
            case .some(.problem(let problem)): diagnostics.append(problem)
            }
        }
        return Parsed(signers: SSHAllowedSigners(path: path, entries: entries), diagnostics: diagnostics)
    }

    /// Reads and parses the file; a missing or unreadable file is one diagnostic at `reference`.
    package static func load(path: String, reference: SourceLocation?) -> Parsed {
        let empty = SSHAllowedSigners(path: path, entries: [])
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "it does not exist"
            return Parsed(signers: empty, diagnostics: [Diagnostic(
                message: "the allowed signers file '\(path)' named by allowedSigners cannot be used: \(why)", location: reference,
                hint: "create it with one line per signer: PRINCIPAL KEYTYPE BASE64 (the public key, as in ~/.ssh/id_ed25519.pub)")])
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
        guard data.count <= maximumBytes else {
            return Parsed(signers: empty, diagnostics: [Diagnostic(
                message: "the allowed signers file '\(path)' is larger than \(maximumBytes / 1024) KiB", location: reference,
                hint: "keep one line per signer")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Parsed(signers: empty, diagnostics: [Diagnostic(
                message: "the allowed signers file '\(path)' is not UTF-8 text", location: SourceLocation(file: path, line: 1, column: 1),
                hint: "write it as plain text")])
        }
        return parse(text, path: path)
    }

    /// The lines naming this exact key (or, for a certificate, `cert-authority` lines).
    package func entries(for key: SSHPublicKey) -> [Entry] {
        entries.filter { !$0.certificateAuthority && $0.key.blob == key.blob }
    }

    package var hasCertificateAuthorities: Bool { entries.contains(where: \.certificateAuthority) }
}

/// What one line holds: a signer, or the problem that kept it out.
private enum LineOutcome {
    case entry(SSHAllowedSigners.Entry)
    case problem(Diagnostic)
}

/// One line, read left to right with the column of each token kept for diagnostics.
private struct LineParser {
    let characters: [Character]
    let line: String
    let location: SourceLocation
    var index = 0

    static let optionNames = ["cert-authority", "namespaces", "valid-after", "valid-before"]

    init(line: String, location: SourceLocation) {
        self.line = line
        self.characters = Array(line)
        self.location = location
    }

    func problem(_ message: String, at column: Int, hint: String) -> LineOutcome {
        var place = location
        place.column = column + 1
        return .problem(Diagnostic(message: message, location: place, sourceLine: line, hint: hint))
    }

    mutating func skipSpace() {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
    }

    /// A token up to unquoted white space; quotes are kept. Nil for an unclosed quote.
    mutating func token() -> (text: String, column: Int)? {
        skipSpace()
        let start = index
        var quoted = false
        while index < characters.count {
            let character = characters[index]
            if character == "\"" { quoted.toggle() }
            else if !quoted, character == " " || character == "\t" { break }
            index += 1
        }
        if quoted { return nil }
        return (String(characters[start..<index]), start)
    }

    static func isKeyType(_ token: String) -> Bool {
        token.hasPrefix("ssh-") || token.hasPrefix("ecdsa-sha2-") || token.hasPrefix("sk-")
    }

    mutating func entry() -> LineOutcome? {
        skipSpace()
        guard index < characters.count, characters[index] != "#" else { return nil }
        guard let principalsToken = token() else {
            return problem("unclosed quote in the principals", at: index, hint: "close the quote")
        }
        let principals = unquoted(principalsToken.text)
        guard !principals.isEmpty, !principals.contains(where: { $0 == " " || $0 == "\t" }) else {
            return problem("the principals are empty", at: principalsToken.column, hint: "start the line with PRINCIPAL, as in alice@example.com")
        }
        guard let next = token(), !next.text.isEmpty else {
            return problem("the line names principals but no key", at: index,
                           hint: "write PRINCIPALS KEYTYPE BASE64, with the key as in ~/.ssh/id_ed25519.pub")
        }
        var options = Options()
        var keyTypeToken = next
        if !Self.isKeyType(next.text) {
            if let problem = parseOptions(next.text, column: next.column, into: &options) { return problem }
            guard let following = token(), !following.text.isEmpty else {
                return problem("the line has options but no key", at: index, hint: "write the key type and base64 key after the options")
            }
            keyTypeToken = following
        }
        guard Self.isKeyType(keyTypeToken.text) else {
            return problem("'\(keyTypeToken.text)' is not an SSH key type", at: keyTypeToken.column,
                           hint: "key types are ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256 (384, 521) and sk-... for security keys")
        }
        guard let keyToken = token(), !keyToken.text.isEmpty else {
            return problem("the key type \(keyTypeToken.text) is not followed by a key", at: index, hint: "paste the whole public key line")
        }
        guard let data = Data(base64Encoded: keyToken.text) else {
            return problem("the key is not valid base64", at: keyToken.column, hint: "paste the whole public key line, as in ~/.ssh/id_ed25519.pub")
        }
        let key: SSHPublicKey
        do {
            key = try SSHPublicKey(blob: Array(data))
        } catch {
            return problem("the key cannot be read: \(error.message)", at: keyToken.column, hint: "paste the public key as ssh-keygen wrote it")
        }
        guard key.type == keyTypeToken.text else {
            return problem("the key is of type \(key.type), but the line says \(keyTypeToken.text)", at: keyTypeToken.column,
                           hint: "paste the public key line unchanged")
        }
        return .entry(SSHAllowedSigners.Entry(
            principals: principals, namespaces: options.namespaces, validAfter: options.validAfter, validBefore: options.validBefore,
            certificateAuthority: options.certificateAuthority, key: key, location: location
        ))
    }

    struct Options {
        var namespaces: String?
        var validAfter: Date?
        var validBefore: Date?
        var certificateAuthority = false
        var seen: Set<String> = []
    }

    func parseOptions(_ text: String, column: Int, into options: inout Options) -> LineOutcome? {
        // Commas inside quotes belong to a value (namespaces="a,b").
        var parts: [(text: String, column: Int)] = []
        var current = ""
        var start = column
        var quoted = false
        for (offset, character) in text.enumerated() {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                parts.append((current, start))
                current = ""
                start = column + offset + 1
            } else {
                current.append(character)
            }
        }
        parts.append((current, start))
        for part in parts {
            let name = part.text.split(separator: "=", maxSplits: 1).first.map { String($0).lowercased() } ?? ""
            let value = part.text.firstIndex(of: "=").map { unquoted(String(part.text[part.text.index(after: $0)...])) }
            guard Self.optionNames.contains(name) else {
                let hint = closestMatch(to: name, in: Self.optionNames).map { "did you mean '\($0)'?" }
                    ?? "options are \(Self.optionNames.joined(separator: ", "))"
                return problem("unknown option '\(part.text)'", at: part.column, hint: hint)
            }
            guard options.seen.insert(name).inserted else {
                return problem("the option \(name) is given twice", at: part.column, hint: "give each option once")
            }
            switch name {
            case "cert-authority":
                guard value == nil else { return problem("cert-authority takes no value", at: part.column, hint: "write just cert-authority") }
                options.certificateAuthority = true
            case "namespaces":
                guard let value, !value.isEmpty else {
                    return problem("namespaces needs a value", at: part.column, hint: "write namespaces=\"opsctl-approval@v1\"")
                }
                options.namespaces = value
            default:
                guard let value, let date = SSHTime.date(value) else {
                    return problem("\(name) must be a time such as 20270131 or 202701311200Z, found '\(value ?? "")'", at: part.column,
                                   hint: "write YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]; without Z it is local time")
                }
                if name == "valid-after" { options.validAfter = date } else { options.validBefore = date }
            }
        }
        return nil
    }

    func unquoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "")
    }
}

/// Times as ssh-keygen writes them in allowed_signers and `-O verify-time=`.
package enum SSHTime {
    package static func date(_ text: String) -> Date? {
        var digits = text
        var timeZone = TimeZone.current
        if digits.hasSuffix("Z") || digits.hasSuffix("z") {
            digits.removeLast()
            timeZone = TimeZone(identifier: "UTC")!
        }
        guard [8, 12, 14].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let numbers = Array(digits).map { Int(String($0))! }
        func value(_ from: Int, _ count: Int) -> Int { numbers[from..<from + count].reduce(0) { $0 * 10 + $1 } }
        var components = DateComponents()
        components.year = value(0, 4)
        components.month = value(4, 2)
        components.day = value(6, 2)
        components.hour = digits.count >= 12 ? value(8, 2) : 0
        components.minute = digits.count >= 12 ? value(10, 2) : 0
        components.second = digits.count == 14 ? value(12, 2) : 0
        guard (1...12).contains(components.month!), (1...31).contains(components.day!), components.hour! < 24, components.minute! < 60,
            components.second! < 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == components.day else { return nil }
        return date
    }

    /// `YYYYMMDDHHMMSSZ`, for `ssh-keygen -Y verify -O verify-time=`.
    package static func utcText(_ date: Date) -> String {
        let text = ReceiptTimestamp.string(from: date)  // 2026-12-01T18:05:50Z
        return text.filter { $0.isNumber } + "Z"
    }
}
