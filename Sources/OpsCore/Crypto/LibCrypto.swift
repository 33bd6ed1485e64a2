internal import CCrypto

/// libcrypto's functions (`Sources/CCrypto/shim.h`), opened once per process (`SharedLibrary`):
/// before a command that hashes, authenticates, verifies or draws random bytes runs
/// (`CryptoLibrary`, called by the command layer), else at the first such call; `version`,
/// `help` and `validate` never open it. libcurl's TLS then finds the same library loaded.
struct LibCrypto: @unchecked Sendable {
    // Unchecked: a table of C function pointers, written once before it is shared and never after.
    let table: UnsafePointer<opsctl_crypto_api>

    /// The functions, called as `LibCrypto.load().api.EVP_Digest(…)`; a hot loop keeps the
    /// value rather than asking again.
    var api: opsctl_crypto_api { table.pointee }

    private static let loaded: Result<LibCrypto, SharedLibraryError> =
        SharedLibrary.table("libcrypto.so.3", package: "libssl3", empty: opsctl_crypto_api(), resolve: opsctl_crypto_resolve)
            .map(LibCrypto.init)

    /// The functions, or why libcrypto cannot be used.
    static func load() throws(CryptoError) -> LibCrypto {
        switch loaded {
        case .success(let library): return library
        case .failure(let error): throw CryptoError(.libraryUnavailable(error))
        }
    }
}

/// For a command about to hash: whether libcrypto opens, as the error to report if it does
/// not. Digests taken deep inside a plan's making have no way to fail but to stop the program
/// (a plan without its digest means nothing), so a command checks here first, where the
/// failure is still one sentence and a hint (`OpsctlEntrypoint`).
package enum CryptoLibrary {
    package static func openingError() -> CryptoError? {
        do {
            _ = try LibCrypto.load()
            return nil
        } catch {
            return error
        }
    }
}
