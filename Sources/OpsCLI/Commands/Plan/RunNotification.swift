import OpsConnectors
import OpsCore
import OpsRender

/// Sends a run's notification to every `--notify` target, when `--notify-on` says so. A target
/// that fails is a warning on standard error; the command's outcome never changes.
enum RunNotification {
    /// Registers the notification credentials with the run's redactor before any service is
    /// asked anything, so no answer during the run can echo one unmasked.
    static func prepare(_ arguments: NotificationArguments, runtime: Runtime) {
        guard !arguments.targets.isEmpty else { return }
        NotificationSender(context: runtime.connectorContext).registerSecrets(for: arguments.targets)
    }

    static func send(
        _ document: NotificationDocument, arguments: NotificationArguments, approvalChannel: String?, runtime: Runtime, context: CommandContext
    ) async {
        guard !arguments.targets.isEmpty, arguments.trigger.fires(for: document) else { return }
        let view = NotificationView(redactor: runtime.redactor)
        let sender = NotificationSender(context: runtime.connectorContext)
        for target in arguments.targets {
            let failure: NotificationError?
            switch target {
            case .slack:
                let message = view.slackMessage(document)
                failure = await sender.postToSlack(channel: approvalChannel, text: message.text, blocks: message.blocks)
            case .webhook(let url):
                failure = await sender.postToWebhook(url: url, body: view.documentBytes(document))
            }
            if let failure {
                context.warn(failure.diagnostic.message, hint: failure.diagnostic.hint ?? "the \(document.command.rawValue) itself is unaffected")
            }
        }
    }
}
