internal import CCurl
internal import CLibPQ
import Foundation
import Synchronization
import OpsCore

/// libcurl's functions (`Sources/CCurl/shim.h`), loaded once per process (`SharedLibrary`).
/// `plan` starts the load once its configuration's parse threads are running (`ConfigLoader`'s
/// `onceParsing`), so it overlaps the parse; begun before, `dlopen` holds the loader's lock that
/// creating those threads waits for. For the same reason `plan` makes the loading thread and the
/// threads its first requests run on before it reads the configuration (`prepare`). A transport
/// starts the load when it is made.
struct LibCurl: @unchecked Sendable {
    // Unchecked: a table of C function pointers, written once before it is shared and never after.
    let table: UnsafePointer<opsctl_curl_api>

    var api: opsctl_curl_api { table.pointee }

    private static let loaded: Result<LibCurl, SharedLibraryError> =
        SharedLibrary.table("libcurl.so.4", package: "libcurl4", empty: opsctl_curl_api(), resolve: opsctl_curl_resolve).map { table in
            // Once, before any handle exists: it is not safe beside other curl calls.
            _ = table.pointee.global_init(Int(CURL_GLOBAL_ALL))
            return LibCurl(table: table)
        }

    static func load() -> Result<LibCurl, SharedLibraryError> { loaded }

    /// Makes, before anything is loaded, the thread that will load libcurl and the `exchanges`
    /// waiting threads the first requests will run on, so that none of them is created once the
    /// load starts or after it: a thread created while `dlopen` runs waits for the load to end,
    /// and one created once the load is over starts behind the busy threads of the
    /// configuration's parse (docs/performance.md). The load itself starts at `preload`.
    static func prepare(exchanges: Int) {
        let prepares = afterLoading.withLock { state -> Bool in
            defer { state.prepared = true }
            return !state.prepared && !state.started
        }
        guard prepares else { return }
        let thread = Thread {
            WaitingThreads.shared.prestart(exchanges)
            startSignal.wait()
            loadAndRunJobs()
        }
        thread.name = "opsctl-libcurl"
        thread.start()
    }

    /// Starts loading on another thread (the one `prepare` made, if it did); the first real use
    /// waits for it if it is not done.
    static func preload() {
        let (starts, prepared) = afterLoading.withLock { state -> (Bool, Bool) in
            defer { state.started = true }
            return (!state.started, state.prepared)
        }
        guard starts else { return }
        if prepared {
            startSignal.signal()
        } else {
            DispatchQueue.global(qos: .userInitiated).async { loadAndRunJobs() }
        }
    }

    private static let startSignal = DispatchSemaphore(value: 0)

    private static func loadAndRunJobs() {
        _ = loaded
        // Jobs given while earlier ones run join the queue, so all run in the order given;
        // only once it is empty do later ones run at once on their callers' threads.
        while true {
            let jobs = afterLoading.withLock { state -> [@Sendable () -> Void] in
                if state.jobs.isEmpty { state.done = true }
                defer { state.jobs = [] }
                return state.jobs
            }
            if jobs.isEmpty { return }
            for job in jobs { job() }
        }
    }

    /// Runs `job` once the load `preload` starts is over (whether it succeeded or not), on the
    /// thread that loaded, after the jobs given before it, or now if all of those have run;
    /// starts the load if nothing has.
    static func whenLoaded(_ job: @escaping @Sendable () -> Void) {
        let now = afterLoading.withLock { state -> Bool in
            if state.done { return true }
            state.jobs.append(job)
            return false
        }
        if now { job() } else { preload() }
    }

    /// Whether the load `preload` started is over and the jobs given before it have run.
    static var isLoaded: Bool {
        afterLoading.withLock { $0.done }
    }

    /// Suspends the calling task, rather than blocking its thread, until the load is over. A
    /// task that asked for `load()` while another thread loads waited in the Swift runtime's
    /// once-lock, a priority-inheriting futex whose waiter spins in the kernel while the loader
    /// runs: it held one of the two cooperative threads and one processor beside the parse and
    /// the load for up to the load's length (docs/performance.md).
    static func loadedWithoutBlocking() async {
        guard !isLoaded else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            whenLoaded { continuation.resume() }
        }
    }

    private struct AfterLoading {
        var prepared = false
        var started = false
        var done = false
        var jobs: [@Sendable () -> Void] = []
    }

    private static let afterLoading = Mutex(AfterLoading())
}

/// libpq's functions (`Sources/CLibPQ/shim.h`), loaded once per process.
struct LibPQ: @unchecked Sendable {
    // Unchecked: a table of C function pointers, written once before it is shared and never after.
    private let table: UnsafePointer<opsctl_pq_api>

    var api: opsctl_pq_api { table.pointee }

    private static let loaded: Result<LibPQ, SharedLibraryError> =
        SharedLibrary.table("libpq.so.5", package: "libpq5", empty: opsctl_pq_api(), resolve: opsctl_pq_resolve).map(LibPQ.init)

    /// The functions, or why libpq cannot be used, as the error PostgreSQL callers report.
    static func load() throws(PostgresError) -> opsctl_pq_api {
        switch loaded {
        case .success(let library): return library.api
        case .failure(let error): throw .libraryUnavailable(error)
        }
    }

    /// Starts loading on a waiting thread: one `SharedLibraries.prepare` made if it did, so
    /// that no thread is created while libcurl loads beside it.
    static func preload() {
        WaitingThreads.shared.run { _ = loaded }
    }
}

/// What commands call as they start, for the libraries they are about to need.
package enum SharedLibraries {
    /// For a plan of `scopes`, before its configuration is read: the threads libcurl's load, the
    /// first requests and libpq's load will use (`LibCurl.prepare`): for the requests, as many
    /// as one connector's client sends at once (GitHub's eight, the most any sends) for each
    /// scope named, or for one.
    package static func prepare(forScopes scopes: [ServiceScope]?) {
        let httpScopes = scopes.map { $0.filter { $0 != .supabase }.count } ?? 1
        LibCurl.prepare(exchanges: 8 * max(1, httpScopes) + (needsLibPQ(scopes) ? 1 : 0))
    }

    private static func needsLibPQ(_ scopes: [ServiceScope]?) -> Bool {
        scopes?.contains(.supabase) ?? true
    }

    /// For a plan of `scopes` (nil: every scope declared): libcurl, which every connector but
    /// Supabase's schema reading and the pull-request comment use, and libpq when Supabase may be
    /// among them.
    package static func preload(forScopes scopes: [ServiceScope]?) {
        LibCurl.preload()
        if needsLibPQ(scopes) { LibPQ.preload() }
    }
}
