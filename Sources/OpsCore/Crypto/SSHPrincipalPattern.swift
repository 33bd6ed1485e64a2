/// OpenSSH's pattern lists (`match_pattern_list` in match.c), as allowed_signers uses them for
/// principals and `namespaces=`: comma-separated patterns where `*` matches any run of
/// characters and `?` any one; a pattern starting with `!` that matches denies outright, even
/// if another pattern matches. Case-sensitive, as ssh-keygen -Y verify matches principals.
package enum SSHPrincipalPattern {
    package static func listMatches(_ list: String, _ name: String) -> Bool {
        var positive = false
        for pattern in list.split(separator: ",", omittingEmptySubsequences: false) {
            let negated = pattern.hasPrefix("!")
            let body = negated ? pattern.dropFirst() : pattern[...]
            guard matches(Array(body.unicodeScalars), Array(name.unicodeScalars)) else { continue }
            if negated { return false }
            positive = true
        }
        return positive
    }

    /// Iterative wildcard matching with one backtrack point, linear in practice and never recursive.
    static func matches(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Whether `name` is a literal principal (no wildcard, negation or list), as a role member must be.
    package static func isLiteralPrincipal(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { "*?!,\" \t".unicodeScalars.contains($0) || $0.value < 0x20 }
    }
}
