// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode with explicit `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "qpyconv",
    products: [
        .library(name: "QPYConv", targets: ["QPYConv"]),
        .executable(name: "qpyconv", targets: ["qpyconv"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System zlib (Debian: zlib1g-dev), wrapped behind an internal module.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Locations (byte offsets, element paths, line:column) and their rendering.
        .target(name: "QPYDiagnostics", swiftSettings: strictSettings),
        // The symbolic-expression tree and its four codecs (srepr, symengine, replay, infix).
        .target(
            name: "QPYExpression",
            dependencies: [
                "QPYDiagnostics",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        // The canonical intermediate representation: value types, no I/O.
        .target(
            name: "QPYModel",
            dependencies: ["QPYExpression", "QPYDiagnostics", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: strictSettings
        ),
        // QPY binary codec.
        .target(name: "QPYBinary", dependencies: ["QPYModel", "CZlib"], swiftSettings: strictSettings),
        // JSON codec.
        .target(name: "QPYJSON", dependencies: ["QPYModel", "QPYDiagnostics"], swiftSettings: strictSettings),
        // YAML codec: the JSON document model through Yams (libyaml).
        .target(
            name: "QPYYAML",
            dependencies: ["QPYModel", "QPYJSON", "QPYDiagnostics", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // The .qpyasm pulse assembly text codec.
        .target(name: "QPYText", dependencies: ["QPYModel", "QPYDiagnostics"], swiftSettings: strictSettings),
        // Pulse-schedule pictures (SVG), like Qiskit's pulse drawer.
        .target(
            name: "QPYDraw",
            dependencies: ["QPYModel", "QPYExpression", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: strictSettings
        ),
        // Umbrella: format detection and whole-file conversion.
        .target(
            name: "QPYConv",
            dependencies: ["QPYModel", "QPYBinary", "QPYJSON", "QPYYAML", "QPYText"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "qpyconv",
            dependencies: [
                "QPYConv",
                "QPYDraw",
                "QPYExpression",
                "QPYDiagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "QPYExpressionTests",
            dependencies: [
                "QPYExpression",
                "QPYTestSupport",
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        // Fixture paths and the known-corrupt list, shared by the test targets.
        .target(name: "QPYTestSupport", path: "Tests/QPYTestSupport", swiftSettings: strictSettings),
        .testTarget(
            name: "QPYConvTests",
            dependencies: ["QPYConv", "QPYTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "QPYTextTests",
            dependencies: ["QPYText", "QPYConv", "QPYTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "QPYDrawTests",
            dependencies: ["QPYDraw", "QPYConv", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["qpyconv"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
