// SendGrid, PostHog and Slack are only checked, never changed, so each declares a little.

public struct SendGridConfig: Sendable, Equatable {
    /// Domains that must be authenticated.
    public var domains: [SendGridDomain]
    /// Sender addresses that must be verified.
    public var senders: [SendGridSender]

    public init(domains: [SendGridDomain] = [], senders: [SendGridSender] = []) {
        self.domains = domains
        self.senders = senders
    }
}

public struct SendGridDomain: Sendable, Equatable {
    public var name: String
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}

public struct SendGridSender: Sendable, Equatable {
    public var email: String
    public var location: SourceLocation?

    public init(email: String, location: SourceLocation? = nil) {
        self.email = email
        self.location = location
    }
}

public struct PostHogConfig: Sendable, Equatable {
    /// The environment variable that must hold the project key (`phc_...`); the key itself never appears here.
    public var projectKeyEnv: String
    public var location: SourceLocation?

    public init(projectKeyEnv: String, location: SourceLocation? = nil) {
        self.projectKeyEnv = projectKeyEnv
        self.location = location
    }
}

public struct SlackConfig: Sendable, Equatable {
    /// `#name` or a channel ID.
    public var approvalChannel: String
    public var location: SourceLocation?

    public init(approvalChannel: String, location: SourceLocation? = nil) {
        self.approvalChannel = approvalChannel
        self.location = location
    }
}
