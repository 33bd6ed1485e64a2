/// What `desired-state.yaml` declares (README.md, "desired-state.yaml"). A scope that is nil was
/// not in the file and is not audited; an empty one was declared and is audited against nothing.
package struct DesiredState: Sendable, Equatable {
    /// The newest `version` this build understands.
    package static let supportedVersion = 1

    package var version: Int
    package var supabase: SupabaseConfig?
    package var vercel: VercelConfig?
    package var github: GitHubConfig?
    package var stripe: StripeConfig?
    package var sendgrid: SendGridConfig?
    package var posthog: PostHogConfig?
    package var slack: SlackConfig?
    package var secrets: SecretsConfig?
    package var heroku: HerokuConfig?

    package init(
        version: Int = DesiredState.supportedVersion,
        supabase: SupabaseConfig? = nil,
        vercel: VercelConfig? = nil,
        github: GitHubConfig? = nil,
        stripe: StripeConfig? = nil,
        sendgrid: SendGridConfig? = nil,
        posthog: PostHogConfig? = nil,
        slack: SlackConfig? = nil,
        secrets: SecretsConfig? = nil,
        heroku: HerokuConfig? = nil
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
        self.heroku = heroku
    }

    /// The scopes the file declares, in the order of `ServiceScope.allCases`.
    package var declaredScopes: [ServiceScope] {
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
            case .heroku: heroku != nil
            }
        }
    }
}

/// A service area of the desired state; the first part of every change kind.
package enum ServiceScope: String, Sendable, Hashable, CaseIterable, Comparable {
    case supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku

    package static func < (lhs: ServiceScope, rhs: ServiceScope) -> Bool { lhs.rawValue < rhs.rawValue }
}
