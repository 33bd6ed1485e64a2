// swift-tools-version:6.0
import PackageDescription

// No `.package(` dependencies: Foundation, the toolchain and Debian's C libraries only.
let package = Package(
    name: "opsctl",
    products: [
        .executable(name: "opsctl", targets: ["opsctl"]),
        .library(name: "OpsCore", targets: ["OpsCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CYaml",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "OpsCore", dependencies: ["CYaml", "CCrypto"]),
        .target(name: "OpsRender", dependencies: ["OpsCore"]),
        .target(name: "OpsCLI", dependencies: ["OpsCore", "OpsRender"]),
        .executableTarget(name: "opsctl", dependencies: ["OpsCLI"]),
        .testTarget(name: "OpsCoreTests", dependencies: ["OpsCore"]),
        .testTarget(name: "OpsRenderTests", dependencies: ["OpsRender", "OpsCore"]),
        .testTarget(name: "OpsCLITests", dependencies: ["OpsCLI", "OpsCore"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
