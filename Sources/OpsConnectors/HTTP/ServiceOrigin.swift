import Foundation

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
