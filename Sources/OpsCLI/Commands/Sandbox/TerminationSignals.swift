import Dispatch
import Glibc

/// SIGINT and SIGTERM delivered to async code as values, so that a long-running command can
/// stop its work cleanly instead of being killed mid-write.
///
/// The signals' default action (end the process at once) is switched off with `SIG_IGN` before
/// dispatch sources take them: a C signal handler may only call async-signal-safe functions,
/// while a dispatch source runs its handler on a queue where any code may run. `restore()`
/// puts the previous dispositions back, so an in-process caller (a test) is left as it was.
final class TerminationSignals {
    static let watched: [Int32] = [SIGINT, SIGTERM]

    private let received: AsyncStream<Int32>
    private var sources: [any DispatchSourceSignal] = []
    private var previousHandlers: [(signal: Int32, handler: sighandler_t?)] = []

    /// Starts watching. Signals that arrive before `next()` is awaited are kept, not lost.
    init() {
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingOldest(Self.watched.count))
        received = stream
        for number in Self.watched {
            previousHandlers.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        restore()
    }

    /// Waits for the first watched signal and returns its number.
    func next() async -> Int32? {
        for await number in received {
            return number
        }
        return nil
    }

    /// Stops watching and gives the signals their previous dispositions back. Idempotent.
    func restore() {
        for source in sources {
            source.cancel()
        }
        sources.removeAll()
        for (number, handler) in previousHandlers {
            signal(number, handler)
        }
        previousHandlers.removeAll()
    }

    /// `SIGINT` or `SIGTERM`, for messages.
    static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
