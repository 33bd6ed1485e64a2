import Testing
@testable import OpsCore

/// One malformed input and the diagnostic it must produce.
struct MalformedConfigCase: CustomTestStringConvertible, Sendable {
    enum File: Sendable { case desiredState, policy }

    var name: String
    var file: File = .desiredState
    var yaml: String
    /// `line:column` of the offending key or value.
    var at: String
    /// Words the message must contain.
    var words: [String]
    /// Words the hint must contain, when the hint matters.
    var hint: String?
    var severity: Severity = .error

    var testDescription: String { name }
}

@Suite struct MalformedConfigCatalogTests {
    static let cases: [MalformedConfigCase] = [
        // Unknown keys
        .init(name: "unknown key with a close match", yaml: """
            github:
              labels:
                - name: bug
                  colour: d73a4a
            """, at: "4:7", words: ["unknown key 'colour'", "github.labels[0]"], hint: "did you mean 'color'?"),
        .init(name: "unknown scope at the top level", yaml: """
            version: 1
            githb:
              labels: []
            """, at: "2:1", words: ["unknown key 'githb'", "top level"], hint: "did you mean 'github'?"),
        .init(name: "unknown key with nothing close lists the allowed keys", yaml: """
            github:
              teams: []
            """, at: "2:3", words: ["unknown key 'teams'", "in github"], hint: "allowed keys here: labels, branchProtection"),
        .init(name: "unknown key lists every key asked for, in the order asked, each once", yaml: """
            github:
              branchProtection:
                - branch: main
                  zzz: 1
            """, at: "4:7", words: ["unknown key 'zzz'", "github.branchProtection[0]"],
            hint: "allowed keys here: branch, requiredReviews, requiredStatusChecks, dismissStaleReviews, requireCodeOwnerReviews, enforceAdmins, allowForcePushes, allowDeletions, requiredLinearHistory"),
        .init(name: "unknown key in a policy rule", file: .policy, yaml: """
            roles: { admin: [a@example.com] }
            approvalRules:
              github.label.*:
                aprovers: [admin]
            """, at: "4:5", words: ["unknown key 'aprovers'", "approvalRules[\"github.label.*\"]"], hint: "did you mean 'approvers'?"),

        // Wrong types
        .init(name: "quoted true is a string, not a boolean", yaml: """
            github:
              branchProtection:
                - branch: main
                  enforceAdmins: "true"
            """, at: "4:22", words: ["expected a boolean", "github.branchProtection[0].enforceAdmins", "found a string"],
            hint: "remove the quotes"),
        .init(name: "yes is a string in YAML 1.2", file: .policy, yaml: """
            separationOfDuties: yes
            """, at: "1:21", words: ["expected a boolean", "separationOfDuties"], hint: "YAML 1.2 reads 'yes' as text"),
        .init(name: "quoted number where an integer is expected", yaml: """
            github:
              branchProtection:
                - { branch: main, requiredReviews: "1" }
            """, at: "3:40", words: ["expected an integer", "requiredReviews", "found a string"], hint: "remove the quotes"),
        .init(name: "scalar where a list is expected", yaml: """
            github:
              branchProtection:
                - branch: main
                  requiredStatusChecks: ci
            """, at: "4:29", words: ["expected a list", "github.branchProtection[0].requiredStatusChecks"], hint: "[ci]"),
        .init(name: "list where a mapping is expected", yaml: """
            github: [labels]
            """, at: "1:9", words: ["expected a mapping for github", "found a list"]),
        .init(name: "boolean where a string is expected", yaml: """
            github:
              labels:
                - name: true
            """, at: "3:13", words: ["expected a string", "github.labels[0].name", "the boolean true"], hint: "quotes"),

        // Missing required keys
        .init(name: "label without a name", yaml: """
            github:
              labels:
                - color: d73a4a
            """, at: "3:7", words: ["github.labels[0] is missing the required key 'name'"]),
        .init(name: "branch protection without a branch", yaml: """
            github:
              branchProtection:
                - requiredReviews: 1
            """, at: "3:7", words: ["github.branchProtection[0]", "required key 'branch'"], hint: "branch: main"),
        .init(name: "env var without a key", yaml: """
            vercel:
              envVars:
                - { targets: [production] }
            """, at: "3:7", words: ["vercel.envVars[0]", "required key 'key'"]),
        .init(name: "webhook without a url", yaml: """
            stripe:
              webhooks:
                - events: [invoice.paid]
            """, at: "3:7", words: ["stripe.webhooks[0]", "required key 'url'"]),
        .init(name: "price without a lookupKey", yaml: """
            stripe:
              prices:
                - { currency: usd, unitAmount: 100 }
            """, at: "3:7", words: ["stripe.prices[0]", "required key 'lookupKey'"]),
        .init(name: "required key without a value", yaml: """
            github:
              labels:
                - name:
                  color: d73a4a
            """, at: "3:7", words: ["github.labels[0].name needs a value"]),

        // Values outside an enumeration
        .init(name: "unknown Vercel target", yaml: """
            vercel:
              envVars:
                - { key: API_URL, targets: [production, prevew] }
            """, at: "3:45", words: ["expected one of production, preview, development", "vercel.envVars[0].targets[1]", "found 'prevew'"],
            hint: "did you mean 'preview'?"),
        .init(name: "unknown RLS command", yaml: """
            supabase:
              tables:
                - name: notes
                  rls: true
                  rlsPolicies:
                    - { name: read notes, command: read }
            """, at: "6:40", words: ["expected one of select, insert, update, delete, all", "rlsPolicies[0].command", "found 'read'"]),
        .init(name: "unknown env var type", yaml: """
            vercel:
              envVars:
                - { key: API_URL, targets: [preview], type: secret }
            """, at: "3:49", words: ["expected one of plain, encrypted, sensitive", "vercel.envVars[0].type"]),
        .init(name: "unknown risk", file: .policy, yaml: """
            approvalRules:
              github.label.*: { risk: severe }
            """, at: "2:27", words: ["expected one of low, medium, high, critical", "risk", "found 'severe'"]),
        .init(name: "unknown approval method", file: .policy, yaml: """
            approvalRules:
              github.label.*: { method: email }
            """, at: "2:29", words: ["expected one of cli, slack, github", "method"]),
        .init(name: "unknown secrets source", yaml: """
            secrets:
              source: vault
              targets: { heroku: { app: autorisen } }
            """, at: "2:11", words: ["expected one of ssm, env", "secrets.source", "found 'vault'"]),
        .init(name: "unknown Stripe interval", yaml: """
            stripe:
              prices:
                - { lookupKey: pro, currency: usd, unitAmount: 100, interval: monthly }
            """, at: "3:67", words: ["expected one of day, week, month, year", "interval"], hint: "did you mean 'month'?"),

        // Duplicates name both places
        .init(name: "labels differing only in case", yaml: """
            github:
              labels:
                - { name: bug, color: d73a4a }
                - { name: Bug, color: b60205 }
            """, at: "4:15", words: ["the label 'Bug'", "github.labels[1].name", "github.labels[0].name (line 3)"], hint: "ignore case"),
        .init(name: "one table named two ways", yaml: """
            supabase:
              tables:
                - name: profiles
                - name: public.profiles
            """, at: "4:13", words: ["the table 'public.profiles'", "supabase.tables[1].name", "supabase.tables[0].name (line 3)"]),
        .init(name: "duplicate column", yaml: """
            supabase:
              tables:
                - name: profiles
                  columns:
                    - { name: id, type: uuid }
                    - { name: id, type: text }
            """, at: "6:19", words: ["the column 'id'", "columns[1].name", "(line 5)"]),
        .init(name: "duplicate index name across tables of one schema", yaml: """
            supabase:
              tables:
                - name: a
                  indexes: [{ name: by_email, columns: [email] }]
                - name: b
                  indexes: [{ name: by_email, columns: [email] }]
            """, at: "6:25", words: ["the index 'by_email'", "supabase.tables[1].indexes[0].name", "(line 4)"], hint: "unique within a schema"),
        .init(name: "duplicate policy name", yaml: """
            supabase:
              tables:
                - name: notes
                  rls: true
                  rlsPolicies:
                    - { name: own rows, command: select, using: "true" }
                    - { name: own rows, command: update, using: "true" }
            """, at: "7:19", words: ["the policy 'own rows'", "rlsPolicies[1].name", "(line 6)"]),
        .init(name: "duplicate bucket", yaml: """
            supabase:
              storage:
                buckets:
                  - { name: avatars }
                  - { name: avatars, public: true }
            """, at: "5:17", words: ["the bucket 'avatars'", "supabase.storage.buckets[1].name", "(line 4)"]),
        .init(name: "env var declared twice for one target", yaml: """
            vercel:
              envVars:
                - { key: API_URL, targets: [production, preview] }
                - { key: API_URL, targets: [preview, development] }
            """, at: "4:14", words: ["the variable 'API_URL' for preview", "vercel.envVars[1].key", "vercel.envVars[0].key (line 3)"]),
        .init(name: "two protections for one branch", yaml: """
            github:
              branchProtection:
                - branch: main
                - branch: main
            """, at: "4:15", words: ["protection for the branch 'main'", "branchProtection[1].branch", "(line 3)"]),
        .init(name: "two crons for one path", yaml: """
            vercel:
              crons:
                - { path: /api/cron/a, schedule: "0 * * * *" }
                - { path: /api/cron/a, schedule: "5 * * * *" }
            """, at: "4:15", words: ["the cron path '/api/cron/a'", "vercel.crons[1].path", "(line 3)"]),
        .init(name: "duplicate key inside one mapping", yaml: """
            github:
              labels: []
              labels: []
            """, at: "3:3", words: ["duplicate key 'labels'"]),

        // Formats
        .init(name: "colour with a hash", yaml: """
            github:
              labels:
                - { name: bug, color: "#d73a4a" }
            """, at: "3:27", words: ["github.labels[0].color", "6 hexadecimal digits without '#'"], hint: "drop the '#': d73a4a"),
        .init(name: "colour whose hash became a comment", yaml: """
            github:
              labels:
                - name: bug
                  color: #d73a4a
            """, at: "4:7", words: ["github.labels[0].color has no value", "comment"], hint: "without '#'"),
        .init(name: "colour that is not hexadecimal", yaml: """
            github:
              labels:
                - { name: bug, color: red }
            """, at: "3:27", words: ["github.labels[0].color must be 6 hexadecimal digits", "found 'red'"]),
        .init(name: "cron with four fields", yaml: """
            vercel:
              crons:
                - { path: /api/cron/a, schedule: "0 9 * *" }
            """, at: "3:38", words: ["vercel.crons[0].schedule", "must have 5 fields", "found 4"]),
        .init(name: "cron minute out of range", yaml: """
            vercel:
              crons:
                - { path: /api/cron/a, schedule: "60 9 * * *" }
            """, at: "3:38", words: ["invalid minute field '60'", "0-59"]),
        .init(name: "cron with an unknown weekday name", yaml: """
            vercel:
              crons:
                - { path: /api/cron/a, schedule: "0 9 * * FUN" }
            """, at: "3:38", words: ["invalid day of week field 'FUN'"], hint: "SUN-SAT"),
        .init(name: "cron with a zero step", yaml: """
            vercel:
              crons:
                - { path: /api/cron/a, schedule: "*/0 * * * *" }
            """, at: "3:38", words: ["invalid minute field '*/0'", "step"]),
        .init(name: "cron path without a leading slash", yaml: """
            vercel:
              crons:
                - { path: api/cron/a, schedule: "0 9 * * *" }
            """, at: "3:15", words: ["vercel.crons[0].path must start with '/'"], hint: "/api/cron/a"),
        .init(name: "env var name starting with a digit", yaml: """
            vercel:
              envVars:
                - { key: 1STRIPE_KEY, targets: [production] }
            """, at: "3:14", words: ["vercel.envVars[0].key must be an environment variable name"]),
        .init(name: "a target listed twice for one variable", yaml: """
            vercel:
              envVars:
                - { key: STRIPE_KEY, targets: [production, preview, production] }
            """, at: "3:57", words: ["the target 'production'", "vercel.envVars[0].targets[2]", "vercel.envVars[0].targets[0]"], hint: "list each target once"),
        .init(name: "valueFrom that is neither env: nor ssm:", yaml: """
            vercel:
              envVars:
                - { key: STRIPE_SECRET_KEY, targets: [production], valueFrom: "sk_live_51Hx" }
            """, at: "3:67", words: ["vercel.envVars[0].valueFrom must be env:NAME or ssm:/path"], hint: "never the value itself"),
        .init(name: "valueFrom env: with a bad name", yaml: """
            vercel:
              envVars:
                - { key: STRIPE_SECRET_KEY, targets: [production], valueFrom: "env:stripe-key" }
            """, at: "3:67", words: ["valueFrom", "not a variable name"]),
        .init(name: "webhook over plain http", yaml: """
            stripe:
              webhooks:
                - { url: "http://app.example.com/hook", events: [invoice.paid] }
            """, at: "3:14", words: ["stripe.webhooks[0].url must use https"], hint: "localhost"),
        .init(name: "webhook url that is not absolute", yaml: """
            stripe:
              webhooks:
                - { url: /api/stripe/webhook, events: [invoice.paid] }
            """, at: "3:14", words: ["stripe.webhooks[0].url must be an absolute URL"]),
        .init(name: "malformed sender address", yaml: """
            sendgrid:
              senders: [noreply@example.com, "support@"]
            """, at: "2:34", words: ["sendgrid.senders[1] must be an e-mail address", "'support@'"]),
        .init(name: "domain with a scheme", yaml: """
            sendgrid:
              domains: [https://mail.example.com]
            """, at: "2:13", words: ["sendgrid.domains[0] must be a bare domain name"], hint: "leave out the scheme"),
        .init(name: "domain with an empty label", yaml: """
            sendgrid:
              domains: [mail..example.com]
            """, at: "2:13", words: ["sendgrid.domains[0] must be a domain name"]),
        .init(name: "label description over 100 characters", yaml: """
            github:
              labels:
                - name: bug
                  description: \(String(repeating: "x", count: 101))
            """, at: "4:20", words: ["github.labels[0].description is 101 characters long", "at most 100"]),
        .init(name: "too many required reviews", yaml: """
            github:
              branchProtection:
                - { branch: main, requiredReviews: 7 }
            """, at: "3:40", words: ["requiredReviews must be between 0 and 6, found 7"]),
        .init(name: "negative file size limit", yaml: """
            supabase:
              storage:
                buckets:
                  - { name: avatars, fileSizeLimit: -1 }
            """, at: "4:41", words: ["fileSizeLimit must not be negative, found -1"]),
        .init(name: "negative unit amount", yaml: """
            stripe:
              prices:
                - { lookupKey: pro, currency: usd, unitAmount: -5 }
            """, at: "3:52", words: ["stripe.prices[0].unitAmount must not be negative"]),
        .init(name: "uppercase currency", yaml: """
            stripe:
              prices:
                - { lookupKey: pro, currency: USD, unitAmount: 100 }
            """, at: "3:35", words: ["currency must be a lowercase currency code", "'USD'"], hint: "write 'usd'"),
        .init(name: "currency that is not a code", yaml: """
            stripe:
              prices:
                - { lookupKey: pro, currency: dollars, unitAmount: 100 }
            """, at: "3:35", words: ["three-letter ISO currency code"]),
        .init(name: "table name that is not an identifier", yaml: """
            supabase:
              tables:
                - name: user-profiles
            """, at: "3:13", words: ["supabase.tables[0].name must be a PostgreSQL identifier", "'user-profiles'"], hint: "user_profiles"),
        .init(name: "table name with three parts", yaml: """
            supabase:
              tables:
                - name: a.b.c
            """, at: "3:13", words: ["must be 'table' or 'schema.table'"]),
        .init(name: "schema given two ways", yaml: """
            supabase:
              tables:
                - { name: auth.users, schema: public }
            """, at: "3:35", words: ["supabase.tables[0].schema says 'public'", "says 'auth'"]),
        .init(name: "primary key declared nullable", yaml: """
            supabase:
              tables:
                - name: t
                  columns:
                    - { name: id, type: uuid, primaryKey: true, nullable: true }
            """, at: "5:63", words: ["nullable cannot be true for a primary key column"]),
        .init(name: "index on an undeclared column", yaml: """
            supabase:
              tables:
                - name: profiles
                  columns: [{ name: email, type: text }]
                  indexes: [{ name: profiles_email_key, columns: [emial] }]
            """, at: "5:55", words: ["indexes[0].columns[0] names 'emial'", "not a column of this table"], hint: "did you mean 'email'?"),
        .init(name: "insert policy with USING", yaml: """
            supabase:
              tables:
                - name: notes
                  rls: true
                  rlsPolicies:
                    - name: add notes
                      command: insert
                      using: "auth.uid() = owner"
            """, at: "8:11", words: ["rlsPolicies[0].using is not allowed when command is insert"], hint: "use 'withCheck' instead"),
        .init(name: "sensitive variable in development", yaml: """
            vercel:
              envVars:
                - { key: API_SECRET, targets: [production, development], type: sensitive }
            """, at: "3:68", words: ["vercel.envVars[0].type cannot be sensitive while targets include development"]),
        .init(name: "ssm source without a path", yaml: """
            secrets:
              source: ssm
              targets: { heroku: { app: autorisen } }
            """, at: "2:3", words: ["secrets reads from ssm but has no ssmPath"]),
        .init(name: "relative ssm path", yaml: """
            secrets:
              source: ssm
              ssmPath: autorisen/prod
              targets: { heroku: { app: autorisen } }
            """, at: "3:12", words: ["secrets.ssmPath must start with '/'"]),
        .init(name: "bad Heroku app name", yaml: """
            secrets:
              source: env
              targets: { heroku: { app: Autorisen_App } }
            """, at: "3:29", words: ["secrets.targets.heroku.app must be a Heroku app name"]),
        .init(name: "secret key that is not a variable name", yaml: """
            secrets:
              source: env
              targets: { heroku: { app: autorisen } }
              keys: [DATABASE_URL, redis-url]
            """, at: "4:24", words: ["secrets.keys[1] must be an environment variable name"]),
        .init(name: "unquoted Slack channel becomes a comment", yaml: """
            slack:
              approvalChannel: #ops-approvals
            """, at: "2:3", words: ["slack.approvalChannel has no value", "comment"], hint: "quotes"),
        .init(name: "Slack channel without a hash", yaml: """
            slack:
              approvalChannel: ops-approvals
            """, at: "2:20", words: ["slack.approvalChannel must be a channel name starting with '#'"]),
        .init(name: "PostHog key variable name", yaml: """
            posthog:
              projectKeyEnv: phc_abc-123
            """, at: "2:18", words: ["posthog.projectKeyEnv must be an environment variable name"]),
        .init(name: "Stripe event name", yaml: """
            stripe:
              webhooks:
                - { url: "https://app.example.com/hook", events: [Invoice Paid] }
            """, at: "3:55", words: ["events[0] must be a Stripe event type"]),

        // Versions and the shape of the file
        .init(name: "version from the future", yaml: """
            version: 2
            supabase:
              somethingNew: true
            """, at: "1:10", words: ["this file needs a newer opsctl"], hint: "upgrade opsctl"),
        .init(name: "version as a string", yaml: """
            version: "1"
            """, at: "1:10", words: ["expected an integer for version", "found a string"], hint: "remove the quotes"),
        .init(name: "version as a decimal", file: .policy, yaml: """
            version: 1.5
            """, at: "1:10", words: ["expected an integer for version", "the number 1.5"], hint: "whole number"),
        .init(name: "version zero", yaml: """
            version: 0
            """, at: "1:10", words: ["version must be between 1 and 1, found 0"]),
        .init(name: "top level is a list", yaml: """
            - github
            - vercel
            """, at: "1:1", words: ["top level of a desired-state file must be a mapping", "found a list"], hint: "version: 1"),
        .init(name: "policy top level is a string", file: .policy, yaml: """
            just some text
            """, at: "1:1", words: ["top level of a change policy must be a mapping", "found a string"]),

        // Policy rules
        .init(name: "rule naming an unknown role", file: .policy, yaml: """
            roles:
              admin: [alice@example.com]
              dba: [bob@example.com]
            approvalRules:
              supabase.table.drop:
                requiresApproval: true
                approvers: [admin, dbas]
            """, at: "7:24", words: ["approvalRules[\"supabase.table.drop\"].approvers[1] names the role 'dbas'", "roles: does not define"],
            hint: "did you mean 'dba'?"),
        .init(name: "pattern with an empty part", file: .policy, yaml: """
            approvalRules:
              github..x: { requiresApproval: false }
            """, at: "2:3", words: ["the rule pattern 'github..x'", "empty part"]),
        .init(name: "pattern with a wildcard in the middle", file: .policy, yaml: """
            approvalRules:
              github.*.update: { requiresApproval: false }
            """, at: "2:3", words: ["the rule pattern 'github.*.update'", "'*' only as the last part"]),
        .init(name: "pattern starting with a wildcard", file: .policy, yaml: """
            approvalRules:
              "*.label": { requiresApproval: false }
            """, at: "2:3", words: ["the rule pattern '*.label'", "'*' only as the last part"]),
        .init(name: "pattern naming part of a kind", file: .policy, yaml: """
            approvalRules:
              github.label: { requiresApproval: false }
            """, at: "2:3", words: ["the rule pattern 'github.label'", "only part of a change kind"], hint: "github.label.*"),
        .init(name: "pattern with an unknown scope", file: .policy, yaml: """
            approvalRules:
              githib.label.*: { requiresApproval: false }
            """, at: "2:3", words: ["the unknown scope 'githib'"], hint: "did you mean 'github'?"),
        .init(name: "minApprovals below one", file: .policy, yaml: """
            roles: { admin: [a@example.com, b@example.com] }
            approvalRules:
              github.label.*: { requiresApproval: true, approvers: [admin], minApprovals: 0 }
            """, at: "3:79", words: ["minApprovals must be at least 1, found 0"]),
        .init(name: "minApprovals above the members of the roles", file: .policy, yaml: """
            roles:
              admin: [alice@example.com]
              dba: [bob@example.com, Alice@example.com]
            approvalRules:
              supabase.table.drop:
                requiresApproval: true
                approvers: [admin, dba]
                minApprovals: 3
            """, at: "8:19", words: ["minApprovals is 3", "admin, dba have only 2 distinct members"], hint: "lower minApprovals"),
        .init(name: "approval required with nobody to approve", file: .policy, yaml: """
            approvalRules:
              vercel.env.*:
                requiresApproval: true
            """, at: "3:5", words: ["requires approval but names no approvers"]),
        .init(name: "approvalTTL without a unit", file: .policy, yaml: """
            approvalTTL: 3600
            """, at: "1:14", words: ["expected a duration such as 24h", "the integer 3600"], hint: "3600s"),
        .init(name: "approvalTTL in words", file: .policy, yaml: """
            approvalTTL: one day
            """, at: "1:14", words: ["approvalTTL must be a duration", "'one day'"]),
        .init(name: "autoApplyAllowed with an unknown scope", file: .policy, yaml: """
            autoApplyAllowed:
              githib: true
            """, at: "2:3", words: ["unknown scope 'githib' in autoApplyAllowed"], hint: "did you mean 'github'?"),
        .init(name: "role member with an unknown identity kind", file: .policy, yaml: """
            roles:
              admin: [gitlab:alice]
            """, at: "2:11", words: ["roles.admin[0] uses the unknown identity kind 'gitlab'"]),
        .init(name: "role member with a bad GitHub login", file: .policy, yaml: """
            roles:
              admin: ["github:-alice"]
            """, at: "2:11", words: ["roles.admin[0] must name a GitHub login"]),

        // Warnings
        .init(name: "policies without row-level security", yaml: """
            supabase:
              tables:
                - name: notes
                  rlsPolicies:
                    - { name: read, command: select, using: "true" }
            """, at: "5:9", words: ["declares RLS policies", "no effect"], hint: "rls: true", severity: .warning),
        .init(name: "exempting a drop from approval", file: .policy, yaml: """
            approvalRules:
              supabase.table.drop: { requiresApproval: false }
            """, at: "2:44", words: ["destructive changes always need approval"], severity: .warning),
    ]

    @Test(arguments: cases)
    func reportsTheProblemAtItsPlace(_ testCase: MalformedConfigCase) {
        let diagnostics: [Diagnostic]
        switch testCase.file {
        case .desiredState: diagnostics = ConfigFixture.desiredState(testCase.yaml).diagnostics
        case .policy: diagnostics = ConfigFixture.policy(testCase.yaml).diagnostics
        }
        let all = diagnostics.map(\.summary).joined(separator: "\n")
        let match = diagnostics.first { diagnostic in
            diagnostic.lineColumn == testCase.at && testCase.words.allSatisfy { diagnostic.message.contains($0) }
        }
        #expect(match != nil, "no diagnostic at \(testCase.at) containing \(testCase.words); got:\n\(all)")
        guard let match else { return }
        #expect(match.severity == testCase.severity)
        if let hint = testCase.hint {
            #expect(match.hint?.contains(hint) == true, "hint '\(match.hint ?? "none")' lacks '\(hint)'")
        }
        #expect(match.hint != nil, "every diagnostic in the catalog should say how to fix it: \(match.summary)")
    }

    @Test func catalogIsLargeEnough() {
        #expect(Self.cases.count >= 45)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "case names must be unique")
    }
}
