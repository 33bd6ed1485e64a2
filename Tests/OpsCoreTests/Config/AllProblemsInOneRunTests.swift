import Testing
@testable import OpsCore

/// A file with many mistakes gets all of them reported at once, in file order.
@Suite struct AllProblemsInOneRunTests {
    @Test func everyProblemOfADesiredStateIsReported() throws {
        let result = ConfigFixture.desiredState("""
            version: 1
            githb: {}
            github:
              labels:
                - { name: bug, color: "#d73a4a" }
                - { name: BUG, color: b60205, descripton: dup }
              branchProtection:
                - { branch: main, requiredReviews: 9, enforceAdmins: "yes" }
            vercel:
              envVars:
                - { key: 9LIVES, targets: [production, staging] }
              crons:
                - { path: cron, schedule: "61 * * * *" }
            stripe:
              prices:
                - { lookupKey: pro, currency: USD, unitAmount: -1, interval: monthly }
            sendgrid:
              senders: [not-an-address]
            secrets:
              source: ssm
              targets: { heroku: { app: autorisen } }
            """)
        let expected: [(String, String)] = [
            ("2:1", "unknown key 'githb'"),
            ("5:27", "github.labels[0].color"),
            ("6:15", "the label 'BUG'"),
            ("6:35", "unknown key 'descripton'"),
            ("8:40", "requiredReviews must be between 0 and 6"),
            ("8:58", "expected a boolean"),
            ("11:14", "vercel.envVars[0].key"),
            ("11:44", "found 'staging'"),
            ("13:15", "vercel.crons[0].path"),
            ("13:31", "minute field '61'"),
            ("16:35", "lowercase currency code"),
            ("16:52", "unitAmount must not be negative"),
            ("16:66", "found 'monthly'"),
            ("18:13", "sendgrid.senders[0]"),
            ("20:3", "has no ssmPath"),
        ]
        #expect(result.errors.count == expected.count, "\(result.summary)")
        for ((place, words), diagnostic) in zip(expected, result.errors) {
            #expect(diagnostic.lineColumn == place && diagnostic.message.contains(words), "expected \(place) \(words), got \(diagnostic.summary)")
        }
        let locations = result.diagnostics.compactMap(\.location).map { [$0.line, $0.column] }
        #expect(locations == locations.sorted { $0.lexicographicallyPrecedes($1) }, "diagnostics come in file order")
        // What was valid is still there.
        #expect(result.model?.github?.labels.isEmpty == true)
        #expect(result.model?.secrets == nil)
    }

    @Test func everyProblemOfAPolicyIsReported() throws {
        let result = ConfigFixture.policy("""
            version: 1
            roles:
              admin: [alice@example.com]
              dba: ["bob@", "github:bob"]
            autoApplyAllowed:
              vercle: true
              github: "true"
            approvalRules:
              supabase.table.drop:
                approvers: [admins]
                minApprovals: 0
                method: pager
              github.*.update: {}
              github.label.*: { requiresApproval: true, approvers: [admin], minApprovals: 2 }
              vercel.env.*: { requiresApproval: true, approvers: [dba], minApprovals: 5 }
            separationOfDuties: nope
            approvalTTL: 24
            directDatabaseApply: 1
            approvalTtl: 1h
            """)
        let expected: [(String, String)] = [
            ("4:9", "roles.dba[0] must be a valid e-mail address"),
            ("6:3", "unknown scope 'vercle'"),
            ("7:11", "expected a boolean"),
            ("10:17", "names the role 'admins'"),
            ("11:19", "minApprovals must be at least 1"),
            ("12:13", "found 'pager'"),
            ("13:3", "the rule pattern 'github.*.update'"),
            ("14:79", "minApprovals is 2"),
            ("16:21", "expected a boolean"),
            ("17:14", "expected a duration"),
            ("18:22", "expected a boolean"),
            ("19:1", "unknown key 'approvalTtl'"),
        ]
        #expect(result.errors.count == expected.count, "\(result.summary)")
        for ((place, words), diagnostic) in zip(expected, result.errors) {
            #expect(diagnostic.lineColumn == place && diagnostic.message.contains(words), "expected \(place) \(words), got \(diagnostic.summary)")
        }
        #expect(result.errors.last?.hint == "did you mean 'approvalTTL'?")
        // `dba` is left out for its bad member, yet the rule naming it is not blamed for that.
        #expect(!result.summary.contains("names the role 'dba'"))
        // The valid role and the valid scope survive.
        #expect(result.model?.roles.map(\.name) == ["admin"])
        #expect(result.model?.autoApplyAllowed.isEmpty == true)
    }

    @Test func yamlDuplicateKeysAreReportedWithTheDecodingProblems() throws {
        let result = ConfigFixture.desiredState("""
            github:
              labels:
                - { name: bug, name: again, color: zzz }
            """)
        #expect(result.diagnostics.map(\.lineColumn) == ["3:20", "3:40"], "\(result.summary)")
        #expect(result.diagnostics.first?.message.contains("duplicate key 'name'") == true)
    }
}
