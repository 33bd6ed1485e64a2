import Dispatch
import Foundation

/// Decodes the top-level sections of a file (`github`, `vercel`, `supabase`, ...) at the same
/// time. Sections do not read one another, so each gets a report of its own; the reports are
/// then folded into the file's report in the order the sections are listed, which is the order
/// in which decoding them one after another would have reported their problems.
///
/// A 10,000-entry desired state spends most of its decoding in two or three large sections;
/// on two cores they take the time of the largest (docs/performance.md).
enum ConcurrentSections {
    static func decode(_ sections: [any ConcurrentSection], into report: ConfigReport) {
        // Largest first, so that the last section to start is a small one. A section decoded
        // early (`EarlySections`) may have been claimed by another thread: it is waited for
        // after this thread has decoded the others, never before.
        let claimed = sections.filter { $0.isPresent && $0.claim() }.sorted { $0.weight > $1.weight }
        if claimed.count > 1 {
            DispatchQueue.concurrentPerform(iterations: claimed.count) { claimed[$0].run() }
        } else {
            claimed.first?.run()
        }
        for section in sections {
            section.waitUntilDecoded()
            if let part = section.report { report.absorb(part) }
        }
    }
}

protocol ConcurrentSection: AnyObject, Sendable {
    var isPresent: Bool { get }
    /// About how many nodes the section holds: only the order in which sections start uses it.
    var weight: Int { get }
    var report: ConfigReport? { get }
    /// True for the one caller that is to `run` the section, false for every later one.
    func claim() -> Bool
    func run()
    func waitUntilDecoded()
}

/// One section and its decoder. Made on the thread that reads the file's top-level mapping
/// (the key is asked for there, in the order decoding asks for it); `run` is called on any
/// thread, once, by the caller that claimed it, and touches nothing but the section's nodes
/// and its own report.
final class DecodedSection<Model>: ConcurrentSection, @unchecked Sendable {
    /// Let go once decoded: a section decoded early holds a copy of its nodes, which is then freed.
    private var value: ConfigValue?
    let isPresent: Bool
    /// About how many nodes the section holds: only the order in which sections start uses it.
    let weight: Int
    private let decoder: (ConfigValue) -> Model?
    let report: ConfigReport?
    /// Written by `run`; read after `waitUntilDecoded`.
    private(set) var model: Model?
    /// Guards `claimed` and `decoded`, and signals when `decoded` turns true.
    private let state = NSCondition()
    private var claimed = false
    private var decoded = false

    init(_ value: ConfigValue?, _ decoder: @escaping (ConfigValue) -> Model?) {
        let report = value?.report.part()
        self.report = report
        self.value = report.flatMap { report in value?.reporting(to: report, through: value?.node.throughOwnStoreObject()) }
        self.decoder = decoder
        isPresent = value != nil
        weight = value?.node.subtreeSize ?? 0
    }

    func claim() -> Bool {
        state.withLock {
            defer { claimed = true }
            return !claimed
        }
    }

    func run() {
        if let value { model = decoder(value) }
        value = nil
        state.withLock {
            decoded = true
            state.broadcast()
        }
    }

    /// Returns at once for an absent section.
    func waitUntilDecoded() {
        guard isPresent else { return }
        state.withLock {
            while !decoded { state.wait() }
        }
    }
}

/// A section's key in a file, with the decoder of what it holds.
struct SectionKey<Model>: AnySectionKey {
    let name: String
    let decode: (ConfigValue) -> Model?

    init(_ name: String, _ decode: @escaping (ConfigValue) -> Model?) {
        self.name = name
        self.decode = decode
    }

    func section(_ value: ConfigValue?) -> any ConcurrentSection {
        DecodedSection(value, decode)
    }
}

protocol AnySectionKey: Sendable {
    var name: String { get }
    func section(_ value: ConfigValue?) -> any ConcurrentSection
}

extension SectionKey: @unchecked Sendable {}
