import Dispatch

/// Decodes the top-level sections of a file (`github`, `vercel`, `supabase`, ...) at the same
/// time. Sections do not read one another, so each gets a report of its own; the reports are
/// then folded into the file's report in the order the sections are listed, which is the order
/// in which decoding them one after another would have reported their problems.
///
/// A 10,000-entry desired state spends most of its decoding in two or three large sections;
/// on two cores they take the time of the largest (docs/performance.md). Sections already
/// decoded while the file was still being parsed (`DecodedSection.decodeEarly`) are only folded in.
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
    /// Present and not decoded yet.
    var isPresent: Bool { get }
    /// About how many nodes the section holds: only the order in which sections start uses it.
    var weight: Int { get }
    var report: ConfigReport? { get }
    func run()
    func decodeEarly(key: YAMLNode, value: YAMLNode, source: SourceText)
    func attach(from file: MappingReader)
}

/// One section and its decoder. Its value is attached on the thread that reads the file's
/// top-level mapping (the key is asked for there, in the order decoding asks for it); `run` may
/// be called on any thread, once, and touches nothing but the section's nodes and its own report.
///
/// A section may also be decoded early, on the parsing thread, as soon as the composer has
/// built its value (`YAML.parse`'s `topLevelPairs`), while libyaml is still parsing the rest of
/// the file on another thread. It is decoded exactly as it would have been later: the same
/// node, path and decoder, and a report of its own; `attach` then keeps that result when the
/// top-level mapping holds the same node under the key, and decodes again otherwise.
final class DecodedSection<Model>: ConcurrentSection, @unchecked Sendable {
    let key: String
    private let decoder: (ConfigValue) -> Model?
    private var value: ConfigValue?
    private(set) var report: ConfigReport?
    private(set) var model: Model?
    /// The node decoded early, when one was.
    private var earlyNode: UInt32?

    init(key: String, _ decoder: @escaping (ConfigValue) -> Model?) {
        self.key = key
        self.decoder = decoder
    }

    convenience init(_ value: ConfigValue?, _ decoder: @escaping (ConfigValue) -> Model?) {
        self.init(key: "", decoder)
        attach(value)
    }

    /// Decodes `node`, the value of a top-level pair just composed, when `keyNode` is this
    /// section's key and the value is not null (a null value is an absent section).
    func decodeEarly(key keyNode: YAMLNode, value node: YAMLNode, source: SourceText) {
        guard keyNode.hasScalarText(key), !node.isNull else { return }
        let report = ConfigReport(source: SourceText(path: source.path, bytes: source.bytes))
        model = decoder(ConfigValue(node: node, parentPath: .root, component: .key(key), report: report))
        self.report = report
        earlyNode = node.index
    }

    /// Takes the section's value as the top-level mapping holds it (nil when absent).
    func attach(_ value: ConfigValue?) {
        if let earlyNode {
            if let value, value.node.index == earlyNode { return }
            self.earlyNode = nil
            model = nil
        }
        let report = value?.report.part()
        self.report = report
        self.value = report.flatMap { report in value?.reporting(to: report, through: value?.node.throughOwnStoreObject()) }
    }

    func attach(from file: MappingReader) {
        attach(file[key])
    }

    var isPresent: Bool { value != nil }
    var weight: Int { value?.node.subtreeSize ?? 0 }

    func run() {
        guard let value else { return }
        model = decoder(value)
    }
}
