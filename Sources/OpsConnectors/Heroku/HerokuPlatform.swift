/// One release as the platform snapshot shows it.
struct HerokuRelease: Sendable, Equatable {
    var version: Int
    var description: String
    var status: String
    var current: Bool
    var createdAt: String
    var userEmail: String?

    init(_ body: HerokuReleaseBody) {
        version = body.version
        description = body.description ?? ""
        status = body.status ?? "succeeded"
        current = body.current ?? false
        createdAt = body.created_at ?? ""
        userEmail = body.user?.email
    }
}

/// One process type's dynos.
struct HerokuProcess: Sendable, Equatable {
    var type: String
    var quantity: Int
    /// `Basic`, `Standard-1X`…: `dyno_size.name`, else the deprecated `size`.
    var size: String

    init(_ body: HerokuFormationBody) {
        type = body.type
        quantity = body.quantity
        size = body.dyno_size?.name ?? body.size ?? ""
    }
}

struct HerokuAddon: Sendable, Equatable {
    var name: String
    var plan: String
    var state: String

    init(_ body: HerokuAddonBody) {
        name = body.name
        plan = body.plan?.name ?? ""
        state = body.state ?? ""
    }
}
