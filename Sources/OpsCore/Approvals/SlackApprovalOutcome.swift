/// What a Slack interaction with an approval request came to, for `serve slack` to answer
/// through the `response_url` and `approve --wait` to report: the desk that decides it lives
/// with the Slack connector, the words that say it in OpsRender.
package enum SlackApprovalOutcome: Sendable, Equatable {
    /// A verdict was recorded as receipt `seq`; `state` is where the change stands now.
    case recorded(verdict: ApprovalRecord.Verdict, changeID: String, approver: String, slackUser: String, seq: Int, state: ApprovalState)
    /// Nothing was recorded, and why.
    case refused(changeID: String?, slackUser: String, Diagnostic)
    /// `/ops status ID`: where the change stands.
    case status(changeID: String, state: ApprovalState)
}
