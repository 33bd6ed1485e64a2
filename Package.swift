// swift-tools-version:6.0
import PackageDescription

// No `.package(` dependencies: Foundation, the toolchain and Debian's C libraries only.
// Linux only (Debian, GitHub Actions runners): `platforms` names Apple systems alone, so the
// rule is an `#error` in Sources/OpsCore/Platform.swift.
// Release builds reach generic types' metadata through accessor calls that are handed the
// conformances the compiler already knows, instead of by mangled name: from a mangled name the
// runtime looks each conformance up again, and the first look-up of each one scans every
// conformance record in the binary (about 6,600, two fifths of them Foundation's). A plan paid
// some 6 M instructions for those scans, mostly on its critical path (docs/performance.md).
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

// The command layer's asynchronous functions run where they are called (Swift 6.2's
// `nonisolated(nonsending)` by default): a command starts on the main thread, where `main`
// already runs, rather than hopping to the concurrency runtime's threads, which the runtime had
// to make first (about 1 ms of `opsctl version`; docs/performance.md). `plan` and `apply` opt
// out (`@concurrent`), and the work commands hand to OpsCore and the connectors, and their
// child tasks, still run on those threads. The tests are compiled the same way: the setting is
// part of the functions' types.
let runsOnItsCaller = SwiftSetting.enableUpcomingFeature("NonisolatedNonsendingByDefault")

let package = Package(
    name: "opsctl",
    products: [
        // One product: the targets below are one program's parts, and share code as `package`.
        .executable(name: "opsctl", targets: ["opsctl"]),
    ],
    targets: [
        .systemLibrary(name: "CYaml", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Headers only: libcrypto, libpq and libcurl are opened with dlopen when first needed, so
        // commands that never use them do not load them and their dependencies at start-up
        // (Sources/OpsCore/SharedLibrary.swift).
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The executable's allocator settings, made by a C constructor before the first
        // allocation (Sources/CAllocatorTuning/allocator_tuning.c).
        .target(name: "CAllocatorTuning"),
        // The executable's arguments, kept by a C constructor for the Swift runtime instead of
        // found through /proc/self/maps at every start (Sources/CProcessArguments/process_arguments.c).
        .target(name: "CProcessArguments"),

        .target(name: "OpsCore", dependencies: ["CYaml", "CCrypto", "CZlib"], swiftSettings: releaseSettings),
        .target(name: "OpsConnectors", dependencies: ["OpsCore", "CLibPQ", "CCurl"], swiftSettings: releaseSettings),
        .target(name: "OpsRender", dependencies: ["OpsCore"], swiftSettings: releaseSettings),
        .target(name: "OpsSandbox", dependencies: ["OpsCore"], swiftSettings: releaseSettings),
        .target(
            name: "OpsCLI", dependencies: ["OpsCore", "OpsConnectors", "OpsRender", "OpsSandbox"],
            swiftSettings: releaseSettings + [runsOnItsCaller]),
        .executableTarget(name: "opsctl", dependencies: ["OpsCLI", "CAllocatorTuning", "CProcessArguments"], swiftSettings: releaseSettings),

        // A scripted connector beside the protocol, for planner and applier tests without HTTP.
        .target(name: "OpsTesting", dependencies: ["OpsCore"], path: "Tests/Support/OpsTesting"),

        // Appends receipts from a separate process, so tests can race several writers on one log
// (the file or PostgreSQL), and holds the apply lock for tests that kill its holder.
        .executableTarget(
            name: "opsctl-test-appender",
            dependencies: ["OpsCore", "OpsConnectors"],
            path: "Tests/Support/ReceiptAppender"
        ),

        .testTarget(name: "OpsCoreTests", dependencies: ["OpsCore", "OpsTesting"]),
        // The receipts-store suites race `opsctl-test-appender` processes and run `opsctl` itself
        // against the test PostgreSQL this target starts.
        .testTarget(
            name: "OpsConnectorsTests", dependencies: ["OpsConnectors", "OpsSandbox", "OpsCore", "opsctl", "opsctl-test-appender"]),
        // Snapshot files are read from the source tree by path, not bundled as resources.
        .testTarget(name: "OpsRenderTests", dependencies: ["OpsRender", "OpsCore", "OpsTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "OpsSandboxTests", dependencies: ["OpsSandbox", "OpsCore"]),
        .testTarget(
            name: "OpsCLITests", dependencies: ["OpsCLI", "OpsCore", "OpsConnectors", "OpsSandbox", "OpsTesting"],
            swiftSettings: [runsOnItsCaller]),
        // Runs the built binary; starts the sandbox in-process so tests can seed and inspect it.
        .testTarget(name: "EndToEndTests", dependencies: ["opsctl", "opsctl-test-appender", "OpsSandbox", "OpsCore"]),
    ]
)

// Fuzz targets for libFuzzer (`make fuzz`, see Fuzz/README.md). They exist only when
// OPSCTL_FUZZ is set, which `make fuzz` does for its own scratch path (.build-fuzz), so a
// normal `swift build` or `swift test` neither compiles them nor needs the fuzzer runtime,
// and the release binary is untouched. They reach internal parsers with `@testable import`,
// which needs the debug configuration's `-enable-testing`.
if Context.environment["OPSCTL_FUZZ"] != nil {
    let fuzzTargets = [
        "opsctl-fuzz-config", "opsctl-fuzz-plan-file", "opsctl-fuzz-receipt-line",
        "opsctl-fuzz-receipt-chain", "opsctl-fuzz-json", "opsctl-fuzz-http-request", "opsctl-fuzz-sshsig",
    ]
    package.targets.append(
        .target(name: "OpsFuzzTargets", dependencies: ["OpsCore", "OpsRender", "OpsSandbox"], path: "Fuzz/Targets"))
    for name in fuzzTargets {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["OpsFuzzTargets"], path: "Fuzz/Executables/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
