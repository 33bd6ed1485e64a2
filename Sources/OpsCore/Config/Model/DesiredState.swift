/// What `desired-state.yaml` declares (README.md, "desired-state.yaml"). A scope that is nil was
/// not in the file and is not audited; an empty one was declared and is audited against nothing.
public struct DesiredState: Sendable, Equatable {
    /// The newest `version` this build understands.
    public static let supportedVersion = 1

    public var version: Int
    public var supabase: SupabaseConfig?
    public var vercel: VercelConfig?
    public var github: GitHubConfig?
    public var stripe: StripeConfig?
    public var sendgrid: SendGridConfig?
    public var posthog: PostHogConfig?
    public var slack: SlackConfig?
    public var secrets: SecretsConfig?

    public init(
        version: Int = DesiredState.supportedVersion,
        supabase: SupabaseConfig? = nil,
        vercel: VercelConfig? = nil,
        github: GitHubConfig? = nil,
        stripe: StripeConfig? = nil,
        sendgrid: SendGridConfig? = nil,
        posthog: PostHogConfig? = nil,
        slack: SlackConfig? = nil,
        secrets: SecretsConfig? = nil
    ) {
        self.version = version
        self.supabase = supabase
        self.vercel = vercel
        self.github = github
        self.stripe = stripe
        self.sendgrid = sendgrid
        self.posthog = posthog
        self.slack = slack
        self.secrets = secrets
    }

    /// The scopes the file declares, in the order of `ServiceScope.allCases`.
    public var declaredScopes: [ServiceScope] {
        ServiceScope.allCases.filter { scope in
            switch scope {
            case .supabase: supabase != nil
            case .vercel: vercel != nil
            case .github: github != nil
            case .stripe: stripe != nil
            case .sendgrid: sendgrid != nil
            case .posthog: posthog != nil
            case .slack: slack != nil
            case .secrets: secrets != nil
            }
        }
    }
}

/// A service area of the desired state; the first part of every change kind.
public enum ServiceScope: String, Sendable, Hashable, CaseIterable, Comparable {
    case supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets

    public static func < (lhs: ServiceScope, rhs: ServiceScope) -> Bool { lhs.rawValue < rhs.rawValue }
}
