import OpsCore

/// `secrets.sync.<target>`: one change per target, setting the keys that differ there.
enum SecretsChangeKind: String, ChangeKind {
    case syncHeroku = "sync.heroku"
    case syncVercel = "sync.vercel"

    static let scope = ServiceScope.secrets

    init(target: SecretTargetName) {
        switch target {
        case .heroku: self = .syncHeroku
        case .vercel: self = .syncVercel
        }
    }

    var target: SecretTargetName {
        switch self {
        case .syncHeroku: .heroku
        case .syncVercel: .vercel
        }
    }
}
