// opsctl builds and ships for Linux only (Debian, GitHub Actions runners): its code imports
// Glibc and FoundationNetworking directly and links Debian's libyaml, libcrypto and libpq,
// with no Darwin alternates. Saying so once, here, is cheaper than a half-kept second platform.
#if !os(Linux)
    #error("opsctl builds on Linux only (Debian or a GitHub Actions Linux runner); see docs/architecture.md, Targets")
#endif
