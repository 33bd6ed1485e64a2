import Foundation
import Glibc
import OpsCore

/// How a migration's file and branch are named. The Supabase CLI reads
/// `supabase/migrations/<version>_<name>.sql` and orders by the numeric version, so the
/// version is a UTC `YYYYMMDDHHMMSS` timestamp like the CLI's own `migration new`.
enum MigrationNaming {
    static let directory = "supabase/migrations"
    static let branchPrefix = "opsctl/migration-"
    /// Slugs longer than this are cut: file and branch names should stay readable in GitHub's UI.
    static let maximumSlugLength = 60

    /// `YYYYMMDDHHMMSS` in UTC; fractions of a second are dropped.
    static func timestamp(_ date: Date) -> String {
        UTCTime(date).compact
    }

    /// Lower-case ASCII letters, digits and single underscores; every other run of characters
    /// becomes one `_`. Keeping `-` out of slugs is what lets `branchSuffix` tell a slug from
    /// the `-N` added to a taken branch name. Nil when nothing usable is left.
    static func slug(_ text: String) -> String? {
        var out = ""
        var pendingSeparator = false
        for scalar in text.lowercased().unicodeScalars {
            let isWord = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWord {
                if pendingSeparator && !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        if out.count > maximumSlugLength {
            out = String(out.prefix(maximumSlugLength))
            while out.hasSuffix("_") { out.removeLast() }
        }
        return out.isEmpty ? nil : out
    }

    /// A slug for a set of changes: the first change's `resource_action_name`, plus how many
    /// others ride along (`table_create_public_profiles_and_2_more`).
    /// Named after the first change in the order the migration runs (a table before its
    /// indexes and policies), keeping the "and N more" whole when the name is long.
    static func slug(for ids: [ChangeID]) -> String {
        guard let first = ids.first else { return "schema" }
        let suffix = ids.count == 1 ? "" : "_and_\(ids.count - 1)_more"
        guard let base = slug("\(first.resource) \(first.action) \(first.name)") else { return "schema" }
        let room = maximumSlugLength - suffix.count
        var trimmed = String(base.prefix(room))
        while trimmed.hasSuffix("_") { trimmed.removeLast() }
        return trimmed + suffix
    }

    static func fileName(timestamp: String, slug: String) -> String {
        "\(timestamp)_opsctl_\(slug).sql"
    }

    static func path(timestamp: String, slug: String) -> String {
        "\(directory)/\(fileName(timestamp: timestamp, slug: slug))"
    }

    static func branch(timestamp: String, slug: String) -> String {
        "\(branchPrefix)\(timestamp)-\(slug)"
    }

    /// The branch name for the `attempt`-th try: the plain name first, then `-2`, `-3`, ...
    static func branch(timestamp: String, slug: String, attempt: Int) -> String {
        attempt <= 1 ? branch(timestamp: timestamp, slug: slug) : "\(branch(timestamp: timestamp, slug: slug))-\(attempt)"
    }

    /// The timestamp of a branch opsctl made for `slug` (`opsctl/migration-<ts>-<slug>` or that
    /// with a `-N` suffix), or nil for any other branch.
    static func timestamp(ofBranch branch: String, slug: String) -> String? {
        guard branch.hasPrefix(branchPrefix) else { return nil }
        let rest = branch.dropFirst(branchPrefix.count)
        let stamp = rest.prefix(14)
        guard stamp.count == 14, stamp.allSatisfy(\.isASCIIDigit) else { return nil }
        let tail = rest.dropFirst(14)
        guard tail.hasPrefix("-\(slug)") else { return nil }
        let suffix = tail.dropFirst(slug.count + 1)
        if suffix.isEmpty { return String(stamp) }
        guard suffix.hasPrefix("-"), suffix.count > 1, suffix.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        return String(stamp)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
