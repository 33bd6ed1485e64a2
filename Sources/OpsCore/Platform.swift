// opsctl builds and ships for Linux only (Debian, GitHub Actions runners): its code imports
// Glibc directly, links Debian's libyaml and libcrypto and opens its libcurl and libpq by soname,
// with no Darwin alternates. Saying so once, here, is cheaper than a half-kept second platform.
#if !os(Linux)
    #error("opsctl builds on Linux only (Debian or a GitHub Actions Linux runner); see docs/architecture.md, Targets")
#endif
