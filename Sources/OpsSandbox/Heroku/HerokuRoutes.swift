import OpsCore

extension HerokuEmulator {
    enum Routes {
        /// `POST /apps` with `{"name": ...}`: 201 with the app, or 422 when the name is taken.
        static func createApp(_ request: EmulatorRequest, _ heroku: inout State, now: SandboxTimestamp) throws(RouteFailure) -> HTTPResponse {
            let body = try object(request.body)
            guard let name = body["name"]?.stringValue, !name.isEmpty else { throw RouteFailure(response: Errors.invalidParams("Name is required.")) }
            guard !heroku.apps.contains(where: { $0.name == name }) else {
                throw RouteFailure(response: Errors.invalidParams("Name \(name) is already taken"))
            }
            heroku.apps.append(App.new(name: name, now: now))
            return .json(201, wire(heroku.apps[heroku.apps.count - 1], email: heroku.accountEmail))
        }

        static func app(_ request: EmulatorRequest, rest: [String], app: inout App, email: String, now: SandboxTimestamp) throws(RouteFailure) -> HTTPResponse {
            switch (request.method, rest.first, rest.count) {
            case ("GET", nil, 0):
                return .json(200, wire(app, email: email))
            case ("GET", "config-vars", 1):
                return .json(200, .object(app.configVars.mapValues(JSONValue.string)))
            case ("PATCH", "config-vars", 1):
                return try updateConfigVars(request, app: &app, email: email, now: now)
            case ("GET", "releases", 1):
                return try list(request, app.releases, fields: ["version", "id"], defaultField: "version", numeric: ["version"]) { release, field in
                    field == "version" ? String(release.version) : releaseID(app, release)
                } wire: { releaseWire(app, $0) }
            case ("GET", "formation", 1):
                return try list(request, app.formation, fields: ["type", "id"], defaultField: "type", numeric: []) { process, field in
                    field == "type" ? process.type : uuid("formation:\(app.name):\(process.type)")
                } wire: { formationWire(app, $0) }
            case ("PATCH", "formation", 1):
                return try updateFormation(request, app: &app)
            case ("GET", "addons", 1):
                return try list(request, app.addons, fields: ["name", "id"], defaultField: "name", numeric: []) { addon, field in
                    field == "name" ? addon.name : uuid("addon:\(addon.name)")
                } wire: { addonWire(app, $0) }
            case ("POST", "addons", 1):
                return try createAddon(request, app: &app, email: email, now: now)
            default:
                throw RouteFailure(response: Errors.notFound())
            }
        }

        // MARK: Config vars

