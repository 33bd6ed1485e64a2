// Response bodies of the Heroku Platform API as opsctl reads them (heroku.json schema).

struct HerokuReleaseBody: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var email: String?
    }

    var id: String?
    var version: Int
    var description: String?
    var status: String?
    var current: Bool?
    var created_at: String?
    var user: User?
}

struct HerokuFormationBody: Decodable, Sendable {
    struct DynoSize: Decodable, Sendable {
        var name: String?
    }

    var type: String
    var quantity: Int
    var size: String?
    var dyno_size: DynoSize?
}

struct HerokuAddonBody: Decodable, Sendable {
    struct Named: Decodable, Sendable {
        var name: String?
    }

    var name: String
    var state: String?
    var plan: Named?
    var addon_service: Named?
}
