import Foundation

@testable import OpsConnectors

/// A real PostgreSQL 15 for the tests, started by the tests themselves: `initdb` and
/// `pg_ctl` in a temporary directory, listening on a Unix socket in that directory only
/// (`listen_addresses = ''`), trust authentication except for one role that must use a
/// password (`canaryRole`, for the password-leak tests).
///
/// One cluster per test process, started on first use (a `static let`, which Swift
/// initialises once, thread-safely), stopped at process exit through `atexit` even when
/// tests fail, and also when the object goes away. A run that crashed leaves its directory
/// behind: the next run finds it by its prefix, sees that the process that owned it is gone,
/// stops its server by the pid in `postmaster.pid` and removes it.
///
/// PostgreSQL refuses to run as root, and CI runs as root: then `initdb` and `pg_ctl` run as
/// the `postgres` system user through `runuser`, in a directory that user owns.
final class TestPostgres: @unchecked Sendable {
    static let directoryPrefix = "opsctl-test-pg-"
    /// `/tmp` rather than `$TMPDIR`: a Unix socket path must fit in 107 bytes.
    static let temporaryRoot = "/tmp"
    static let superuser = "postgres"
    static let canaryRole = "opsctl_canary"
    /// Planted as the canary role's password; tests assert it never surfaces anywhere.
    static let canaryPassword = "Canary-7f3b9c2e-d41d8cd98f00b204"

    /// The socket directory and the cluster's home.
    let directory: String
    let dataDirectory: String
    /// How long `initdb` plus `pg_ctl start` took, reported once per run.
    let startupSeconds: Double
    private let lock = NSLock()
    private var stopped = false

    static let shared: Result<TestPostgres, TestPostgresError> = {
        let result = Result { () throws(TestPostgresError) -> TestPostgres in try TestPostgres() }
        if case .success(let cluster) = result {
            running.withLock { $0 = cluster }
            atexit { TestPostgres.running.withLock { $0?.stop() } }
            FileHandle.standardError.write(Data("TestPostgres: PostgreSQL started in \(String(format: "%.2f", cluster.startupSeconds)) s at \(cluster.directory)\n".utf8))
        }
        return result
    }()

    /// The started cluster, for the `atexit` handler (a C function cannot capture it).
    private static let running = LockedValue<TestPostgres?>(nil)

    /// The shared cluster; throws the reason it could not start, which fails the test.
    static func cluster() throws -> TestPostgres {
        try shared.get()
    }

