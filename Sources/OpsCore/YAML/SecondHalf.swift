import Dispatch
import Foundation
import Synchronization

/// The second half of a document cut at a `TopLevelSplit`, parsed to its end on a thread of its
/// own while the first half's parser is still reading, into batches kept until the composer
/// reaches them. Unlike `ParseAhead`'s ring, nothing here waits for the composer: the point is
/// to be done by the time the first half is.
///
/// The first half's parser (`EventParser`, in the role `firstHalf`), once its own events reach
/// the cut, asks whether the second half's first events open the document as the cut promised
/// (`prefixHolds`). It hands over only then; anything else abandons this half.
final class SecondHalf: @unchecked Sendable {
    /// The stream's and the document's starts, the mapping's start and its first key: what a
    /// document cut at a top-level key opens with.
    static let prefixEvents = 4
    /// Where the first half's stream opened what this half's opens again: stream, document and
    /// top-level mapping, which the composer skips.
    static let reopeningEvents = 3

    private enum Prefix {
        case unknown
        case holds
        case broken
    }

    private struct State {
        var prefix = Prefix.unknown
        var filled: [YAMLEventBatch] = []
    }

    private let state = Mutex(State())
    private let prefixSettled = DispatchSemaphore(value: 0)
    private let batchFilled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)

    let split: TopLevelSplit

    /// Starts parsing `input` from `split`; `input` must outlive `stop()`.
    init(source: SourceText, input: UnsafeBufferPointer<UInt8>, split: TopLevelSplit, eventsPerBatch: Int) {
        self.split = split
        // The caller keeps the buffer until `stop()` has waited for the thread.
        nonisolated(unsafe) let input = input
        Thread.detachNewThread { [self] in
            run(source: source, input: input, eventsPerBatch: eventsPerBatch)
            finished.signal()
        }
    }

    private func run(source: SourceText, input: UnsafeBufferPointer<UInt8>, eventsPerBatch: Int) {
        let half = UnsafeBufferPointer(rebasing: input[split.offset...])
        guard let parser = try? EventParser(source: source, input: half, role: .secondHalf(self, lineOffset: UInt32(split.line))) else {
            settlePrefix(holds: false)
            return
        }
        while !stopping.load(ordering: .relaxed) {
            let batch = YAMLEventBatch(capacity: eventsPerBatch)
            parser.fill(batch)
            state.withLock { $0.filled.append(batch) }
            batchFilled.signal()
            if batch.isLast { break }
        }
        // A half that ended before its first key never settled it.
        settlePrefix(holds: false)
    }

    /// Called by this half's parser when its first events have shown whether they open the
    /// document as a cut at a top-level key does. Only the first call counts.
    func settlePrefix(holds: Bool) {
        let settled = state.withLock { state -> Bool in
            guard case .unknown = state.prefix else { return false }
            state.prefix = holds ? .holds : .broken
            return true
        }
        if settled { prefixSettled.signal() }
    }

    /// Waits for this half's verdict on its first events (it comes within its first batches).
    func prefixHolds() -> Bool {
        prefixSettled.wait()
        prefixSettled.signal()
        return state.withLock { $0.prefix == .holds }
    }

    /// The first half went past the cut without finding a key there: this half is not needed.
    func abandon() {
        stopping.store(true, ordering: .relaxed)
    }

    /// The next batch of this half's events, in order, once parsed.
    func take() -> YAMLEventBatch {
        batchFilled.wait()
        return state.withLock { $0.filled.removeFirst() }
    }

    /// Stops the thread and waits for it: the input it reads belongs to the caller.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
        finished.signal()
    }
}

/// What became of cutting one document in two, for tests: whether the composer read on from the
/// second half, and whether the document was read again whole after the second half failed.
final class CutReport: @unchecked Sendable {
    var handedOver = false
    var readAgain = false
}

/// The second half of a cut document could not be used after the composer had begun reading it:
/// `YAML.parse` reads the document again with one parser, whose outcome is the one to report.
struct SplitParseAbandoned: Error {}
