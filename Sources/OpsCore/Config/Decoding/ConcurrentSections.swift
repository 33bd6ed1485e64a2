import Dispatch

/// Decodes the top-level sections of a file (`github`, `vercel`, `supabase`, ...) at the same
/// time. Sections do not read one another, so each gets a report of its own; the reports are
/// then folded into the file's report in the order the sections are listed, which is the order
/// in which decoding them one after another would have reported their problems.
///
/// A 10,000-entry desired state spends most of its decoding in two or three large sections;
/// on two cores they take the time of the largest (docs/performance.md).
enum ConcurrentSections {
    static func decode(_ sections: [any ConcurrentSection], into report: ConfigReport) {
        // Largest first, so that the last section to start is a small one.
        let present = sections.filter(\.isPresent).sorted { $0.weight > $1.weight }
        if present.count > 1 {
            DispatchQueue.concurrentPerform(iterations: present.count) { present[$0].run() }
        } else {
            present.first?.run()
        }
        for section in sections {
            if let part = section.report { report.absorb(part) }
        }
    }
}

protocol ConcurrentSection: AnyObject, Sendable {
    var isPresent: Bool { get }
    /// About how many nodes the section holds: only the order in which sections start uses it.
    var weight: Int { get }
    var report: ConfigReport? { get }
    func run()
}

/// One section and its decoder. Made on the thread that reads the file's top-level mapping
/// (the key is asked for there, in the order decoding asks for it); `run` may be called on any
/// thread, once, and touches nothing but the section's nodes and its own report.
final class DecodedSection<Model>: ConcurrentSection, @unchecked Sendable {
    private let value: ConfigValue?
    private let decoder: (ConfigValue) -> Model?
    let report: ConfigReport?
    private(set) var model: Model?

    init(_ value: ConfigValue?, _ decoder: @escaping (ConfigValue) -> Model?) {
        let report = value?.report.part()
        self.report = report
        self.value = report.flatMap { report in value?.reporting(to: report, through: value?.node.throughOwnStoreObject()) }
        self.decoder = decoder
    }

    var isPresent: Bool { value != nil }
    var weight: Int { value?.node.subtreeSize ?? 0 }

    func run() {
        guard let value else { return }
        model = decoder(value)
    }
}
