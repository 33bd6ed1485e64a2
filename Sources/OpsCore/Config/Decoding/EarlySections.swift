import Dispatch
import Foundation

/// Sections of a large file decoded while the parser still reads the sections after them.
///
/// Parsing is the longest step of loading a large desired state, and it runs on a thread of its
/// own (`YAMLEventStream`) while the composer, on another, mostly waits for events. A section
/// whose value the composer has finished is decoded on a third, in the processor time the
/// composer leaves, instead of after the whole file is read (docs/performance.md).
///
/// The decoding is the same as the one `ConcurrentSections` runs: the same value, path and
/// decoder, into a report of its own that is folded in at the section's turn. A section is
/// used only if the file's reading asks for it under the same key and finds the same node; the
/// others are left unread (a file written for a newer opsctl, a syntax error further on).
final class EarlySections: TopLevelEntryObserver, @unchecked Sendable {
    /// Files from this size on are worth it: those the parse ahead reads (`YAMLEventBatching`),
    /// which early sections need, since a section is decoded early only while the parser still
    /// reads the rest. Below it, the whole parse takes about as long as starting the work on
    /// other threads.
    static let standardFromBytes = YAMLEventBatching.standard.parseAheadFromBytes

    private let source: SourceText
    private let keys: [any AnySectionKey]
    private let lock = NSLock()
    /// Guarded by `lock`: the sections started, by key, with the node each was started for.
    private var started: [String: Started] = [:]
    /// Guarded by `lock`: the keys of the sections the file's reading took, in the order taken.
    private var taken: [String] = []
    private let running = DispatchGroup()

    private struct Started {
        var node: UInt32
        var section: any ConcurrentSection
    }

    init(source: SourceText, keys: [any AnySectionKey] = DesiredStateDecoder.sections) {
        self.source = source
        self.keys = keys
    }

    /// Whether decoding early pays for a file of `bytes`: only on more than one processor, where
    /// the parse leaves processor time beside it.
    static func worthwhile(forBytes bytes: Int) -> Bool {
        bytes >= standardFromBytes && Processors.online > 1
    }

    /// The keys of the sections decoded early and used, in the order the file's reading took them.
    var takenKeys: [String] { lock.withLock { taken } }

    func composed(key: String, value: YAMLNode, node: UInt32) {
        guard !value.isNull, let sectionKey = keys.first(where: { $0.name == key }) else { return }
        // The value as the file's reading would find it: under `key` of the top level.
        let configValue = ConfigValue(node: value, parentPath: .root, component: .key(key), report: ConfigReport(source: source))
        let section = sectionKey.section(configValue)
        lock.withLock { started[key] = Started(node: node, section: section) }
        DispatchQueue.global().async(group: running) {
            // The file's reading may have claimed it first, if no thread was free before then.
            if section.claim() { section.run() }
        }
    }

    /// The section started for `key` on the same node: being decoded, decoded, or still
    /// waiting for a thread (then whoever claims it first decodes it).
    func take(_ key: String, node: YAMLNode) -> (any ConcurrentSection)? {
        lock.withLock {
            guard let entry = started.removeValue(forKey: key), entry.node == node.index else { return nil }
            taken.append(key)
            return entry.section
        }
    }

    /// Waits for every section started, used or not, so that none outlives the load.
    func finish() {
        running.wait()
    }
}

extension Optional where Wrapped == EarlySections {
    /// The section under `key` of the top-level mapping: decoded early if it was, else to be decoded.
    func section<Model>(_ key: SectionKey<Model>, in file: MappingReader) -> DecodedSection<Model> {
        let value = file[key.name]
        if let early = self, let value, let section = early.take(key.name, node: value.node) as? DecodedSection<Model> {
            return section
        }
        return DecodedSection(value, key.decode)
    }
}
