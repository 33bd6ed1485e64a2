/// The bot scopes opsctl uses, and for what (docs/services/slack.md, "Scopes"). A requirement is
/// met by any one of its scopes.
struct SlackScopeRequirement: Sendable, Equatable {
    var anyOf: [String]
    var purpose: String
    /// Needed for what opsctl does today (notifications, this audit); otherwise only for Slack
    /// approvals, whose absence is a warning.
    var isEssential: Bool

    static let all: [SlackScopeRequirement] = [
        SlackScopeRequirement(anyOf: ["chat:write"], purpose: "posting plan and apply notifications and approval requests", isEssential: true),
        SlackScopeRequirement(
            anyOf: ["channels:read", "groups:read"],
            purpose: "finding the approval channel (channels:read for a public channel, groups:read for a private one)", isEssential: true
        ),
        SlackScopeRequirement(anyOf: ["reactions:read"], purpose: "reading approval reactions", isEssential: false),
        SlackScopeRequirement(anyOf: ["users:read"], purpose: "naming who approved", isEssential: false),
        SlackScopeRequirement(anyOf: ["users:read.email"], purpose: "matching approvers to the roles in change-policy.yaml by e-mail", isEssential: false),
    ]

    func isMet(by scopes: [String]) -> Bool { anyOf.contains(where: scopes.contains) }

    var label: String { anyOf.joined(separator: " or ") }
}
