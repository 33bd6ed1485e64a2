internal import CYaml
import Dispatch
import Foundation
import Glibc
import Synchronization

/// One of libyaml's events as the composer reads it: its kind, where it starts, and its text
/// (a scalar's value, an anchor's or an alias's name) as places in its batch's bytes. libyaml's
/// own event is copied into a batch and freed right away, on the thread that parsed it.
struct YAMLEvent {
    var type: yaml_event_type_t
    var line: UInt32
    var column: UInt32
    var style: ScalarStyle
    var tag: YAMLNodeStore.Tag
    var hasAnchor: Bool
    /// A scalar's value.
    var textStart: UInt32
    var textCount: UInt32
    /// The anchor a node defines, or the one an alias refers to.
    var anchorStart: UInt32
    var anchorCount: UInt32

    var mark: Mark { Mark(line: Int(line), column: Int(column)) }
}

/// Events parsed one after another, and the bytes their texts point into. When parsing stopped
/// at a problem, `failure` is what the event after the last one would have been.
final class YAMLEventBatch: @unchecked Sendable {
    let capacity: Int
    let events: UnsafeMutablePointer<YAMLEvent>
    private(set) var count = 0
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var byteCount = 0
    private(set) var failure: YAMLError?
    /// The stream's end or a failure: no batch follows this one.
    private(set) var isLast = false
    /// The last batch of a cut document's first half: the second half's events follow.
    private(set) var handedOver = false

    init(capacity: Int) {
        self.capacity = capacity
        events = .allocate(capacity: capacity)
        byteCapacity = 16 * capacity
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        events.deallocate()
        bytes.deallocate()
    }

    var isFull: Bool { count == capacity }

    func reset() {
        count = 0
        byteCount = 0
        failure = nil
        isLast = false
        handedOver = false
    }

    func append(_ event: YAMLEvent) {
        (events + count).initialize(to: event)
        count += 1
        if event.type == YAML_STREAM_END_EVENT { isLast = true }
    }

    func fail(_ error: YAMLError) {
        failure = error
        isLast = true
    }

    func handOver() {
        handedOver = true
        isLast = true
    }

    /// Copies `text` in; returns where it starts.
    func store(_ text: UnsafePointer<UInt8>, count length: Int) -> UInt32 {
        if byteCount + length > byteCapacity {
            var grown = byteCapacity * 2
            while grown < byteCount + length { grown *= 2 }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = larger
            byteCapacity = grown
        }
        (bytes + byteCount).update(from: text, count: length)
        defer { byteCount += length }
        return UInt32(byteCount)
    }
}

/// How a document's events reach the composer: parsed in batches on the composer's own thread,
/// or, for a large document on a machine with more than one processor, parsed ahead on a thread
/// of their own while the composer builds nodes from the batches already parsed.
struct YAMLEventBatching: Sendable {
    /// Documents of at least this many bytes are parsed ahead.
    var parseAheadFromBytes: Int
    var eventsPerBatch: Int
    /// Batches parsed ahead at most, beside the one being composed.
    var batchesAhead: Int
    /// Documents of at least this many bytes are cut in two where they can be
    /// (`TopLevelSplit`), each half parsed on a thread of its own.
    var splitFromBytes: Int = .max

    /// Below 128 KiB a document is parsed faster on the composer's own thread: the parsing
    /// thread, its hand-overs and the early sections beside it cost more than they overlap, and
    /// in a plan they compete with libcurl's load for the processors (docs/performance.md:
    /// `validate` of 73–128 KB files 0.6–1.8 ms faster, the 1,000-label latency plan 1.4–2.3
    /// ms). A batch of 2,048 events hands a 10,000-entry file over about 90 times.
    /// The composer is several times faster than libyaml, so a few batches ahead keep both busy.
    /// A cut pays from a few milliseconds of parsing on, and finding it reads half the file.
    static let standard = YAMLEventBatching(parseAheadFromBytes: 128 * 1024, eventsPerBatch: 2048, batchesAhead: 3, splitFromBytes: 256 * 1024)

    /// Whether a document of `bytes` is cut in two: only where there is a second processor.
    func splits(_ bytes: Int) -> Bool {
        bytes >= splitFromBytes && Processors.online > 1
    }
}

