/// The Heroku platform snapshot (docs/services/heroku.md): apps whose current release,
/// formation and add-ons are checked, read-only.
package struct HerokuConfig: Sendable, Equatable {
    package var apps: [HerokuApp]

    package init(apps: [HerokuApp] = []) {
        self.apps = apps
    }
}

package struct HerokuApp: Sendable, Equatable {
    package var name: String
    /// A URL that must answer 2xx, such as the app's `/health`.
    package var healthCheck: String?
    /// Declared process types; those not declared are reported, not judged.
    package var formation: [HerokuProcessType]
    package var location: SourceLocation?

    package init(name: String, healthCheck: String? = nil, formation: [HerokuProcessType] = [], location: SourceLocation? = nil) {
        self.name = name
        self.healthCheck = healthCheck
        self.formation = formation
        self.location = location
    }
}

package struct HerokuProcessType: Sendable, Equatable {
    /// `web`, `worker`…
    package var type: String
    package var quantity: Int?
    /// The dyno size as Heroku names it (`basic`, `standard-1x`), compared without regard to case.
    package var size: String?
    package var location: SourceLocation?

    package init(type: String, quantity: Int? = nil, size: String? = nil, location: SourceLocation? = nil) {
        self.type = type
        self.quantity = quantity
        self.size = size
        self.location = location
    }
}
