import Foundation

/// RFC 8288 `Link` headers, as GitHub uses them for pagination (docs/http.md, "Pagination"):
/// `<https://api.github.com/...?page=2>; rel="next", <...?page=5>; rel="last"`.
///
/// Tolerant by design: a malformed entry is skipped, not fatal, because the worst outcome of
/// a bad header should be one page too few reported clearly, not a crash.
package enum LinkHeader {
    package struct Link: Sendable, Hashable {
        /// The URI reference exactly as written between `<` and `>`.
        package var uri: String
        /// Parameters with lower-cased names; quoted values are unquoted.
        package var parameters: [String: String]

        package init(uri: String, parameters: [String: String]) {
            self.uri = uri
            self.parameters = parameters
        }

        /// `rel` may list several space-separated relation types (`rel="next last"`).
        package var relations: [String] {
            (parameters["rel"] ?? "").split(separator: " ").map { $0.lowercased() }
        }
    }

    package static func parse(_ header: String) -> [Link] {
        var links: [Link] = []
        var scanner = Scanner(Array(header.unicodeScalars))
        while !scanner.atEnd {
            scanner.skip { $0 == " " || $0 == "\t" || $0 == "," }
            guard !scanner.atEnd else { break }
            guard scanner.peek == "<" else {
                // Not the start of a link: skip to the next comma outside quotes.
                scanner.skipToNextLink()
                continue
            }
            scanner.advance()
            let uri = scanner.take { $0 != ">" }
            guard scanner.peek == ">" else { break }
            scanner.advance()
            var parameters: [String: String] = [:]
            while true {
                scanner.skip { $0 == " " || $0 == "\t" }
                guard scanner.peek == ";" else { break }
                scanner.advance()
                scanner.skip { $0 == " " || $0 == "\t" }
                let name = scanner.take { $0 != "=" && $0 != ";" && $0 != "," && $0 != " " && $0 != "\t" }.lowercased()
                scanner.skip { $0 == " " || $0 == "\t" }
                var value = ""
                if scanner.peek == "=" {
                    scanner.advance()
                    scanner.skip { $0 == " " || $0 == "\t" }
                    value = scanner.peek == "\"" ? scanner.takeQuoted() : scanner.take { $0 != ";" && $0 != "," }
                        .trimmingCharacters(in: [" ", "\t"])
                }
                // RFC 8288: only the first occurrence of a parameter counts.
                if !name.isEmpty, parameters[name] == nil { parameters[name] = value }
            }
            links.append(Link(uri: uri, parameters: parameters))
            scanner.skipToNextLink()
        }
        return links
    }

    /// The URI of the first link with relation `relation` (case-insensitive).
    package static func uri(rel relation: String, in header: String) -> String? {
        let wanted = relation.lowercased()
        return parse(header).first { $0.relations.contains(wanted) }?.uri
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func advance() { index += 1 }

        mutating func skip(while predicate: (Unicode.Scalar) -> Bool) {
            while let next = peek, predicate(next) { index += 1 }
        }

        mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
            var text = String.UnicodeScalarView()
            while let next = peek, predicate(next) {
                text.append(next)
                index += 1
            }
            return String(text)
        }

        /// A quoted-string with backslash escapes; an unterminated one runs to the end.
        mutating func takeQuoted() -> String {
            advance()
            var text = String.UnicodeScalarView()
            while let next = peek {
                index += 1
                if next == "\"" { break }
                if next == "\\", let escaped = peek {
                    index += 1
                    text.append(escaped)
                } else {
                    text.append(next)
                }
            }
            return String(text)
        }

        /// Moves past the next comma that is not inside a quoted string or `<...>`.
        mutating func skipToNextLink() {
            var inQuotes = false
            var inBrackets = false
            while let next = peek {
                index += 1
                if inQuotes {
                    if next == "\\" { index += 1 } else if next == "\"" { inQuotes = false }
                } else if next == "\"" {
                    inQuotes = true
                } else if next == "<" {
                    inBrackets = true
                } else if next == ">" {
                    inBrackets = false
                } else if next == ",", !inBrackets {
                    return
                }
            }
        }
    }
}
