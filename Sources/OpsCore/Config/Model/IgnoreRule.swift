import Foundation

/// `ignore:` in change-policy.yaml: drift and unmanaged objects someone has decided to live
/// with, for a stated reason, by a named owner, until a date. Past that date the matches show
/// again, with a warning naming the rule, so an exception never becomes permanent by neglect.
package struct IgnoreRule: Sendable, Equatable {
    /// A pattern over change and check IDs (`github.label.*.wontfix`): `*` stands for one part
    /// between dots, `**` for any run of parts.
    package var match: String
    package var reason: String
    package var owner: String
    /// The first day the rule no longer applies (UTC midnight); nil never expires.
    package var expires: Date?
    package var location: SourceLocation?

    package init(match: String, reason: String, owner: String, expires: Date? = nil, location: SourceLocation? = nil) {
        self.match = match
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.location = location
    }

    package func isExpired(at now: Date) -> Bool {
        expires.map { now >= $0 } ?? false
    }

    /// Whether an ID falls under the pattern.
    package func matches(_ id: String) -> Bool {
        Self.matches(pattern: match.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                     parts: id.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    private static func matches(pattern: [String], parts: [String]) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = Array(pattern.dropFirst())
            return (0...parts.count).contains { matches(pattern: rest, parts: Array(parts.dropFirst($0))) }
        }
        guard let part = parts.first, first == "*" || first == part else { return false }
        return matches(pattern: Array(pattern.dropFirst()), parts: Array(parts.dropFirst()))
    }
}
