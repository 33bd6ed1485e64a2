import Foundation
import OpsCore

/// The pull request a GitHub Actions run is for: on a `pull_request` or `pull_request_target`
/// event, the number in the event payload at `GITHUB_EVENT_PATH` (`pull_request.number`, or
/// the payload's `number`). Nil for any other event or outside Actions.
enum PullRequestEvent {
    static let eventNames: Set<String> = ["pull_request", "pull_request_target"]

    static func number(in environment: Environment) -> Int? {
        guard environment["GITHUB_ACTIONS"] == "true", let event = environment["GITHUB_EVENT_NAME"], eventNames.contains(event),
            let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty,
            let bytes = FileManager.default.contents(atPath: path), let payload = try? JSONParser.parse(Array(bytes))
        else { return nil }
        let number = payload["pull_request"]?["number"]?.intValue ?? payload["number"]?.intValue
        return number.flatMap { $0 > 0 ? $0 : nil }
    }
}
