import OpsCore

extension HerokuEmulator {
    /// The `heroku` section: the account the API key belongs to, and its apps.
    struct State: SandboxStateSection {
        var accountEmail: String
        var apps: [App]

        static let empty = State(accountEmail: "sandbox@example.com", apps: [])

        init(accountEmail: String, apps: [App]) {
            self.accountEmail = accountEmail
            self.apps = apps
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            accountEmail = try reader.optionalString("account_email") ?? State.empty.accountEmail
            apps = []
            for (value, path) in try reader.array("apps") {
                apps.append(try App(JSONFieldReader(value, path: path)))
            }
        }

        var stateJSON: JSONValue {
            ["account_email": .string(accountEmail), "apps": .array(apps.map(\.stateJSON))]
        }

        /// The app by name or id, created on first use like every sandbox object.
        mutating func appIndex(_ reference: String, now: SandboxTimestamp) -> Int {
            if let index = apps.firstIndex(where: { $0.name == reference || $0.id == reference }) { return index }
            apps.append(App.new(name: reference, now: now))
            return apps.count - 1
        }
    }

    struct App: Equatable {
        var id: String
        var name: String
        var createdAt: String
        var configVars: [String: String]
        var releases: [Release]
        var formation: [Process]
        var addons: [Addon]

        static func new(name: String, now: SandboxTimestamp) -> App {
            App(id: HerokuEmulator.uuid("app:\(name)"), name: name, createdAt: now.rfc3339, configVars: [:], releases: [], formation: [], addons: [])
        }

        init(id: String, name: String, createdAt: String, configVars: [String: String], releases: [Release], formation: [Process], addons: [Addon]) {
            self.id = id
            self.name = name
            self.createdAt = createdAt
            self.configVars = configVars
            self.releases = releases
            self.formation = formation
            self.addons = addons
        }

        init(_ reader: JSONFieldReader) throws(StateDecodingError) {
            name = try reader.string("name")
            id = try reader.optionalString("id") ?? HerokuEmulator.uuid("app:\(name)")
            createdAt = try reader.optionalString("created_at") ?? "2026-01-01T00:00:00Z"
            configVars = [:]
            for (key, value, path) in try reader.object("config_vars") {
                guard let text = value.stringValue else { throw StateDecodingError(path: path, problem: "expected a string") }
                configVars[key] = text
            }
            releases = []
            for (value, path) in try reader.array("releases") {
                let fields = try JSONFieldReader(value, path: path)
                releases.append(Release(
                    version: try fields.int("version"), description: try fields.string("description"),
                    createdAt: try fields.string("created_at"), userEmail: try fields.string("user_email"),
                    status: try fields.optionalString("status") ?? "succeeded"))
            }
            formation = []
            for (value, path) in try reader.array("formation") {
                let fields = try JSONFieldReader(value, path: path)
                formation.append(Process(
                    type: try fields.string("type"), quantity: try fields.int("quantity"), size: try fields.string("size"),
                    command: try fields.optionalString("command") ?? ""))
            }
            addons = []
            for (value, path) in try reader.array("addons") {
                let fields = try JSONFieldReader(value, path: path)
                addons.append(Addon(
                    name: try fields.string("name"), service: try fields.string("service"), plan: try fields.string("plan"),
                    state: try fields.optionalString("state") ?? "provisioned", createdAt: try fields.optionalString("created_at") ?? createdAt))
            }
        }

        var stateJSON: JSONValue {
            [
                "id": .string(id), "name": .string(name), "created_at": .string(createdAt),
                "config_vars": .object(configVars.mapValues(JSONValue.string)),
                "releases": .array(releases.map {
                    ["version": .int($0.version), "description": .string($0.description), "created_at": .string($0.createdAt),
                     "user_email": .string($0.userEmail), "status": .string($0.status)]
                }),
                "formation": .array(formation.map {
                    ["type": .string($0.type), "quantity": .int($0.quantity), "size": .string($0.size), "command": .string($0.command)]
                }),
                "addons": .array(addons.map {
                    ["name": .string($0.name), "service": .string($0.service), "plan": .string($0.plan), "state": .string($0.state),
                     "created_at": .string($0.createdAt)]
                }),
            ]
        }

        /// Records a release, as every config change and deploy does on Heroku.
        mutating func release(_ description: String, by email: String, now: SandboxTimestamp) -> Release {
            let release = Release(
                version: (releases.map(\.version).max() ?? 0) + 1, description: description, createdAt: now.rfc3339, userEmail: email,
                status: "succeeded")
            releases.append(release)
            return release
        }
    }

    struct Release: Equatable {
        var version: Int
        var description: String
        var createdAt: String
        var userEmail: String
        var status: String
    }

    struct Process: Equatable {
        var type: String
        var quantity: Int
        var size: String
        var command: String
    }

    struct Addon: Equatable {
        var name: String
        var service: String
        /// `heroku-postgresql:essential-0`.
        var plan: String
        var state: String
        var createdAt: String
    }
}
