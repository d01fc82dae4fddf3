import PollsterCore

/// When a scenario's requests go out, from a quick simulation: the requests of every
/// strategy together (a live run against the embedded server runs them side by side),
/// counted in fine buckets of scenario time. It is what a live run will ask of this machine
/// at each moment, herds released by rate limits included.
public struct RequestDemand: Sendable, Equatable {
    /// Requests sent in each bucket.
    public var requests: [Int]
    /// Bucket width, nanoseconds of scenario time.
    public var bucket: Nanoseconds

    public init(requests: [Int], bucket: Nanoseconds) {
        self.requests = requests
        self.bucket = bucket
    }

    /// Simulates `scenario` (seed as given, one replication) with buckets of `bucket`
    /// (default: 1 ms, coarser for long scenarios so that a profile stays near 200,000
    /// buckets) and adds the strategies' requests up.
    public static func simulate(_ scenario: Scenario, bucket: Nanoseconds? = nil) async -> RequestDemand {
        var quick = scenario
        quick.mode = .simulate
        let width = bucket ?? defaultBucket(for: scenario)
        quick.report.bucket = width
        let result = await Simulator(scenario: quick).run()
        var requests: [Int] = []
        for strategy in result.strategies {
            let counts = strategy.metrics.timeSeries.requests
            if counts.count > requests.count { requests.append(contentsOf: repeatElement(0, count: counts.count - requests.count)) }
            for (index, count) in counts.enumerated() { requests[index] += count }
        }
        return RequestDemand(requests: requests, bucket: width)
    }

    /// 1 ms, or the whole milliseconds that keep the expected span of the run (arrivals plus
    /// the client's timeout) near 200,000 buckets.
    static func defaultBucket(for scenario: Scenario) -> Nanoseconds {
        let span = scenario.workload.arrival.expectedSpan(of: scenario.workload.executions) + scenario.client.timeout
        let milliseconds = Swift.max(1, (span / 200_000 + 999_999) / 1_000_000)
        return milliseconds * 1_000_000
    }
}
