import Glibc

/// libcurl, libpq and libcrypto, opened with `dlopen` the first time a command needs them
/// instead of by the dynamic loader at every start. libcurl and libpq bring in about thirty
/// libraries (Kerberos, LDAP, TLS, IDN, compression), which was a third of the start-up of
/// commands that never use them: `version`, `validate`, `receipts verify`; libcrypto's own
/// relocations were a fifth of what remained (docs/performance.md). The connectors say when
/// libcurl and libpq load (`SharedLibraries`); libcrypto loads before a command that hashes
/// runs (`LibCrypto`).
///
/// The functions opsctl calls are looked up once into a table declared in the library's shim
/// header, typed by the library's own prototypes; the table is never changed afterwards.
package enum SharedLibrary {
    /// Opens `soname` and fills the table through `resolve`, which returns the name of a
    /// function it did not find. Lazily bound, as the dynamic loader binds a linked library:
    /// `RTLD_NOW` would resolve every call of all thirty libraries up front, which took longer
    /// than the loading itself.
    package static func open(
        _ soname: String, package: String, resolve: (UnsafeMutableRawPointer) -> UnsafePointer<CChar>?
    ) -> SharedLibraryError? {
        guard let handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "the dynamic loader gave no reason"
            return SharedLibraryError(library: soname, package: package, reason: reason)
        }
        if let missing = resolve(handle) {
            // Left open: unloading a library whose initialisers ran is riskier than keeping it.
            return SharedLibraryError(library: soname, package: package, reason: "it has no function \(String(cString: missing))")
        }
        return nil
    }

    /// Opens `soname` and fills a table of its functions, which lives as long as the process;
    /// `resolve` is the shim header's function that fills one.
    package static func table<Table>(
        _ soname: String, package: String, empty: Table,
        resolve: (UnsafeMutableRawPointer, UnsafeMutablePointer<Table>) -> UnsafePointer<CChar>?
    ) -> Result<UnsafePointer<Table>, SharedLibraryError> {
        let table = UnsafeMutablePointer<Table>.allocate(capacity: 1)
        table.initialize(to: empty)
        if let error = open(soname, package: package, resolve: { resolve($0, table) }) {
            table.deallocate()
            return .failure(error)
        }
        return .success(UnsafePointer(table))
    }
}

/// Why a library opsctl opens at run time could not be used.
package struct SharedLibraryError: DiagnosticError, Hashable {
    package var library: String
    /// The Debian package that ships it.
    package var package: String
    /// The dynamic loader's words (a path and what was wrong with it), never a secret.
    package var reason: String

    package var message: String { "cannot load \(library): \(reason)" }
    package var hint: String { "install the Debian package \(package) (apt-get install \(package))" }
    package var diagnostic: Diagnostic { Diagnostic(message: message, hint: hint) }
}

