import CLibPQ
import Testing

@testable import OpsConnectors
@testable import OpsCore

/// libcurl and libpq are opened at run time (`SharedLibrary`): what a user sees when one is
/// missing or is not the library it claims to be.
struct SharedLibraryTests {
    @Test func theInstalledLibrariesLoadWithEveryFunctionOpsctlCalls() throws {
        let curl = try LibCurl.load().get()
        #expect(curl.api.easy_init != nil)
        let pq = try LibPQ.load()
        #expect(pq.connectdbParams != nil && pq.getisnull != nil)
    }

    @Test func aLibraryThatIsNotInstalledIsNamedWithItsPackage() {
        let error = SharedLibrary.open("libopsctl-absent.so.7", package: "libopsctl-absent7") { _ in nil }
        #expect(error?.library == "libopsctl-absent.so.7")
        // The dynamic loader's own words say what was wrong.
        #expect(error?.reason.contains("libopsctl-absent.so.7") == true)
        #expect(error?.diagnostic.message.hasPrefix("cannot load libopsctl-absent.so.7: ") == true)
        #expect(error?.diagnostic.hint == "install the Debian package libopsctl-absent7 (apt-get install libopsctl-absent7)")
    }

    @Test func aLibraryWithoutAFunctionOpsctlCallsIsRefusedNamingIt() {
        // zlib is a real library, but not libpq: the first function looked up is not there.
        let result = SharedLibrary.table("libz.so.1", package: "zlib1g", empty: opsctl_pq_api(), resolve: opsctl_pq_resolve)
        guard case .failure(let error) = result else {
            Issue.record("zlib was taken for libpq")
            return
        }
        #expect(error.reason == "it has no function PQconnectdbParams")
        #expect(error.diagnostic.message == "cannot load libz.so.1: it has no function PQconnectdbParams")
    }

    @Test func postgresCallersReportAnUnloadableLibpqAsOneSentenceWithTheFix() {
        let error = PostgresError.libraryUnavailable(
            SharedLibraryError(library: "libpq.so.5", package: "libpq5", reason: "file too short"))
        #expect(error.diagnostic.message == "cannot load libpq.so.5: file too short")
        #expect(error.diagnostic.hint == "install the Debian package libpq5 (apt-get install libpq5)")
    }
}
