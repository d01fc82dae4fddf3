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
        .library(name: "PollsterPlan", targets: ["PollsterPlan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "PollsterCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "PollsterSim", dependencies: ["PollsterCore"]),
        .target(name: "PollsterReport", dependencies: ["PollsterCore"]),
        .target(
            name: "PollsterPlan",
            dependencies: ["PollsterCore", "PollsterSim", "PollsterReport", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "pollster",
            dependencies: [
                "PollsterCore", "PollsterSim", "PollsterReport", "PollsterPlan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .testTarget(name: "PollsterPlanTests", dependencies: ["PollsterPlan", "PollsterCore", "PollsterSim"]),
    ],
    swiftLanguageModes: [.v6]
)
