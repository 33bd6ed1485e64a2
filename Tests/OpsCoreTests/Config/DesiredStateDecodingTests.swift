import Testing
@testable import OpsCore

@Suite struct DesiredStateDecodingTests {
    private func rootState() throws -> DesiredState {
        let result = ConfigLoader.loadDesiredState(path: ConfigFixture.path("desired-state.yaml"))
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        return try #require(result.model)
    }

    @Test func emptyFileIsAnEmptyModel() throws {
        for text in ["", "# only a comment\n", "---\n", "~\n"] {
            let result = ConfigFixture.desiredState(text)
            #expect(result.diagnostics.isEmpty, "\(text.debugDescription): \(result.summary)")
            #expect(result.model == DesiredState())
        }
    }

    @Test func absentScopesAreNotDeclared() throws {
        let state = try #require(ConfigFixture.desiredState("version: 1\ngithub:\n  labels: []\n").model)
        #expect(state.declaredScopes == [.github])
        #expect(state.github == GitHubConfig())
        #expect(state.supabase == nil)
    }

    @Test func supabaseTablesFromTheRootFile() throws {
        let supabase = try #require(try rootState().supabase)
        #expect(supabase.prune == false)
        #expect(supabase.tables.map(\.qualifiedName) == ["public.profiles", "public.subscriptions"])

        let profiles = supabase.tables[0]
        #expect(profiles.rls == true)
        #expect(profiles.location?.line == 8)
        #expect(profiles.location?.file.hasSuffix("desired-state.yaml") == true)
        #expect(profiles.columns.first?.primaryKey == true)
        #expect(profiles.columns.first(where: { $0.name == "created_at" })?.defaultExpression == "now()")
        #expect(profiles.columns.first(where: { $0.name == "full_name" })?.nullable == true)
        #expect(profiles.indexes == [SupabaseIndex(name: "profiles_email_key", columns: ["email"], unique: true, location: profiles.indexes.first?.location)])
        #expect(profiles.rlsPolicies.map(\.name) == ["read own profile", "update own profile"])
        #expect(profiles.rlsPolicies[0].command == .select)
        #expect(profiles.rlsPolicies[0].roles == ["authenticated"])
        #expect(profiles.rlsPolicies[0].using == "auth.uid() = id")
        #expect(profiles.rlsPolicies[1].withCheck == "auth.uid() = id")

        // `*uuid_primary_key` and `*created_at` feed the second table from anchors in the first.
        let subscriptions = supabase.tables[1]
        #expect(subscriptions.schema == "public")
        #expect(subscriptions.name == "subscriptions")
        let id = try #require(subscriptions.columns.first)
        #expect(id.name == "id" && id.type == "uuid" && id.primaryKey && !id.nullable)
        #expect(subscriptions.columns.last?.name == "created_at")
        #expect(subscriptions.columns.first(where: { $0.name == "status" })?.defaultExpression == "'incomplete'")

        let bucket = try #require(supabase.storage?.buckets.first)
        #expect(bucket.name == "avatars" && bucket.isPublic && bucket.fileSizeLimit == 5_242_880)
        #expect(bucket.allowedMimeTypes == ["image/png", "image/jpeg", "image/webp"])
    }

    @Test func mergeKeysFeedEnvironmentVariables() throws {
        let envVars = try #require(try rootState().vercel?.envVars)
        let byKey = Dictionary(uniqueKeysWithValues: envVars.map { ($0.key, $0) })

        let stripe = try #require(byKey["STRIPE_SECRET_KEY"])
        #expect(stripe.targets == [.production, .preview])
        #expect(stripe.type == .encrypted)
        #expect(stripe.valueFrom == .environment("STRIPE_SECRET_KEY"))

        // Merged from `*server_secret`, with its own key and value source.
        let webhook = try #require(byKey["STRIPE_WEBHOOK_SECRET"])
        #expect(webhook.targets == [.production, .preview])
        #expect(webhook.type == .encrypted)
        #expect(webhook.valueFrom == .environment("STRIPE_WEBHOOK_SECRET"))
        #expect(webhook.location?.line == 63)

        // An explicit key wins over the merged one.
        let serviceRole = try #require(byKey["SUPABASE_SERVICE_ROLE_KEY"])
        #expect(serviceRole.type == .sensitive)
        #expect(serviceRole.valueFrom == .ssm("/autorisen/prod/SUPABASE_SERVICE_ROLE_KEY"))
        #expect(serviceRole.valueFrom?.description == "ssm:/autorisen/prod/SUPABASE_SERVICE_ROLE_KEY")

        // A sequence alias: `targets: *every_target`.
        #expect(byKey["NEXT_PUBLIC_POSTHOG_KEY"]?.targets == [.production, .preview, .development])
        #expect(byKey["NEXT_PUBLIC_POSTHOG_KEY"]?.type == .plain)
    }

