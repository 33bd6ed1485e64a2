import Foundation
import OpsCore

/// What `opsctl serve slack` does with one HTTP request (docs/services/slack.md, "Approvals"):
/// the signature is checked over the raw body before anything else is read, a request that
/// fails it is answered 401 and leaves no trace; a good one is acknowledged at once (Slack
/// waits three seconds at most) and decided afterwards, the answer going to `response_url`.
package struct SlackApprovalReceiver: Sendable {
    /// The answer to send now and the work to do once it is sent.
    package struct Acknowledgement: Sendable {
        package var response: HTTPResponse
        package var followUp: (@Sendable () async -> Void)?
    }

    let signature: SlackRequestSignature
    let desk: SlackApprovalDesk
    let context: ConnectorContext
    /// The words of an outcome, from OpsRender: `(outcome, replacingRequest) -> response_url body`.
    let reply: @Sendable (SlackApprovalOutcome, Bool) -> JSONValue
    /// One line per decided interaction, for the operator's terminal.
    let log: @Sendable (String) -> Void

    package init(
        signature: SlackRequestSignature, desk: SlackApprovalDesk, context: ConnectorContext,
        reply: @escaping @Sendable (SlackApprovalOutcome, Bool) -> JSONValue, log: @escaping @Sendable (String) -> Void
    ) {
        self.signature = signature
        self.desk = desk
        self.context = context
        self.reply = reply
        self.log = log
    }

    package func receive(_ request: HTTPRequest, now: Date = Date()) -> Acknowledgement {
        guard request.method == "POST" else {
            return Acknowledgement(response: Self.text(405, "opsctl serve slack accepts POST requests from Slack only"))
        }
        let timestamp = request.headers[SlackRequestSignature.timestampHeader]
        do {
            try signature.verify(signature: request.headers[SlackRequestSignature.signatureHeader], timestamp: timestamp, body: request.body, now: now)
        } catch let refusal as SlackRequestSignature.Refusal {
            log("refused a request: \(refusal.diagnostic.message)")
            return Acknowledgement(response: Self.text(401, refusal.diagnostic.message))
        } catch {
            log("refused a request: the signature could not be computed")
            return Acknowledgement(response: Self.text(401, "the request's signature could not be checked"))
        }
        let interaction: SlackInteraction
        do throws(SlackInteraction.Unusable) {
            interaction = try SlackInteraction.parse(request.body, requestTimestamp: timestamp ?? "")
        } catch {
            return Acknowledgement(response: .init(
                status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]),
                body: JSONWriter.canonicalBytes(["response_type": "ephemeral", "text": .string(error.reply)])))
        }
        return Acknowledgement(response: HTTPResponse(status: 200)) { [desk, context, reply, log] in
            let outcome = await desk.decide(interaction)
            log("\(interaction.action.rawValue) \(interaction.changeID) from \(interaction.user): \(Self.summary(outcome))")
            guard let url = interaction.responseURL else { return }
            do {
                try await SlackResponseURL.post(reply(outcome, interaction.kind == .button), to: url, context: context)
            } catch {
                log("could not answer through response_url: \((error as? any DiagnosticError)?.diagnostic.message ?? "\(error)")")
            }
        }
    }

    private static func summary(_ outcome: SlackApprovalOutcome) -> String {
        switch outcome {
        case .recorded(let verdict, _, let approver, _, let seq, _): "\(verdict.rawValue) by \(approver) recorded as receipt #\(seq)"
        case .refused(_, _, let diagnostic): "refused: \(diagnostic.message)"
        case .status: "status answered"
        }
    }

    private static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]), body: Array(text.utf8))
    }
}