/// The events of one document, in order, for the composer.
struct YAMLEventStream {
    private let parser: EventParser
    private let ahead: ParseAhead?
    /// The second half of a cut document, read once the first half hands over.
    private let secondHalf: SecondHalf?
    private var readingSecondHalf = false
    private let cut: CutReport?
    private var batch: YAMLEventBatch
    /// The current batch's events and bytes, read here rather than through the batch object.
    private var events: UnsafeMutablePointer<YAMLEvent>
    private var bytes: UnsafeMutablePointer<UInt8>
    private var position = 0
    private var count = 0
    private var started = false

    init(parser: EventParser, sourceBytes: Int, batching: YAMLEventBatching, secondHalf: SecondHalf? = nil, cut: CutReport? = nil) {
        self.parser = parser
        self.secondHalf = secondHalf
        self.cut = cut
        let parsesAhead = sourceBytes >= batching.parseAheadFromBytes && Processors.online > 1
        ahead = parsesAhead ? ParseAhead(parser: parser, batching: batching) : nil
        // When parsing ahead, a placeholder until the first batch is taken: the ring's batches
        // belong to the parsing thread until then.
        batch = YAMLEventBatch(capacity: parsesAhead ? 1 : batching.eventsPerBatch)
        events = batch.events
        bytes = batch.bytes
    }

    /// The next event. Its text stays readable until the following call.
    mutating func next() throws -> YAMLEvent {
        if position == count { try advance() }
        defer { position += 1 }
        return events[position]
    }

    private mutating func advance() throws {
        // Events to pass over at the start of the second half: it opens the stream, the
        // document and the top-level mapping that the first half's events already opened.
        var reopened = 0
        while true {
            if started, batch.isLast {
                if batch.handedOver, !readingSecondHalf, secondHalf != nil {
                    readingSecondHalf = true
                    reopened = SecondHalf.reopeningEvents
                    cut?.handedOver = true
                } else if readingSecondHalf {
                    // Its failure is reported as one parser meets it, with that parser's words.
                    throw SplitParseAbandoned()
                } else {
                    throw batch.failure ?? parser.endedEarly()
                }
            }
            started = true
            if readingSecondHalf, let secondHalf {
                batch = secondHalf.take()
            } else if let ahead {
                batch = ahead.take()
            } else {
                batch.reset()
                parser.fill(batch)
            }
            events = batch.events
            bytes = batch.bytes
            count = batch.count
            position = min(reopened, count)
            reopened -= position
            if position < count { return }
        }
    }

    /// A scalar's value, readable until the next event is asked for.
    func text(of event: YAMLEvent) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + Int(event.textStart), count: Int(event.textCount))
    }

    func anchor(of event: YAMLEvent) -> String? {
        guard event.hasAnchor else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes + Int(event.anchorStart), count: Int(event.anchorCount)), as: UTF8.self)
    }

    /// Lets the parsing thread go, if there is one, and waits until it has: libyaml reads the
    /// caller's buffer, which must outlive it.
    func finish() {
        ahead?.stop()
        secondHalf?.stop()
    }
}

/// Parses a document on a thread of its own into a ring of batches: the parser fills the free
/// ones in turn, the composer takes the filled ones in the same turn and frees each when it
/// asks for the next. Semaphores hand the batches over, so each is touched by one thread at a
/// time.
final class ParseAhead: @unchecked Sendable {
    private let ring: [YAMLEventBatch]
    private let parser: EventParser
    private let filled = DispatchSemaphore(value: 0)
    private let free = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    /// Batches the composer has taken (composer's side only).
    private var taken = 0

    init(parser: EventParser, batching: YAMLEventBatching) {
        self.parser = parser
        ring = (0...batching.batchesAhead).map { _ in YAMLEventBatch(capacity: batching.eventsPerBatch) }
        // Created at 0 and raised: a semaphore freed below its starting value is a fault.
        for _ in ring { free.signal() }
        // A thread of its own rather than a queue's: the composer waits for it, and a pool
        // whose threads all wait on composers would never run it.
        Thread.detachNewThread { self.parse() }
    }

    private func parse() {
        var index = 0
        while true {
            free.wait()
            if stopping.load(ordering: .relaxed) { break }
            let batch = ring[index % ring.count]
            index += 1
            batch.reset()
            parser.fill(batch)
            filled.signal()
            if batch.isLast { break }
        }
        finished.signal()
    }

    /// The next filled batch; the one taken before it goes back to the parser.
    func take() -> YAMLEventBatch {
        if taken > 0 { free.signal() }
        filled.wait()
        defer { taken += 1 }
        return ring[taken % ring.count]
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        free.signal()
        finished.wait()
    }
}