    private init() throws(TestPostgresError) {
        let binaries = try Self.locateBinaries()
        Self.removeStaleClusters()
        let started = ContinuousClock.now
        var template = Array((Self.temporaryRoot + "/" + Self.directoryPrefix + "XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw .setup("cannot create a temporary directory: \(String(cString: strerror(errno)))") }
        directory = URL(fileURLWithPath: String(cString: created)).standardizedFileURL.path
        dataDirectory = directory + "/data"
        try Data("\(getpid())\n".utf8).writeOrThrow(to: directory + "/owner.pid")
        let runAsPostgres = getuid() == 0
        if runAsPostgres {
            guard let account = getpwnam("postgres") else {
                throw .setup("running as root, and there is no 'postgres' user to run PostgreSQL as; install the Debian package 'postgresql'")
            }
            guard chown(directory, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw .setup("cannot give \(directory) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
        let runner = CommandRunner(directory: directory, asPostgres: runAsPostgres)
        try runner.run(binaries + "/initdb", [
            "-D", dataDirectory, "--username=\(Self.superuser)", "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync", "--no-instructions",
        ])
        // Socket only, in our own directory; durability off because the cluster is thrown away.
        let settings = """

            listen_addresses = ''
            unix_socket_directories = '\(directory)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 60
            """
        let hba = """
            local all \(Self.canaryRole) scram-sha-256
            local all all trust

            """
        try runner.appendAsOwner(settings, to: dataDirectory + "/postgresql.conf")
        try runner.replaceAsOwner(hba, at: dataDirectory + "/pg_hba.conf")
        try runner.run(binaries + "/pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "start"])
        let elapsed = ContinuousClock.now - started
        startupSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        do {
            let admin = try PostgresConnection(uri: uri(database: "postgres"))
            _ = try admin.query("create role anon nologin")
            _ = try admin.query("create role authenticated nologin")
            _ = try admin.query("create role \(Self.canaryRole) login superuser password '\(Self.canaryPassword)'")
        } catch {
            stop()
            throw .setup("the test cluster started but could not be prepared: \(error.diagnostic.message)")
        }
    }

    deinit {
        stop()
    }

    /// A URI for the superuser over the socket (trust authentication).
    func uri(database: String, user: String = TestPostgres.superuser) -> String {
        "postgresql:///\(database)?host=\(directory)&user=\(user)"
    }

    /// A URI that carries the canary password in its user-info part, socket host encoded.
    func canaryURI(database: String, password: String = TestPostgres.canaryPassword) -> String {
        let host = directory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? directory
        return "postgresql://\(Self.canaryRole):\(password)@\(host)/\(database)"
    }

    /// A fresh database for one test, loaded with `sql` (the Supabase-like fixture by default).
    func makeDatabase(loading sql: String? = SupabaseFixture.sql) throws -> TestDatabase {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let admin = try PostgresConnection(uri: uri(database: "postgres"))
        _ = try admin.query("create database \(SQLIdentifier.quote(String(name)))")
        let database = TestDatabase(name: String(name), cluster: self)
        if let sql { try database.connect().execute(script: sql) }
        return database
    }

    /// Stops the server at once (SIGQUIT: immediate shutdown, nothing to keep) and removes
    /// the directory. Safe to call more than once.
    func stop() {
        let shouldStop = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard shouldStop else { return }
        Self.stopServer(dataDirectory: dataDirectory)
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Finding binaries and stale clusters

    static let binaryDirectories = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]

    private static func locateBinaries() throws(TestPostgresError) -> String {
        var candidates = binaryDirectories
        if let override = ProcessInfo.processInfo.environment["OPSCTL_TEST_PG_BINDIR"], !override.isEmpty {
            candidates.insert(override, at: 0)
        }
        for directory in candidates where FileManager.default.isExecutableFile(atPath: directory + "/initdb")
            && FileManager.default.isExecutableFile(atPath: directory + "/pg_ctl")
        {
            return directory
        }
        throw .missingBinaries(searched: candidates)
    }

    /// Directories of earlier runs whose owning test process is gone: their server is
    /// stopped (only after checking the pid still belongs to a postgres process) and the
    /// directory removed. Clusters of test processes still running are left alone.
    private static func removeStaleClusters() {
        let temporary = Self.temporaryRoot
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
        for entry in entries where entry.hasPrefix(directoryPrefix) {
            let directory = temporary + "/" + entry
            if let owner = readPID(directory + "/owner.pid"), isAlive(owner) { continue }
            stopServer(dataDirectory: directory + "/data")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    private static func stopServer(dataDirectory: String) {
        guard let pid = readPID(dataDirectory + "/postmaster.pid"), isAlive(pid), isPostgres(pid) else { return }
        kill(pid, SIGQUIT)
        for _ in 0..<100 where isAlive(pid) { usleep(50_000) }
        if isAlive(pid) { kill(pid, SIGKILL) }
    }

    private static func readPID(_ path: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = pid_t(line.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        return pid
    }

    /// Alive and not a zombie: in a container without an init that reaps, a dead server can
    /// linger as a zombie that `kill(pid, 0)` still finds.
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Guards against a recycled pid: only a process whose command is postgres is signalled.
    private static func isPostgres(_ pid: pid_t) -> Bool {
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return false }
        return command.hasPrefix("postgres") || command.hasPrefix("postmaster")
    }
}

/// One test's database in the shared cluster.
struct TestDatabase: Sendable {
    let name: String
    let cluster: TestPostgres

    var uri: String { cluster.uri(database: name) }
    var canaryURI: String { cluster.canaryURI(database: name) }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(uri: uri)
    }
}

enum TestPostgresError: Error, CustomStringConvertible {
    case missingBinaries(searched: [String])
    case setup(String)
    case command(String, status: Int32, output: String)

    var description: String {
        switch self {
        case .missingBinaries(let searched):
            "PostgreSQL server binaries (initdb, pg_ctl) were not found in \(searched.joined(separator: ", ")); "
                + "the Supabase database tests need a real PostgreSQL: run 'make test', which installs the Debian package 'postgresql', "
                + "or 'apt-get install postgresql', or set OPSCTL_TEST_PG_BINDIR"
        case .setup(let reason):
            "the test PostgreSQL cluster could not be set up: \(reason)"
        case .command(let command, let status, let output):
            "'\(command)' exited with status \(status): \(output)"
        }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
/// module does not import, looked up by name; nil on an older C library.
private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

private let addCloseFrom: AddCloseFrom? = {
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return unsafeBitCast(symbol, to: AddCloseFrom.self)
}()

/// Runs the PostgreSQL tools, as the postgres user when we are root, from the cluster's
/// directory, with output in a file (not a pipe: the server inherits descriptors and would
/// keep a pipe open forever).
///
/// `posix_spawn` and a blocking `waitpid` rather than Foundation's `Process`: `pg_ctl`
/// leaves a daemon behind, and `Process.waitUntilExit` was seen to miss the exit of
/// `runuser` then, hanging the whole test process.
struct CommandRunner {
    let directory: String
    let asPostgres: Bool

    func run(_ executable: String, _ arguments: [String]) throws(TestPostgresError) {
        // `env --chdir` starts the tool in the cluster's directory, which the postgres user owns:
        // the tests' own directory may be closed to that user, and each tool would then print
        // "could not change directory ... Permission denied". (Swift's Glibc module does not
        // import posix_spawn_file_actions_addchdir_np.)
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] : [executable]
        let argv = ["/usr/bin/env", "--chdir=\(directory)"] + command + arguments
        let outputPath = directory + "/command-\(UUID().uuidString).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else is inherited: the server outlives the tool, and a pipe another test had
        // open at that moment (ssh-keygen's input, for one) never reached its end while the
        // server held a copy, so that test waited forever.
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw .setup("cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw .setup("cannot wait for \(argv[0]): \(String(cString: strerror(errno)))") }
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputPath)
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        let exitStatus = (status >> 8) & 0xff
        guard exited, exitStatus == 0 else {
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw .command(argv.joined(separator: " "), status: exited ? exitStatus : -(status & 0x7f), output: text + log)
        }
    }

    /// Writes a file the server will read; when running as root the file keeps its owner
    /// (postgres) because it is modified in place rather than replaced.
    func appendAsOwner(_ text: String, to path: String) throws(TestPostgresError) {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw .setup("cannot open \(path)") }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .setup("cannot write \(path): \(error)")
        }
    }

    func replaceAsOwner(_ text: String, at path: String) throws(TestPostgresError) {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw .setup("cannot open \(path)") }
        defer { try? handle.close() }
        do {
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .setup("cannot write \(path): \(error)")
        }
    }
}

/// A value behind a lock, for the few statics the harness shares across test threads.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.withLock { body(&value) }
    }
}

extension Data {
    fileprivate func writeOrThrow(to path: String) throws(TestPostgresError) {
        do {
            try write(to: URL(fileURLWithPath: path))
        } catch {
            throw .setup("cannot write \(path): \(error)")
        }
    }
}
