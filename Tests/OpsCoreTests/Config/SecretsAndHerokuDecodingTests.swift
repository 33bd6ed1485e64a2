import Testing

@testable import OpsCore

/// `secrets:` keys with owners, rotation and target subsets, per-target prune, and the
/// `heroku:` platform block, each problem at its line and column.
@Suite("Secrets and Heroku decoding")
struct SecretsAndHerokuDecodingTests {
    @Test func keysCarryOwnerRotationAndTargets() throws {
        let result = ConfigFixture.desiredState("""
            secrets:
              source: env
              targets:
                heroku: { app: autorisen, prune: true }
                vercel: { targets: [production] }
              keys:
                - DATABASE_URL
                - { key: STRIPE_SECRET_KEY, owner: payments@autorisen.com, rotateEvery: 90d }
                - { key: SENTRY_DSN, targets: [heroku] }
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let secrets = try #require(result.model?.secrets)
        #expect(secrets.targets.heroku?.prune == true)
        #expect(secrets.targets.vercel?.prune == false)
        #expect(secrets.keys.map(\.name) == ["DATABASE_URL", "STRIPE_SECRET_KEY", "SENTRY_DSN"])
        #expect(secrets.keys[0].targets == nil && secrets.keys[0].applies(to: .vercel))
        #expect(secrets.keys[1].owner == "payments@autorisen.com")
        #expect(secrets.keys[1].rotateEvery == 90 * 86_400)
        #expect(secrets.keys[1].rotateEveryText == "90d")
        #expect(secrets.keys[2].targets == [.heroku])
        #expect(!secrets.keys[2].applies(to: .vercel))
        #expect(secrets.keys[2].location?.line == 9)
    }

    @Test func badKeysAreReportedWhereTheyAre() throws {
        let result = ConfigFixture.desiredState("""
            secrets:
              source: env
              targets:
                heroku: { app: autorisen, purne: true }
              keys:
                - { key: A_KEY, rotateEvery: soon }
                - { key: B_KEY, targets: [vercel] }
                - { key: C_KEY, targets: [netlify] }
                - { key: D_KEY, ownr: me }
                - { owner: me }
            """)
        let lines = result.errors.map { "\($0.lineColumn) \($0.message)" }
        #expect(lines == [
            "4:31 unknown key 'purne' in secrets.targets.heroku",
            "6:34 secrets.keys[0].rotateEvery must be a duration such as 90d, 12w or 720h, found 'soon'",
            "7:31 secrets.keys[1].targets[0] names the target vercel, which secrets.targets does not declare",
            "8:31 expected one of heroku, vercel for secrets.keys[2].targets[0], found 'netlify'",
            "9:21 unknown key 'ownr' in secrets.keys[3]",
            "10:7 secrets.keys[4] is missing the required key 'key'",
        ], "\(result.summary)")
        #expect(result.errors.first?.hint == "did you mean 'prune'?")
    }

    @Test func herokuAppsWithFormationAndHealth() throws {
        let result = ConfigFixture.desiredState("""
            heroku:
              apps:
                - name: autorisen
                  healthCheck: https://autorisen.herokuapp.com/health
                  formation: { web: { quantity: 1, size: basic }, worker: { quantity: 2 } }
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let app = try #require(result.model?.heroku?.apps.first)
        #expect(app.name == "autorisen")
        #expect(app.healthCheck == "https://autorisen.herokuapp.com/health")
        #expect(app.formation.map(\.type) == ["web", "worker"])
        #expect(app.formation[0].quantity == 1 && app.formation[0].size == "basic")
        #expect(app.formation[1].size == nil)
        #expect(result.model?.declaredScopes == [.heroku])
    }

    @Test func badHerokuEntriesAreRefusedWithPositions() throws {
        let result = ConfigFixture.desiredState("""
            heroku:
              apps:
                - name: Autorisen
                - name: other-app
                  healthCheck: ftp://example.com/health
                  formation: { web: { quantity: -1, sise: basic } }
                  region: eu
            """)
        let lines = result.errors.map { "\($0.lineColumn) \($0.message)" }
        #expect(lines.count == 5, "\(result.summary)")
        #expect(lines[0].hasPrefix("3:13 heroku.apps[0].name must be a Heroku app name"))
        #expect(lines[1] == "5:20 heroku.apps[1].healthCheck must be an https URL, found the scheme 'ftp'")
        #expect(lines[2] == "6:37 heroku.apps[1].formation.web.quantity must not be negative, found -1")
        #expect(lines[3] == "6:41 unknown key 'sise' in heroku.apps[1].formation.web")
        #expect(lines[4] == "7:7 unknown key 'region' in heroku.apps[1]")
    }
}
