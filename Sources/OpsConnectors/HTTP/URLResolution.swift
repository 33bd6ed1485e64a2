import Foundation

/// Turning request targets into URLs, and URLs back into the short paths errors show.
enum URLResolution {
    static func isAbsolute(_ target: String) -> Bool {
        let lowered = target.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// `reference` resolved against `base` as a string, left untouched when already absolute
    /// so that a pagination link is followed exactly as the service wrote it.
    static func absolute(_ reference: String, against base: URL) -> String {
        if isAbsolute(reference) { return reference }
        return URL(string: reference, relativeTo: base)?.absoluteString ?? reference
    }

    /// The base URL joined with a relative target; the base's path prefix (`/github`,
    /// `/api/v3`) is kept, which `URL(string:relativeTo:)` would drop for a target starting with `/`.
    static func join(base: URL, target: String) -> URL? {
        if isAbsolute(target) { return URL(string: target) }
        var prefix = base.absoluteString
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let suffix = target.hasPrefix("/") ? target : "/" + target
        return URL(string: prefix + suffix)
    }

    /// The path and query of `url` relative to the base's path prefix, for messages:
    /// `http://127.0.0.1:9/github/repos/a/b?x=1` with base `.../github` gives `/repos/a/b?x=1`.
    static func relativeTarget(of url: URL, base: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        let path = components?.percentEncodedPath ?? url.path
        let query = components?.percentEncodedQuery
        components = nil
        var basePath = URLComponents(url: base, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? ""
        while basePath.hasSuffix("/") { basePath.removeLast() }
        var relative = path
        if !basePath.isEmpty, relative.hasPrefix(basePath),
            relative.count == basePath.count || relative.dropFirst(basePath.count).hasPrefix("/")
        {
            relative = String(relative.dropFirst(basePath.count))
        }
        if relative.isEmpty { relative = "/" }
        return query.map { relative + "?" + $0 } ?? relative
    }
}

/// Scheme, host and port: the boundary credentials must not cross. Pagination links and
/// redirects are followed only within the origin of the service's base URL.
struct ServiceOrigin: Hashable, Sendable, CustomStringConvertible {
    var scheme: String
    var host: String
    var port: Int

    init(url: URL) {
        scheme = url.scheme?.lowercased() ?? ""
        host = url.host?.lowercased() ?? ""
        port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
    }

    var description: String { "\(scheme)://\(host):\(port)" }
}
