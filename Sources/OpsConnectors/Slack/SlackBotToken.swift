/// What the token's prefix says before anything is sent: opsctl acts as a bot, so only a bot
/// token (`xoxb-`) will do; a user token (`xoxp-`) would post as a person and carries that
/// person's channels.
enum SlackBotToken: Equatable {
    case bot
    case user
    case other

    init(_ token: String) {
        if token.hasPrefix("xoxb-"), token.count > 10 {
            self = .bot
        } else if token.hasPrefix("xoxp-") {
            self = .user
        } else {
            self = .other
        }
    }
}