        /// A partial map: strings set, `null` deletes, the rest stays. A change makes a release
        /// ("Set FOO, BAR config vars", "Remove BAZ config vars"); an answer is the whole map.
        static func updateConfigVars(_ request: EmulatorRequest, app: inout App, email: String, now: SandboxTimestamp) throws(RouteFailure) -> HTTPResponse {
            let body = try object(request.body)
            var set: [String] = []
            var removed: [String] = []
            var vars = app.configVars
            for key in body.keys.sorted() {
                guard !key.isEmpty, key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }) else {
                    throw RouteFailure(response: Errors.invalidParams("Invalid config var name: \(key). Only letters, numbers and underscores are allowed."))
                }
                switch body[key] {
                case .string(let value)?:
                    if vars[key] != value { set.append(key) }
                    vars[key] = value
                case .null?:
                    if vars.removeValue(forKey: key) != nil { removed.append(key) }
                default:
                    throw RouteFailure(response: Errors.invalidParams("Config var \(key) must be a string or null."))
                }
            }
            app.configVars = vars
            var parts: [String] = []
            if !set.isEmpty { parts.append("Set \(set.joined(separator: ", ")) config vars") }
            if !removed.isEmpty { parts.append("Remove \(removed.joined(separator: ", ")) config vars") }
            if !parts.isEmpty { _ = app.release(parts.joined(separator: "; "), by: email, now: now) }
            return .json(200, .object(vars.mapValues(JSONValue.string)))
        }

        // MARK: Formation and add-ons

        /// `{"updates": [{"type": "web", "quantity": 2, "size": "Standard-1X"}]}`; a type the
        /// app lacks is added, so tests can set up any formation.
        static func updateFormation(_ request: EmulatorRequest, app: inout App) throws(RouteFailure) -> HTTPResponse {
            let body = try object(request.body)
            guard let updates = body["updates"]?.arrayValue else { throw RouteFailure(response: Errors.invalidParams("updates is required.")) }
            for update in updates {
                guard let type = update["type"]?.stringValue else { throw RouteFailure(response: Errors.invalidParams("Each update needs a type.")) }
                let index = app.formation.firstIndex { $0.type == type } ?? {
                    app.formation.append(Process(type: type, quantity: 0, size: "Basic", command: "npm start"))
                    return app.formation.count - 1
                }()
                if let quantity = update["quantity"]?.intValue { app.formation[index].quantity = quantity }
                if let size = update["size"]?.stringValue ?? update["dyno_size"]?["name"]?.stringValue { app.formation[index].size = size }
            }
            return .json(200, .array(app.formation.map { formationWire(app, $0) }))
        }

        /// `{"plan": "heroku-postgresql:essential-0", "name"?: ...}`: 201 with the add-on. The
        /// sandbox's own `config: {"sandbox_state": "provisioning"}` sets its state, so tests
        /// can show an add-on that is not yet provisioned.
        static func createAddon(_ request: EmulatorRequest, app: inout App, email: String, now: SandboxTimestamp) throws(RouteFailure) -> HTTPResponse {
            let body = try object(request.body)
            guard let plan = body["plan"]?.stringValue, !plan.isEmpty else { throw RouteFailure(response: Errors.invalidParams("Plan is required.")) }
            let service = String(plan.prefix { $0 != ":" })
            let name = body["name"]?.stringValue ?? "\(service)-\(uuid("addon:\(app.name):\(plan):\(app.addons.count)").prefix(8))"
            guard !app.addons.contains(where: { $0.name == name }) else {
                throw RouteFailure(response: Errors.invalidParams("Name \(name) is already taken"))
            }
            let state = body["config"]?["sandbox_state"]?.stringValue ?? "provisioned"
            guard ["provisioning", "provisioned", "deprovisioned"].contains(state) else {
                throw RouteFailure(response: Errors.invalidParams("sandbox_state must be provisioning, provisioned or deprovisioned."))
            }
            let addon = Addon(name: name, service: service, plan: plan, state: state, createdAt: now.rfc3339)
            app.addons.append(addon)
            _ = app.release("Attach \(name) (@ref:\(name))", by: email, now: now)
            return .json(201, addonWire(app, addon))
        }

        // MARK: Listing

        /// A list endpoint's answer for the request's `Range`: 200 when it fits, else 206 with `Next-Range`.
        static func list<Item>(
            _ request: EmulatorRequest, _ items: [Item], fields: Set<String>, defaultField: String, numeric: Set<String>,
            key: (Item, String) -> String, wire: (Item) -> JSONValue
        ) throws(RouteFailure) -> HTTPResponse {
            guard let range = Range(header: request.headers["Range"], defaultField: defaultField, fields: fields) else {
                throw RouteFailure(response: Errors.badRange())
            }
            let page = range.page(items, key: key, numeric: numeric.contains(range.field))
            let body = JSONValue.array(page.items.map(wire))
            guard let next = page.next else { return .json(200, body) }
            return .json(206, body, headers: HTTPHeaders([("Next-Range", next), ("Content-Range", "\(range.field) \(key(page.items[0], range.field))..\(key(page.items[page.items.count - 1], range.field))")]))
        }

        static func object(_ body: [UInt8]) throws(RouteFailure) -> [String: JSONValue] {
            guard case .object(let members)? = try? JSONParser.parse(body) else {
                throw RouteFailure(response: Errors.response(400, id: "bad_request", message: "Invalid JSON in request body."))
            }
            return members
        }

        // MARK: Wire shapes

        static func appRef(_ app: App) -> JSONValue { ["id": .string(app.id), "name": .string(app.name)] }

        static func wire(_ app: App, email: String) -> JSONValue {
            [
                "id": .string(app.id), "name": .string(app.name), "created_at": .string(app.createdAt),
                "updated_at": .string(app.releases.last?.createdAt ?? app.createdAt),
                "released_at": app.releases.last.map { .string($0.createdAt) } ?? .null,
                "web_url": .string("https://\(app.name).herokuapp.com/"), "git_url": .string("https://git.heroku.com/\(app.name).git"),
                "region": ["id": .string(uuid("region:us")), "name": "us"], "stack": ["id": .string(uuid("stack:heroku-24")), "name": "heroku-24"],
                "build_stack": ["id": .string(uuid("stack:heroku-24")), "name": "heroku-24"], "generation": "cedar",
                "owner": ["id": .string(uuid("account:\(email)")), "email": .string(email)], "maintenance": false, "acm": false,
                "archived_at": .null, "buildpack_provided_description": "Node.js", "internal_routing": .null, "organization": .null,
                "team": .null, "space": .null, "repo_size": .null, "slug_size": .null,
            ]
        }

        static func releaseID(_ app: App, _ release: Release) -> String { uuid("release:\(app.name):\(release.version)") }

        static func releaseWire(_ app: App, _ release: Release) -> JSONValue {
            let current = release.version == app.releases.map(\.version).max()
            return [
                "id": .string(releaseID(app, release)), "version": .int(release.version), "description": .string(release.description),
                "status": .string(release.status), "current": .bool(current), "created_at": .string(release.createdAt),
                "updated_at": .string(release.createdAt), "app": appRef(app), "slug": .null, "addon_plan_names": .array(app.addons.map { .string($0.plan) }),
                "artifacts": [], "user": ["id": .string(uuid("account:\(release.userEmail)")), "email": .string(release.userEmail)],
                "output_stream_url": .null, "eligible_for_rollback": .bool(!current),
            ]
        }

        static func formationWire(_ app: App, _ process: Process) -> JSONValue {
            [
                "id": .string(uuid("formation:\(app.name):\(process.type)")), "type": .string(process.type), "quantity": .int(process.quantity),
                "size": .string(process.size), "dyno_size": ["id": .string(uuid("size:\(process.size)")), "name": .string(process.size)],
                "command": .string(process.command), "app": appRef(app), "created_at": .string(app.createdAt), "updated_at": .string(app.createdAt),
            ]
        }

        static func addonWire(_ app: App, _ addon: Addon) -> JSONValue {
            [
                "id": .string(uuid("addon:\(addon.name)")), "name": .string(addon.name), "state": .string(addon.state), "app": appRef(app),
                "plan": ["id": .string(uuid("plan:\(addon.plan)")), "name": .string(addon.plan)],
                "addon_service": ["id": .string(uuid("service:\(addon.service)")), "name": .string(addon.service)],
                "actions": [], "billed_price": .null, "billing_entity": appRef(app), "config_vars": [], "provider_id": .string(addon.name),
                "provision_message": .null, "created_at": .string(addon.createdAt), "updated_at": .string(addon.createdAt), "web_url": .null,
            ]
        }
    }
}
