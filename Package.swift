// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "pollster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pollster", targets: ["pollster"]),
        .library(name: "PollsterCore", targets: ["PollsterCore"]),
        .library(name: "PollsterSim", targets: ["PollsterSim"]),
        .library(name: "PollsterReport", targets: ["PollsterReport"]),
        .library(name: "MockServer", targets: ["MockServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .target(
            name: "PollsterCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "PollsterSim",
            dependencies: [
                "PollsterCore",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "PollsterReport", dependencies: ["PollsterCore"]),
        .target(
            name: "MockServer",
            dependencies: [
                "PollsterCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "pollster",
            dependencies: [
                "PollsterCore", "PollsterSim", "PollsterReport", "MockServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "PollsterBench",
            dependencies: ["PollsterCore", "PollsterSim"],
            path: "Benchmarks/PollsterBench"
        ),
        .testTarget(name: "PollsterCoreTests", dependencies: ["PollsterCore"]),
        .testTarget(name: "PollsterSimTests", dependencies: ["PollsterSim", "PollsterCore"]),
        .testTarget(name: "PollsterReportTests", dependencies: ["PollsterReport", "PollsterCore", "PollsterSim"]),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "MockServer", "PollsterCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
