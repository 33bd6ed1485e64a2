/// `--notify-on`: `drift` sends only when a run found something to act on, `always` sends
/// every time.
package enum NotificationTrigger: String, Sendable, Hashable, CaseIterable {
    case drift
    case always

    package func fires(for document: NotificationDocument) -> Bool {
        switch self {
        case .always: true
        case .drift: document.hasDrift
        }
    }
}
