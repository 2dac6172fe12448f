// swift-tools-version:5.9
// The Swift package of saifu: module `Saifu` (the uniffi bindings) over the binary target
// `SaifuFFI`, an XCFramework of libsaifu_ffi for iOS devices, the iOS simulator and macOS.
//
// Neither is committed (generated code never is): `scripts/build-swift` generates
// bindings-uniffi/swift/Sources/Saifu/Saifu.swift and builds
// bindings-uniffi/swift/SaifuFFI.xcframework, on macOS with Xcode. The machines that
// build saifu have no Swift toolchain: this file and the script are checked in CI on
// macOS (.github/workflows/swift.yml), not here. bindings-uniffi/swift/README.md.
import PackageDescription

let package = Package(
    name: "Saifu",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Saifu", targets: ["Saifu"]),
    ],
    targets: [
        .binaryTarget(
            name: "SaifuFFI",
            path: "bindings-uniffi/swift/SaifuFFI.xcframework"
        ),
        .target(
            name: "Saifu",
            dependencies: ["SaifuFFI"],
            path: "bindings-uniffi/swift/Sources/Saifu"
        ),
    ]
)
