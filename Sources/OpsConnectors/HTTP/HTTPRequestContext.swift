/// What an error or log line says about the request it concerns; every field is already
/// redacted, so it can be printed as it is.
public struct HTTPRequestContext: Sendable, Hashable {
    public var service: String
    public var method: String
    /// Path relative to the service's base URL, without the query (`/repos/acme/app/labels`).
    public var path: String
    /// Path with the query, for detail views.
    public var target: String

    public init(service: String, method: String, path: String, target: String) {
        self.service = service
        self.method = method
        self.path = path
        self.target = target
    }

    /// "GitHub GET /repos/acme/app/labels"
    public var summary: String { "\(service) \(method) \(path)" }
}