    @Test func otherScopesFromTheRootFile() throws {
        let state = try rootState()
        #expect(state.version == 1)
        #expect(state.vercel?.crons.first == VercelCron(path: "/api/cron/digest", schedule: "0 9 * * MON-FRI", location: state.vercel?.crons.first?.location))

        let github = try #require(state.github)
        #expect(github.labels.first == GitHubLabel(name: "security", color: "d73a4a", description: "Security issue", location: github.labels.first?.location))
        #expect(github.labels.first(where: { $0.name == "ops" })?.color == "000000")
        let main = try #require(github.branchProtection.first)
        #expect(main.branch == "main" && main.requiredReviews == 1 && main.requiredStatusChecks == ["ci"])
        #expect(main.enforceAdmins && main.dismissStaleReviews && main.requireCodeOwnerReviews && main.requiredLinearHistory)
        #expect(!main.allowForcePushes && !main.allowDeletions)

        let price = try #require(state.stripe?.prices.first)
        #expect(price.lookupKey == "pro_monthly" && price.currency == "usd" && price.unitAmount == 2900)
        #expect(price.interval == .month && price.active)
        #expect(state.stripe?.webhooks.first?.url == "https://app.autorisen.com/api/stripe/webhook")
        #expect(state.stripe?.webhooks.first?.events.count == 4)

        #expect(state.sendgrid?.domains.map(\.name) == ["mail.autorisen.com"])
        #expect(state.sendgrid?.senders.map(\.email) == ["noreply@autorisen.com", "support@autorisen.com"])
        #expect(state.posthog?.projectKeyEnv == "NEXT_PUBLIC_POSTHOG_KEY")
        #expect(state.slack?.approvalChannel == "#ops-approvals")

        let secrets = try #require(state.secrets)
        #expect(secrets.source == .ssm && secrets.ssmPath == "/autorisen/prod/")
        #expect(secrets.targets.heroku?.app == "autorisen")
        #expect(secrets.targets.vercel?.targets == [.production])
        #expect(secrets.keys.map(\.name) == ["DATABASE_URL", "STRIPE_SECRET_KEY", "REDIS_URL"])
        #expect(secrets.keys[1].owner == "payments@autorisen.com" && secrets.keys[1].rotateEveryText == "90d")
        #expect(secrets.keys[2].targets == [.heroku])
        #expect(state.heroku?.apps.first?.formation.first == HerokuProcessType(
            type: "web", quantity: 1, size: "basic", location: state.heroku?.apps.first?.formation.first?.location))
    }

    @Test func defaultsForKeysLeftOut() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: notes
                  schema: app
                  columns:
                    - { name: id, type: bigint, primaryKey: true }
                    - { name: body, type: text }
                  rls: true
                  rlsPolicies:
                    - { name: everyone reads }
            vercel:
              envVars:
                - { key: API_URL, targets: [preview] }
            stripe:
              prices:
                - { lookupKey: setup_fee, currency: eur, unitAmount: 500 }
            github:
              branchProtection:
                - branch: main
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let state = try #require(result.model)
        let table = try #require(state.supabase?.tables.first)
        #expect(table.qualifiedName == "app.notes")
        #expect(table.columns[0].nullable == false, "a primary key is NOT NULL")
        #expect(table.columns[1].nullable == true && table.columns[1].primaryKey == false)
        #expect(table.rlsPolicies[0].command == .all && table.rlsPolicies[0].roles == ["public"])
        #expect(state.supabase?.storage == nil)
        #expect(state.vercel?.envVars.first?.type == .encrypted)
        #expect(state.vercel?.envVars.first?.valueFrom == nil)
        #expect(state.stripe?.prices.first?.interval == nil && state.stripe?.prices.first?.active == true)
        #expect(state.github?.branchProtection.first == BranchProtection(branch: "main", location: state.github?.branchProtection.first?.location))
    }

    @Test func oneKeyMayTargetDifferentEnvironmentsInSeparateEntries() throws {
        let result = ConfigFixture.desiredState("""
            vercel:
              envVars:
                - { key: API_URL, targets: [production], valueFrom: env:PROD_API_URL }
                - { key: API_URL, targets: [preview, development], valueFrom: env:DEV_API_URL }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        #expect(result.model?.vercel?.envVars.count == 2)
    }

    @Test func numbersAreKeptAsWrittenWhereTextIsExpected() throws {
        let result = ConfigFixture.desiredState("""
            github:
              labels:
                - { name: 2024, color: 000000 }
                - { name: "1.10", color: 123456 }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        #expect(result.model?.github?.labels.map(\.name) == ["2024", "1.10"])
        #expect(result.model?.github?.labels.map(\.color) == ["000000", "123456"])
    }

    @Test func entriesWithErrorsAreLeftOutAndTheRestKept() throws {
        let result = ConfigFixture.desiredState("""
            github:
              labels:
                - { name: bug, color: d73a4a }
                - { name: broken, color: nope }
                - { name: docs }
            """)
        #expect(result.errors.count == 1)
        #expect(result.model?.github?.labels.map(\.name) == ["bug", "docs"])
    }

    @Test func aFileForANewerOpsctlStopsAtTheVersion() {
        let result = ConfigFixture.desiredState("version: 3\nfuture:\n  thing: true\n")
        #expect(result.model == nil)
        #expect(result.diagnostics.count == 1, "\(result.summary)")
    }

    @Test func secretValuesNeverReachAMessage() throws {
        let result = ConfigFixture.desiredState("""
            vercel:
              envVars:
                - { key: "STRIPE_SECRET_KEY=sk_live_51Hx", targets: [production] }
                - { key: OTHER_KEY, targets: [production], valueFrom: sk_live_51Hx }
                - { key: THIRD_KEY, targets: [production], valueFrom: "ssm:no-slash/sk_live_51Hx" }
            """)
        #expect(result.errors.count == 3, "\(result.summary)")
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.message.contains("sk_live"), "\(diagnostic.message)")
            #expect(diagnostic.hint?.contains("sk_live") != true)
            #expect(diagnostic.sourceLine == nil, "the line holding a pasted value is not quoted")
        }
    }

    @Test func diagnosticsQuoteTheirSourceLine() throws {
        let result = ConfigFixture.desiredState("github:\n  labels:\n    - { name: bug, colour: red }\n")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.sourceLine == "    - { name: bug, colour: red }")
        #expect(diagnostic.location == SourceLocation(file: "desired-state.yaml", line: 3, column: 20))
    }
}
