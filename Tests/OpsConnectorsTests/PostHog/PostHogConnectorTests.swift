import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

@Suite("PostHog connector: project key and project")
struct PostHogConnectorTests {
    typealias Bed = PostHogTestbed

    @Test func everyCheckPassesWhenTheKeyIsTheProjectsOwn() async throws {
        let bed = try Bed()
        let project = try await bed.createProject("Acme")
        let plan = await bed.plan([Bed.variable: project.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        #expect(plan.checks.map(\.id) == ["posthog.project", "posthog.project_key", "posthog.project_key.match"])
        #expect(plan.checks.allSatisfy { $0.status == .pass }, "\(plan.checks)")
        #expect(plan.check("posthog.project")?.message == "project 'Acme' (id \(project.id)) is reachable at \(bed.baseURL)/posthog")
        #expect(plan.requests == 1)
    }

    @Test func aProjectIDSelectsTheProject() async throws {
        let bed = try Bed()
        _ = try await bed.createProject("Current")
        let other = try await bed.createProject("Other")
        let plan = await bed.plan([Bed.variable: other.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey, "POSTHOG_PROJECT_ID": String(other.id)])
        #expect(plan.check("posthog.project_key.match")?.status == .pass)
    }

    @Test func aKeyOfAnotherProjectFailsWithoutShowingEitherKey() async throws {
        let bed = try Bed()
        let current = try await bed.createProject("Current")
        let other = try await bed.createProject("Other")
        let plan = await bed.plan([Bed.variable: other.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        let match = try #require(plan.check("posthog.project_key.match"))
        #expect(match.status == .fail)
        #expect(match.message.contains("is not project \(current.id)'s project API key"))
        let text = plan.checks.map { $0.message + ($0.suggestedAction ?? "") }.joined()
        #expect(!text.contains(current.token) && !text.contains(other.token))
        #expect(!text.contains(String(current.token.dropFirst(4))))
    }

    @Test func withoutAPersonalKeyOnlyTheShapeIsChecked() async throws {
        let bed = try Bed()
        let plan = await bed.plan([Bed.variable: "phc_" + String(repeating: "a", count: 43)])
        #expect(plan.check("posthog.project_key")?.status == .pass)
        #expect(plan.check("posthog.project_key")?.message.contains("(fingerprint ") == true)
        #expect(plan.check("posthog.project")?.status == .warning)
        #expect(plan.requests == 0)
    }

    @Test(arguments: [
        ("", "NEXT_PUBLIC_POSTHOG_KEY is not set"),
        ("phc_short", "NEXT_PUBLIC_POSTHOG_KEY is not a PostHog project API key (expected phc_ followed by letters, digits and _)"),
        ("phc_has spaces and-dashes-in-it-0123456789", "NEXT_PUBLIC_POSTHOG_KEY is not a PostHog project API key (expected phc_ followed by letters, digits and _)"),
        (Bed.personalKey, "NEXT_PUBLIC_POSTHOG_KEY holds a personal API key (phx_), which grants account access and must never ship to browsers"),
    ])
    func malformedProjectKeysFail(value: String, message: String) async throws {
        let bed = try Bed()
        let plan = await bed.plan([Bed.variable: value])
        let key = try #require(plan.check("posthog.project_key"))
        #expect(key.status == .fail)
        #expect(key.message == message)
        if !value.isEmpty { #expect(!key.message.contains(value)) }
    }

    @Test func aMalformedPersonalKeyIsAnErrorWithoutARequest() async throws {
        let bed = try Bed()
        let plan = await bed.plan([Bed.variable: "phc_" + String(repeating: "b", count: 43), "POSTHOG_PERSONAL_API_KEY": "phc_" + String(repeating: "c", count: 43)])
        #expect(plan.check("posthog.project")?.status == .error)
        #expect(plan.requests == 0)
    }

    @Test func anInvalidPersonalKeyIsAnErrorQuotingPostHog() async throws {
        let bed = try Bed(options: PostHogEmulator.Options(revokedKeys: [Bed.personalKey]))
        let plan = await bed.plan([Bed.variable: "phc_" + String(repeating: "a", count: 43), "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        let project = try #require(plan.check("posthog.project"))
        #expect(project.status == .error)
        #expect(project.message.contains("failed with 401: Invalid personal API key."))
    }

    @Test func aForbiddenProjectFails() async throws {
        let bed = try Bed(options: PostHogEmulator.Options(forbiddenProjects: [Bed.personalKey: [1]]))
        let project = try await bed.createProject("Acme")
        let plan = await bed.plan([Bed.variable: project.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        #expect(plan.check("posthog.project")?.status == .fail)
        #expect(plan.check("posthog.project")?.message.contains("You do not have permission") == true)
    }

    @Test func aMissingProjectFails() async throws {
        let bed = try Bed()
        let plan = await bed.plan([Bed.variable: "phc_" + String(repeating: "a", count: 43), "POSTHOG_PERSONAL_API_KEY": Bed.personalKey, "POSTHOG_PROJECT_ID": "42"])
        let project = try #require(plan.check("posthog.project"))
        #expect(project.status == .fail)
        #expect(project.message.hasPrefix("project 42 does not exist on \(bed.baseURL)/posthog"))
    }

    @Test func throttlingIsWaitedOut() async throws {
        let bed = try Bed()
        let created = try await bed.createProject("Acme")
        try await bed.script(["path": "/posthog/api/projects/@current/", "responses": [["status": 429, "headers": ["Retry-After": "1"]]]])
        let plan = await bed.plan([Bed.variable: created.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        #expect(plan.check("posthog.project_key.match")?.status == .pass)
        #expect(plan.requests == 2)
    }

    @Test func theCanaryKeysReachNoCheckErrorOrPlanFile() async throws {
        let bed = try Bed()
        let project = try await bed.createProject("Acme")
        try await bed.script([
            "path": "/posthog/api/projects/@current/",
            "responses": [["status": 400, "body": ["type": "validation_error", "code": "invalid", "detail": .string("bad key \(Bed.personalKey) for \(project.token)"), "attr": .null]]],
        ])
        let failing = await bed.plan([Bed.variable: project.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        #expect(failing.check("posthog.project")?.status == .error)
        let passing = await bed.plan([Bed.variable: project.token, "POSTHOG_PERSONAL_API_KEY": Bed.personalKey])
        var everything = PlanFile.encode(failing) + PlanFile.encode(passing)
        for check in failing.checks + passing.checks { everything += check.message + (check.suggestedAction ?? "") }
        #expect(everything.contains("[REDACTED]"))
        #expect(!everything.contains("CANARY"))
        #expect(!everything.contains(project.token))
        #expect(!everything.contains(String(project.token.dropFirst(4))))
    }

    @Test func refreshAndApplyRefuseAsReadOnly() async throws {
        let bed = try Bed()
        let connector = try PostHogConnector.make(context: bed.context([:])).get()
        let change = Change(id: ChangeID("posthog.key.update.main")!, description: "x", risk: .low, before: .null, after: .null, observed: "sha256:0")
        guard case .failed(let diagnostic) = await connector.refresh(RefreshRequest(change: change)) else {
            Issue.record("refresh did not fail")
            return
        }
        #expect(diagnostic.message.contains("read-only"))
    }
}
