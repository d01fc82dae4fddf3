import PollsterLive
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a fixed number of requests in flight through ``CurlTransport`` for a fixed time.
///
/// Each in-flight slot is a child task that sends its next request as soon as the last one
/// is answered; with `onLoopThreads` the tasks prefer the transport's loop executors.
enum BenchClient {
    struct Report {
        var succeeded: Int
        var failed: Int
        var elapsed: Duration
        var userSeconds: Double
        var systemSeconds: Double

        var requestsPerSecond: Double {
            Double(succeeded) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }

    static func run(
        url: String, configuration: TransportConfiguration, inFlight: Int, duration: Duration, readStatus: Bool,
        onLoopThreads: Bool, interval: Duration? = nil
    ) async throws -> Report {
        let clock = ContinuousClock()
        let usageBefore = cpuSeconds()
        let start = clock.now
        let deadline = start + duration
        let (succeeded, failed) = try await withCurlTransport(configuration: configuration) { transport in
            await withTaskGroup(of: (Int, Int).self, returning: (Int, Int).self) { group in
                let executors = transport.taskExecutors
                for slot in 0..<inFlight {
                    group.addTask(executorPreference: onLoopThreads ? executors[slot % executors.count] : nil) {
                        let request = HTTPRequest(url: url)
                        var succeeded = 0
                        var failed = 0
                        var next = start + (interval.map { $0 * (Double(slot) / Double(inFlight)) } ?? .zero)
                        while clock.now < deadline {
                            if let interval {
                                try? await transport.sleep(until: next)
                                next = next + interval
                            }
                            switch await transport.send(request) {
                            case .success(let response) where response.status == 200:
                                if readStatus, ExecutionStatusReader.read(response.body) == nil {
                                    failed += 1
                                } else {
                                    succeeded += 1
                                }
                            default:
                                failed += 1
                            }
                        }
                        return (succeeded, failed)
                    }
                }
                return await group.reduce(into: (0, 0)) { total, part in
                    total.0 += part.0
                    total.1 += part.1
                }
            }
        }
        let elapsed = clock.now - start
        let usageAfter = cpuSeconds()
        return Report(
            succeeded: succeeded, failed: failed, elapsed: elapsed,
            userSeconds: usageAfter.user - usageBefore.user, systemSeconds: usageAfter.system - usageBefore.system)
    }

    /// User and system CPU seconds of this process so far.
    private static func cpuSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
