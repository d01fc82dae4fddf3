// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "pollster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pollster", targets: ["pollster"]),
        .library(name: "PollsterCore", targets: ["PollsterCore"]),
        .library(name: "PollsterSim", targets: ["PollsterSim"]),
        .library(name: "PollsterCharts", targets: ["PollsterCharts"]),
        .library(name: "PollsterReport", targets: ["PollsterReport"]),
        .library(name: "PollsterLive", targets: ["PollsterLive"]),
        .library(name: "PollsterLiveRunner", targets: ["PollsterLiveRunner"]),
        .library(name: "MockServer", targets: ["MockServer"]),
        .library(name: "PollsterPlan", targets: ["PollsterPlan"]),
        .library(name: "PollsterProbe", targets: ["PollsterProbe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // zlib, for HdrHistogram's compressed V2 encoding of histograms in results.json.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The domain: scenarios, strategies, rate limiters, workload, metrics. No I/O.
        .target(
            name: "PollsterCore",
            dependencies: [
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // The discrete-event simulator (virtual time).
        .target(name: "PollsterSim", dependencies: ["PollsterCore", "CPrefetch"]),
        // A cache prefetch hint for the simulator's event loop (Swift has none).
        .target(name: "CPrefetch"),
        // The one chart module: SVG charts (line, scatter, bar, percentile, heatmap), their
        // stylesheet and legend script, for report.html and the planning pages alike.
        .target(name: "PollsterCharts", dependencies: ["PollsterCore"]),
        // Writers: they read only RunResult.
        .target(
            name: "PollsterReport",
            dependencies: ["PollsterCore", "PollsterCharts", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Planning answers over the simulator: sweep, tune, capacity.
        .target(
            name: "PollsterPlan",
            dependencies: [
                "PollsterCore", "PollsterSim", "PollsterCharts", "PollsterReport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // C shim over libcurl (Debian's libcurl4-openssl-dev).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // C shim over epoll and eventfd, which the loop threads of the transport wait on.
        .target(name: "CEventPoll"),
        // The HTTP transport (libcurl multi) and the live engine, against any target.
        .target(
            name: "PollsterLive",
            dependencies: ["CCurl", "CEventPoll", "PollsterCore", .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        // A scenario run live: each strategy against its own embedded server (MockServer)
        // or against a real API, with the warm-up and the machine's capacity measurement.
        .target(
            name: "PollsterLiveRunner",
            dependencies: [
                "PollsterCore", "PollsterLive", "MockServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The embedded execution API (Hummingbird 2).
        .target(
            name: "MockServer",
            dependencies: [
                "PollsterCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Probing a live API's rate-limit policy: header readings, the probe's plan over the
        // live transport, and the inference of the limiter from the recorded timeline.
        .target(name: "PollsterProbe", dependencies: ["PollsterCore", "PollsterLive"]),
        // The command-line interface: parses, configures, calls the libraries, prints.
        .executableTarget(
            name: "pollster",
            dependencies: [
                "PollsterCore", "PollsterSim", "PollsterReport", "PollsterLive", "PollsterLiveRunner", "MockServer", "PollsterPlan", "PollsterProbe",
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
        .executableTarget(
            name: "TransportBench",
            dependencies: [
                "PollsterLive", "PollsterLiveRunner",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/TransportBench"
        ),
        .testTarget(name: "PollsterCoreTests", dependencies: ["PollsterCore"]),
        .testTarget(name: "PollsterSimTests", dependencies: ["PollsterSim", "PollsterCore", "PollsterReport"]),
        .testTarget(
            name: "PollsterReportTests",
            dependencies: ["PollsterReport", "PollsterCharts", "PollsterCore", "PollsterSim"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PollsterLiveTests",
            dependencies: [
                "PollsterLive", "PollsterLiveRunner", "PollsterCore", "CCurl", "MockServer", "PollsterSim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PollsterCLITests", dependencies: ["pollster"]),
        .testTarget(
            name: "PollsterProbeTests",
            dependencies: [
                "PollsterProbe", "PollsterCore", "PollsterLive", "MockServer",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PollsterPlanTests", dependencies: ["PollsterPlan", "PollsterCharts", "PollsterReport", "PollsterCore", "PollsterSim"]),
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
