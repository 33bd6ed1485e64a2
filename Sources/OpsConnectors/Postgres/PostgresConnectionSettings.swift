import Foundation
internal import CLibPQ

/// A connection URI (`SUPABASE_DB_URL`) turned into libpq keyword/value pairs, with the
/// safety settings opsctl insists on applied.
///
/// libpq's own parser (`PQconninfoParse`) reads the URI, so every form libpq accepts works
/// (URIs, `key=value` strings, percent-encoded Unix-socket hosts, several hosts). Then:
/// - a non-local host gets `sslmode=require` unless the URI already asks for certificate
///   checks (`verify-ca`, `verify-full`); `disable`, `allow` and `prefer` would let a
///   network attacker read the password and the schema;
/// - `connect_timeout` and `application_name` are filled in when absent.
struct PostgresConnectionSettings: Sendable, Equatable {
    struct Parameter: Sendable, Equatable {
        var keyword: String
        var value: String
    }

    static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
    static let verifyingSSLModes: Set<String> = ["verify-ca", "verify-full"]

    private(set) var parameters: [Parameter]
    var options: PostgresSessionOptions
    /// Masks the password in every message built from this connection.
    let scrubber: PostgresSecretScrubber
    /// The password, so that callers can register it with the plan's redactor.
    let password: String?

    init(uri: String, options: PostgresSessionOptions = PostgresSessionOptions()) throws(PostgresError) {
        let pq = try LibPQ.load()
        let scrubber = PostgresSecretScrubber(uri: uri)
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let parsed = pq.conninfoParse(uri, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "libpq could not parse it"
            if let errorMessage { pq.freemem(errorMessage) }
            throw .invalidURI(reason: scrubber.scrub(reason.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        defer { pq.conninfoFree(parsed) }
        var parameters: [Parameter] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                parameters.append(Parameter(keyword: String(cString: keyword), value: String(cString: value)))
            }
            option += 1
        }
        self.parameters = parameters
        self.options = options
        let password = parameters.first { $0.keyword == "password" }?.value
        self.password = password
        // The parsed password catches forms the textual scan missed (key=value quoting).
        self.scrubber = password.map { PostgresSecretScrubber(password: $0) } ?? scrubber
        applySafetyDefaults()
    }

    func value(for keyword: String) -> String? {
        parameters.last { $0.keyword == keyword }?.value
    }

    /// True when every host is a Unix-socket directory or a loopback address, where TLS
    /// protects nothing (and local test clusters have no certificate).
    var isLocal: Bool {
        let hosts = (value(for: "host") ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let addresses = (value(for: "hostaddr") ?? "").split(separator: ",").map(String.init)
        let hostsAreLocal = hosts.allSatisfy { host in
            host.isEmpty || host.hasPrefix("/") || host.hasPrefix("@") || Self.loopbackHosts.contains(host.lowercased())
        }
        return hostsAreLocal && addresses.allSatisfy { Self.loopbackHosts.contains($0) }
    }

    /// `user@host:port/dbname`, never with the password: what error messages name.
    var target: String {
        let user = value(for: "user").map { "\($0)@" } ?? ""
        let host = value(for: "host").flatMap { $0.isEmpty ? nil : $0 } ?? value(for: "hostaddr") ?? "local socket"
        let port = value(for: "port").map { ":\($0)" } ?? ""
        let database = value(for: "dbname").map { "/\($0)" } ?? ""
        return scrubber.scrub(user + host + port + database)
    }

    private mutating func applySafetyDefaults() {
        if !isLocal, !Self.verifyingSSLModes.contains(value(for: "sslmode") ?? "") {
            set("sslmode", "require")
        }
        if value(for: "connect_timeout") == nil {
            set("connect_timeout", String(options.connectTimeoutSeconds))
        }
        if value(for: "application_name") == nil {
            set("application_name", options.applicationName)
        }
    }

    private mutating func set(_ keyword: String, _ value: String) {
        parameters.removeAll { $0.keyword == keyword }
        parameters.append(Parameter(keyword: keyword, value: value))
    }
}
