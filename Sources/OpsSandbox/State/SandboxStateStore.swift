import Glibc
import OpsCore

/// The whole sandbox state: one JSON document with a section per scope
/// (`{"github": {...}, "vercel": {...}}`), optionally backed by a file.
///
/// Every request runs its emulator's read-modify-write as one transaction under one lock, so
/// concurrent requests see each other's changes in a single order. A transaction that changed
/// its section is saved before it commits: the file is replaced atomically (temporary file,
/// fsync, rename, mode 0600) and, if saving fails, memory keeps the old state too, so what
/// clients were told and what the file holds never disagree.
package final class SandboxStateStore: Sendable {
    /// The backing file, or nil for a state that lives in memory only.
    package let file: String?

    private struct Storage: Sendable {
        /// The document as last saved. Sections no emulator claims (written by a newer
        /// opsctl, say) are kept and written back untouched.
        var document: [String: JSONValue]
        /// Sections decoded by their emulators, the values requests actually work on.
        var sections: [String: any SandboxStateSection]
    }

    private let storage: Locked<Storage>

    /// Loads `file`. A file that does not exist yet, or is empty, is an empty state; its
    /// directory must exist so that the first save cannot fail for that reason.
    package convenience init(file: String?) throws(SandboxStateError) {
        guard let file else {
            try self.init(document: [:], file: nil)
            return
        }
        let directory = Self.parentDirectory(of: file)
        var status = stat()
        guard stat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw SandboxStateError(file: file, reason: .missingDirectory(directory))
        }
        let bytes = try Self.read(file)
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            try self.init(document: [:], file: file)
            return
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes, sourceName: file)
        } catch {
            throw SandboxStateError(file: file, reason: .syntax(error))
        }
        try self.init(document: document, file: file)
    }

    /// A state seeded with `document`; saved to `file` after each change when one is given.
    package init(document: JSONValue, file: String? = nil) throws(SandboxStateError) {
        guard case .object(let members) = document else {
            throw SandboxStateError(file: file ?? "<memory>", reason: .notAnObject)
        }
        for (scope, section) in members {
            guard case .object = section else {
                throw SandboxStateError(
                    file: file ?? "<memory>",
                    reason: .invalidSection(scope: scope, path: "", problem: "expected an object, found \(JSONFieldReader.kind(of: section))")
                )
            }
        }
        self.file = file
        storage = Locked(Storage(document: members, sections: [:]))
    }

    /// Decodes a scope's section now, so problems surface when the server starts.
    package func prepare<Section: SandboxStateSection>(_ type: Section.Type, scope: String) throws(SandboxStateError) {
        try storage.withLock { storage throws(SandboxStateError) in
            _ = try section(type, scope: scope, in: &storage)
        }
    }

    /// Runs `body` on the scope's section. When `body` changed it, the new state is saved
    /// first and committed only if saving succeeded; on failure nothing changes and the error
    /// is thrown for the emulator to report as a server error.
    package func transaction<Section: SandboxStateSection, Result>(
        _ type: Section.Type,
        scope: String,
        _ body: (inout Section) -> Result
    ) throws(SandboxStateError) -> Result {
        try storage.withLock { storage throws(SandboxStateError) -> Result in
            let before = try section(type, scope: scope, in: &storage)
            var after = before
            let result = body(&after)
            if after != before {
                var document = storage.document
                document[scope] = after.stateJSON
                try save(document)
                storage.document = document
                storage.sections[scope] = after
            }
            return result
        }
    }

    /// The whole document as it stands (what the file holds, when there is one).
    package func document() -> JSONValue {
        .object(storage.withLock { $0.document })
    }

    private func section<Section: SandboxStateSection>(_ type: Section.Type, scope: String, in storage: inout Storage) throws(SandboxStateError) -> Section {
        if let cached = storage.sections[scope] {
            // Two emulators claiming one scope with different types is a programming error
            // the server's scope check rules out.
            guard let typed = cached as? Section else { preconditionFailure("scope \(scope) is claimed by two state types") }
            return typed
        }
        let decoded: Section
        if let json = storage.document[scope] {
            do {
                decoded = try Section(stateJSON: json)
            } catch {
                throw SandboxStateError(file: file ?? "<memory>", reason: .invalidSection(scope: scope, path: error.path, problem: error.problem))
            }
        } else {
            decoded = Section.empty
        }
        storage.sections[scope] = decoded
        return decoded
    }

    private func save(_ document: [String: JSONValue]) throws(SandboxStateError) {
        guard let file else { return }
        do {
            // Pretty-printed with sorted keys: people read and diff this file.
            try AtomicFile.write(JSONWriter.pretty(.object(document)) + "\n", to: file, mode: 0o600)
        } catch {
            throw SandboxStateError(file: file, reason: .saveFailed(error.reason))
        }
    }

    private static func read(_ file: String) throws(SandboxStateError) -> [UInt8] {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return [] }
            throw SandboxStateError(file: file, reason: .unreadable(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw SandboxStateError(file: file, reason: .unreadable(String(cString: strerror(errno))))
            }
        }
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
