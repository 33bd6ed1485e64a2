import OpsCore

/// The checks of the platform snapshot, from values read: pure functions, so each rule is
/// tested without a server.
enum HerokuAudit {
    static func release(app: HerokuApp, releases: [HerokuRelease]) -> Check {
        let id = "heroku.release.\(app.name)"
        guard let current = releases.first(where: \.current) ?? releases.first else {
            return Check(id: id, scope: .heroku, name: "\(app.name) release", status: .warning,
                         message: "\(app.name) has no release yet", suggestedAction: "deploy the app", source: app.location)
        }
        let who = current.userEmail.map { " by \($0)" } ?? ""
        let what = current.description.isEmpty ? "" : " (\(current.description))"
        let message = "\(app.name) runs v\(current.version), released \(current.createdAt)\(who)\(what)"
        guard current.status == "succeeded" else {
            return Check(id: id, scope: .heroku, name: "\(app.name) release", status: .fail,
                         message: message + ", but its status is \(current.status)",
                         suggestedAction: "check the release phase output with 'heroku releases:output v\(current.version) -a \(app.name)'",
                         source: app.location)
        }
        return Check(id: id, scope: .heroku, name: "\(app.name) release", status: .pass, message: message, source: app.location)
    }

    static func formation(app: HerokuApp, processes: [HerokuProcess]) -> [Check] {
        var checks: [Check] = []
        for declared in app.formation {
            let id = "heroku.formation.\(app.name).\(declared.type)"
            let name = "\(app.name) formation: \(declared.type)"
            guard let process = processes.first(where: { $0.type == declared.type }) else {
                checks.append(Check(id: id, scope: .heroku, name: name, status: .fail,
                                    message: "\(app.name) has no \(declared.type) process type",
                                    suggestedAction: "add \(declared.type) to the Procfile and deploy", source: declared.location))
                continue
            }
            var differences: [String] = []
            if let quantity = declared.quantity, quantity != process.quantity {
                differences.append("quantity is \(process.quantity), declared \(quantity)")
            }
            if let size = declared.size, size.lowercased() != process.size.lowercased() {
                differences.append("size is \(process.size), declared \(size)")
            }
            let runs = "\(process.quantity) × \(process.size)"
            if differences.isEmpty {
                checks.append(Check(id: id, scope: .heroku, name: name, status: .pass,
                                    message: "\(app.name) runs \(declared.type) at \(runs)", source: declared.location))
            } else {
                let scale = "heroku ps:scale \(declared.type)=\(declared.quantity ?? process.quantity)"
                    + (declared.size.map { ":\($0)" } ?? "") + " -a \(app.name)"
                checks.append(Check(id: id, scope: .heroku, name: name, status: .fail,
                                    message: "\(app.name) \(declared.type): \(differences.joined(separator: "; "))",
                                    suggestedAction: "run '\(scale)', or change the declared formation", source: declared.location))
            }
        }
        let declaredTypes = Set(app.formation.map(\.type))
        for process in processes where !declaredTypes.contains(process.type) && !app.formation.isEmpty {
            checks.append(Check(id: "heroku.formation.\(app.name).\(process.type)", scope: .heroku, name: "\(app.name) formation: \(process.type)",
                                status: .pass, message: "\(app.name) also runs \(process.type) at \(process.quantity) × \(process.size) (not declared)",
                                source: app.location))
        }
        return checks
    }

    static func addons(app: HerokuApp, addons: [HerokuAddon]) -> [Check] {
        addons.map { addon in
            let id = "heroku.addon.\(app.name).\(addon.name)"
            let name = "\(app.name) add-on: \(addon.name)"
            guard addon.state == "provisioned" else {
                return Check(id: id, scope: .heroku, name: name, status: .warning,
                             message: "\(addon.name) (\(addon.plan)) on \(app.name) is \(addon.state), not provisioned",
                             suggestedAction: "check it with 'heroku addons:info \(addon.name) -a \(app.name)'", source: app.location)
            }
            return Check(id: id, scope: .heroku, name: name, status: .pass,
                         message: "\(addon.name) (\(addon.plan)) on \(app.name) is provisioned", source: app.location)
        }
    }

    static func health(app: HerokuApp, url: String, outcome: HerokuHealthProbe.Outcome) -> Check {
        let id = "heroku.health.\(app.name)"
        let name = "\(app.name) health"
        switch outcome {
        case .status(let status) where (200..<300).contains(status):
            return Check(id: id, scope: .heroku, name: name, status: .pass, message: "\(url) answered \(status)", source: app.location)
        case .status(let status):
            return Check(id: id, scope: .heroku, name: name, status: .fail, message: "\(url) answered \(status), not 2xx",
                         suggestedAction: "check the app's logs with 'heroku logs -a \(app.name)'", source: app.location)
        case .unreachable(let reason):
            return Check(id: id, scope: .heroku, name: name, status: .fail, message: "\(url) did not answer: \(reason)",
                         suggestedAction: "check that the app is up and the URL is right", source: app.location)
        }
    }
}
