import PollsterLive
import PollsterLiveRunner
#if canImport(Glibc)
import Glibc
#endif

// TransportBench --serve
//     serves a constant execution-status body on 127.0.0.1 and prints the port.
// TransportBench --url URL [--connections 64] [--in-flight 64] [--seconds 10] [--threads 1] [--read-status] [--pool]
//     loads URL through CurlTransport and prints one line of key=value results; the client
//     tasks run on the transport's loop threads, or on the cooperative pool with --pool.
// TransportBench --calibrate [--threads N]
//     prints the requests per second this machine carries through the live engine's client
//     and the embedded server together (what `timeScale: auto` weighs demand against).
// Benchmarks/transport.sh runs both and wrk, and compares.

let arguments = Array(CommandLine.arguments.dropFirst())

func value(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func integer(_ name: String, default fallback: Int) -> Int {
    guard let text = value(name) else { return fallback }
    guard let number = Int(text), number > 0 else {
        fatalError("\(name) must be a positive integer, got '\(text)'")
    }
    return number
}

if arguments.contains("--serve") {
    try await BenchServer.run()
} else if arguments.contains("--calibrate") {
    var configuration = TransportConfiguration()
    if value("--threads") != nil { configuration.threads = integer("--threads", default: 1) }
    for _ in 0..<integer("--rounds", default: 3) {
        let capacity = try await CapacityCalibration.measure(transport: configuration)
        print("capacity=\(Int(capacity.rounded()))")
    }
} else {
    guard let url = value("--url") else {
        print("usage: TransportBench --serve | --url URL [--connections N] [--in-flight N] [--seconds N] [--threads N] [--read-status] [--pool]")
        exit(64)
    }
    var configuration = TransportConfiguration(
        maxConnections: integer("--connections", default: 64),
        threads: integer("--threads", default: TransportConfiguration.defaultThreads)
    )
    if let slack = value("--slack-us").flatMap(Int64.init) { configuration.timerSlack = .microseconds(slack) }
    let report = try await BenchClient.run(
        url: url, configuration: configuration, inFlight: integer("--in-flight", default: 64),
        duration: .seconds(integer("--seconds", default: 10)), readStatus: arguments.contains("--read-status"),
        onLoopThreads: !arguments.contains("--pool"),
        interval: value("--interval-ms").flatMap(Double.init).map { .microseconds(Int64($0 * 1000)) })
    print(
        "requests=\(report.succeeded) failures=\(report.failed)",
        "rps=\(Int(report.requestsPerSecond.rounded()))",
        "user=\(report.userSeconds) sys=\(report.systemSeconds)")
}
