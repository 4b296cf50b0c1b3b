// swift-tools-version:5.9
// The Swift package of agora-token, at the repository root because SwiftPM resolves a package
// from a git URL only through a root Package.swift and the version tags (v0.1.0 -> 0.1.0).
//
//   .package(url: "https://github.com/agora-token-rs/agora-token", from: "0.1.0")
//
// The Rust library comes as a binary target: the release's AgoraTokenFFI.xcframework.zip, whose
// checksum the `swift-xcframework` workflow writes below before the tag is made (RELEASING.md).
// While `xcframeworkChecksum` is empty (no release yet, or a source checkout), the package uses
// the XCFramework that bindings/uniffi/swift/build-xcframework.sh builds locally on a Mac.
//
// NOT TESTED HERE: no Swift toolchain, Xcode or macOS is reachable from the project's machines.
// scripts/test-release.sh only checks that `version` below equals Cargo's; scripts/test-uniffi.sh
// checks the generated Swift sources and their C ABI.
import PackageDescription

let version = "0.1.0"
let xcframeworkChecksum = ""

let ffi: Target = xcframeworkChecksum.isEmpty
    ? .binaryTarget(
        name: "AgoraTokenFFI",
        path: "bindings/uniffi/swift/AgoraTokenFFI.xcframework")
    : .binaryTarget(
        name: "AgoraTokenFFI",
        url: "https://github.com/agora-token-rs/agora-token/releases/download/v\(version)/AgoraTokenFFI.xcframework.zip",
        checksum: xcframeworkChecksum)

let package = Package(
    name: "AgoraToken",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "AgoraToken", targets: ["AgoraToken"]),
    ],
    targets: [
        ffi,
        // The generated Swift API (committed; checked for drift by scripts/test-uniffi.sh).
        .target(name: "AgoraToken", dependencies: ["AgoraTokenFFI"], path: "bindings/uniffi/swift/Sources/AgoraToken"),
    ]
)
