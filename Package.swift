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
        .library(name: "PollsterLive", targets: ["PollsterLive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
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
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(name: "PollsterLive", dependencies: ["CCurl", "PollsterCore"]),
        .executableTarget(
            name: "pollster",
            dependencies: [
                "PollsterCore", "PollsterSim", "PollsterReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "PollsterBench",
            dependencies: ["PollsterCore", "PollsterSim"],
            path: "Benchmarks/PollsterBench"
        ),
        .executableTarget(
            name: "TransportBench",
            dependencies: [
                "PollsterLive",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/TransportBench"
        ),
        .testTarget(name: "PollsterCoreTests", dependencies: ["PollsterCore"]),
        .testTarget(name: "PollsterSimTests", dependencies: ["PollsterSim", "PollsterCore"]),
        .testTarget(name: "PollsterReportTests", dependencies: ["PollsterReport", "PollsterCore", "PollsterSim"]),
        .testTarget(
            name: "PollsterLiveTests",
            dependencies: [
                "PollsterLive", "PollsterCore", "CCurl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
