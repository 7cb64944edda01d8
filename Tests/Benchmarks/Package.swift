// swift-tools-version:6.1
// Benchmarks for qpyconv against real Qiskit. A separate package, so the main package never
// builds them. Everything (build, input generation, Qiskit timings, report) is driven by
// ./run.sh, which `make bench` runs; see README.md here.
//
// QPYConvBenchmarks is a plain harness (no benchmark framework): in-process timings of
// Converter.read / Converter.write per stage, medians of N runs, written as JSON.
import PackageDescription

let package = Package(
    name: "QPYConvBenchmarks",
    dependencies: [.package(name: "qpyconv", path: "../..")],
    targets: [
        .executableTarget(
            name: "QPYConvBenchmarks",
            dependencies: [.product(name: "QPYConv", package: "qpyconv")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
