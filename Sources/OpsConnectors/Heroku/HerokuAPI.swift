import Foundation
import OpsCore

/// The Heroku Platform API calls opsctl makes (docs/services/heroku.md, "Requests"), over the
/// shared client. Config-var values are registered with the redactor the moment they arrive,
/// before anything else could quote them.
struct HerokuAPI: Sendable {
    static let tokenVariable = "HEROKU_API_KEY"
    static let baseURLVariable = "OPS_HEROKU_API_URL"
    static let defaultBaseURL = "https://api.heroku.com"
    let client: ServiceHTTPClient
    /// Items per page asked for in `Range`; Heroku allows up to 1000.
    var pageSize = 200

    /// `OPS_HEROKU_API_URL`, else the sandbox's `/heroku`, else `https://api.heroku.com`, with
    /// `HEROKU_API_KEY` as the bearer token.
    static func make(context: ConnectorContext) -> Result<HerokuAPI, MissingCredentials> {
        context.settings(secrets: [tokenVariable]).flatMap { settings in
            let base = context.baseURL(scope: .heroku, overrideVariable: baseURLVariable, defaultURL: defaultBaseURL)
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the Heroku API URL '\(base)' is not an http(s) URL"))
            }
            let client = ServiceHTTPClient(
                configuration: .heroku(baseURL: url, token: settings[tokenVariable]), redactor: context.redactor,
                metrics: HTTPMetrics(), observer: HTTPRequestLog.observer(for: context)
            )
            return .success(HerokuAPI(client: client))
        }
    }

    var metrics: HTTPMetrics { client.metrics }

    private func appPath(_ app: String) -> String { "/apps/\(PathSegment.encode(app))" }

    /// `GET /apps/{app}/config-vars`: every variable and its value.
    func configVars(app: String) async throws -> [String: String] {
        let response = try await client.send(.get("\(appPath(app))/config-vars"))
        return registered(try response.decodeJSON(HerokuConfigVarsBody.self).values)
    }

    /// `PATCH /apps/{app}/config-vars` with a partial map: a value sets the key, nil (sent as
    /// JSON `null`) deletes it, keys left out stay as they are. Returns the resulting map.
    func updateConfigVars(app: String, changes: [String: String?]) async throws -> [String: String] {
        for case let value? in changes.values { client.redactor.register(secret: value) }
        let body = JSONValue.object(changes.mapValues { $0.map(JSONValue.string) ?? .null })
        var request = ServiceRequest.json("PATCH", "\(appPath(app))/config-vars", body: body)
        // The body sets absolute values, so sending it again after a lost answer is harmless.
        request.idempotency = .idempotent
        let response = try await client.send(request)
        return registered(try response.decodeJSON(HerokuConfigVarsBody.self).values)
    }

    /// `GET /apps/{app}/releases`, newest first, `max` of them.
    func releases(app: String, max: Int = 10) async throws -> [HerokuRelease] {
        let first = HerokuRangePagination.first("\(appPath(app))/releases", field: "version", max: max, descending: true)
        // Only the newest are wanted: one page.
        let response = try await client.send(first)
        return try response.decodeJSON([HerokuReleaseBody].self).map(HerokuRelease.init)
    }

    /// `GET /apps/{app}/formation`, every process type.
    func formation(app: String) async throws -> [HerokuProcess] {
        try await list("\(appPath(app))/formation", field: "type", as: HerokuFormationBody.self).map(HerokuProcess.init)
    }

    /// `GET /apps/{app}/addons`, every add-on attached to the app.
    func addons(app: String) async throws -> [HerokuAddon] {
        try await list("\(appPath(app))/addons", field: "name", as: HerokuAddonBody.self).map(HerokuAddon.init)
    }

    /// A whole listing, following `Next-Range` to the end.
    private func list<Item: Decodable & Sendable>(_ target: String, field: String, as: Item.Type) async throws -> [Item] {
        var items: [Item] = []
        let first = HerokuRangePagination.first(target, field: field, max: pageSize)
        for try await page in client.pages(first, strategy: HerokuRangePagination()) {
            items += try page.decodeJSON([Item].self)
        }
        return items
    }

    /// Every config var is treated as a secret except a short plain word (`production`,
    /// `true`, `3`): those are settings, and masking them would blank the same word wherever
    /// else it appears in a plan. No value is ever printed either way; the secrets scope
    /// registers the values it manages itself, whatever they look like.
    private func registered(_ values: [String: String]) -> [String: String] {
        for value in values.values where !Self.isPlainSetting(value) { client.redactor.register(secret: value) }
        return values
    }

    static func isPlainSetting(_ value: String) -> Bool {
        value.count < 16 && value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)
        }
    }
}

/// The config-vars object: names to string values. Heroku answers `null` for none in a few
/// old cases; those are left out.
struct HerokuConfigVarsBody: Decodable, Sendable {
    var values: [String: String]

    init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: String?].self)
        values = raw.compactMapValues { $0 }
    }
}
