import Foundation

/// A model read from a file, with every problem found on the way, in file order. `model` is nil
/// when the file could not be read or parsed at all, when its top level is not a mapping, or
/// when it was written for a newer opsctl; otherwise it holds what was valid (entries with
/// errors are left out).
package struct LoadResult<Model: Sendable>: Sendable {
    package var model: Model?
    package var diagnostics: [Diagnostic]
    /// `sha256:<hex>` of exactly the bytes that were parsed, so a plan records the file it
    /// was made from even if the file changes while opsctl runs; nil when nothing was read.
    package var sha256: String?

    package init(model: Model?, diagnostics: [Diagnostic], sha256: String? = nil) {
        self.model = model
        self.diagnostics = diagnostics
        self.sha256 = sha256
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

package enum ConfigLoader {
    package static let defaultDesiredStatePath = "desired-state.yaml"
    package static let defaultPolicyPath = "change-policy.yaml"

    /// Without `digest`, `sha256` stays nil: `validate` reports problems only, and hashing the
    /// file (with OpenSSL's set-up on a run's first hash) would take a processor from the parse.
    ///
    /// `onceParsing` is called on this thread as soon as the parse's own threads (libyaml's,
    /// the digest's) have started, if the file could be read: `plan` starts opening libcurl
    /// then. Started earlier, `dlopen` holds the dynamic loader's lock, which creating a thread
    /// waits for, and the parse would wait for the whole load (docs/performance.md).
    ///
    /// `onList` is told each list a section declares as soon as the parse has composed it, on
    /// this thread, after `onceParsing` (`DeclaredList`).
    package static func loadDesiredState(
        path: String, digest: Bool = true, onceParsing: (() -> Void)? = nil, onList: ((DeclaredList) -> Void)? = nil
    ) -> LoadResult<DesiredState> {
        load(path: path) { source in loadDesiredState(source, digest: digest, onceParsing: onceParsing, onList: onList) }
    }

    /// Also reads the allowed_signers file the policy names (relative to the policy's
    /// directory); its problems are reported with its own file, line and column.
    package static func loadChangePolicy(path: String, digest: Bool = true) -> LoadResult<ChangePolicy> {
        var result = load(path: path) { source in parse(source, digest: digest, decode: ChangePolicyDecoder.decode) }
        if var policy = result.model, let signersPath = policy.allowedSignersPath {
            let directory = (path as NSString).deletingLastPathComponent
            let resolved = signersPath.hasPrefix("/") || directory.isEmpty ? signersPath : directory + "/" + signersPath
            let parsed = SSHAllowedSigners.load(path: resolved, reference: policy.allowedSignersLocation)
            policy.allowedSigners = parsed.signers
            result.model = policy
            result.diagnostics += parsed.diagnostics
        }
        return result
    }

    package static func loadDesiredState(
        _ source: SourceText, digest: Bool = true, onceParsing: (() -> Void)? = nil, onList: ((DeclaredList) -> Void)? = nil
    ) -> LoadResult<DesiredState> {
        let early = EarlySections.worthwhile(forBytes: source.bytes.count) ? EarlySections(source: source) : nil
        return loadDesiredState(source, early: early, digest: digest, onceParsing: onceParsing, onList: onList)
    }

    /// With `early`, sections are decoded while the parser still reads the sections after them;
    /// tests pass one for a small file, to compare both ways.
    static func loadDesiredState(
        _ source: SourceText, early: EarlySections?, digest: Bool = true, onceParsing: (() -> Void)? = nil,
        onList: ((DeclaredList) -> Void)? = nil
    ) -> LoadResult<DesiredState> {
        defer { early?.finish() }
        let observer: TopLevelEntryObserver? = onList.map { DeclaredListReporter(early: early, report: $0) } ?? early
        return parse(source, observer: observer, digest: digest, onceParsing: onceParsing) { root, report in
            DesiredStateDecoder.decode(root, report: report, early: early)
        }
    }

    package static func loadChangePolicy(_ source: SourceText) -> LoadResult<ChangePolicy> {
        parse(source, decode: ChangePolicyDecoder.decode)
    }

    static func parse<Model>(_ source: SourceText, observer: TopLevelEntryObserver? = nil, digest: Bool = true,
                             onceParsing: (() -> Void)? = nil, decode: (YAMLNode?, ConfigReport) -> Model?) -> LoadResult<Model> {
        // The digest is taken on the other core while the file is parsed: a run's first SHA-256
        // also sets OpenSSL's providers up, which costs more than hashing a large file, and it
        // would otherwise delay `plan`'s first request (docs/performance.md).
        let sourceDigest = digest ? SourceDigest(of: source.bytes) : nil
        var result = decodeSource(source, observer: observer, onceParsing: onceParsing, decode: decode)
        result.sha256 = sourceDigest?.wait()
        return result
    }

    private static func decodeSource<Model>(_ source: SourceText, observer: TopLevelEntryObserver?, onceParsing: (() -> Void)?,
                                            decode: (YAMLNode?, ConfigReport) -> Model?) -> LoadResult<Model> {
        do {
            let document = try YAML.parse(source, limits: .default, batching: .standard, topLevelObserver: observer, onceParsing: onceParsing)
            let report = ConfigReport(source: source)
            let model = decode(document.root, report)
            let diagnostics = document.problems.map(\.diagnostic) + report.diagnostics
            return LoadResult(model: model, diagnostics: sortedByLocation(diagnostics))
        } catch let error as YAMLError {
            return LoadResult(model: nil, diagnostics: [error.diagnostic])
        } catch {
            return LoadResult(model: nil, diagnostics: [Diagnostic(message: "\(source.path): \(error)")])
        }
    }

    /// Orders diagnostics as they appear in the file; the sort is stable, so two problems at
    /// one place keep the order in which they were found.
    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            let right = rhs.element.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    private static func load<Model>(path: String, decode: (SourceText) -> LoadResult<Model>) -> LoadResult<Model> {
        switch readSource(path: path) {
        case .success(let source): return decode(source)
        case .failure(let error): return LoadResult(model: nil, diagnostics: [error.diagnostic])
        }
    }

    /// Reads a file for parsing; refuses files over the YAML size limit before reading them whole.
    package static func readSource(path: String, limit: Int = YAMLLimits.default.maxDocumentBytes) -> Result<SourceText, YAMLError> {
        let location = SourceLocation(file: path, line: 1, column: 1)
        switch FileBytes.read(path: path, limit: limit) {
        case .bytes(let bytes):
            return .success(SourceText(path: path, bytes: bytes))
        case .tooLarge:
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? limit + 1
            return .failure(YAMLError(reason: .documentTooLarge(bytes: size, limit: limit), location: location, sourceLine: nil))
        case .failed(let code):
            let why: String
            switch code {
            case ENOENT: why = "no such file"
            case EACCES, EPERM: why = "permission denied"
            default: why = String(cString: strerror(code))
            }
            return .failure(YAMLError(reason: .unreadableFile(why), location: location, sourceLine: nil))
        }
    }
}

/// `sha256:<hex>` of a file's bytes, computed on a global queue from the moment it is made.
private final class SourceDigest: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once on the queue before `done` is left, read only after waiting for it.
    private var value = ""

    init(of bytes: [UInt8]) {
        done.enter()
        DispatchQueue.global().async {
            self.value = "sha256:" + PlanDigest.hexSHA256(bytes)
            self.done.leave()
        }
    }

    func wait() -> String {
        done.wait()
        return value
    }
}
