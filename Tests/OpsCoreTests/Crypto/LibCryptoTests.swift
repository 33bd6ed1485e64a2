import CCrypto
import Testing

@testable import OpsCore

/// libcrypto is opened at the first hash (`LibCrypto`), not linked: the installed library has
/// every function opsctl calls, and a library that is not libcrypto, or none, is reported as
/// one sentence with the package to install.
struct LibCryptoTests {
    @Test func theInstalledLibraryLoadsWithEveryFunctionOpsctlCalls() throws {
        let crypto = try LibCrypto.load()
        #expect(crypto.api.EVP_Digest != nil && crypto.api.i2d_ECDSA_SIG != nil)
        // A known answer through the loaded table: SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        #expect(try SHA256.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // SHA-1 of "abc" (FIPS 180-2, appendix A.1), as the sandbox names git objects.
        #expect(Hex.encode(try MessageDigest.hash(Array("abc".utf8), with: .sha1)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func aLibraryWithoutAFunctionOpsctlCallsIsRefusedNamingIt() {
        let result = SharedLibrary.table("libz.so.1", package: "zlib1g", empty: opsctl_crypto_api(), resolve: opsctl_crypto_resolve)
        guard case .failure(let error) = result else {
            Issue.record("zlib was taken for libcrypto")
            return
        }
        #expect(error.diagnostic.message == "cannot load libz.so.1: it has no function EVP_MD_fetch")
    }

    @Test func anUnloadableLibcryptoIsOneSentenceWithTheFix() {
        let error = CryptoError(.libraryUnavailable(
            SharedLibraryError(library: "libcrypto.so.3", package: "libssl3", reason: "cannot open shared object file: No such file or directory")))
        #expect(error.diagnostic.message == "cannot load libcrypto.so.3: cannot open shared object file: No such file or directory")
        #expect(error.diagnostic.hint == "install the Debian package libssl3 (apt-get install libssl3)")
    }
}
