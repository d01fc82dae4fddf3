/// The accounting every run must balance, checked at the end of every run (simulated and
/// live): each execution ends exactly once, each request is counted once by its status
/// class and once in the time series. A violation is a bug in pollster, never a property
/// of the API: the run says so and exits 70 after writing what it has.
public enum Conservation {
    /// One law a strategy's figures break: which, and the two sides that differ.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public var strategy: String
        public var law: String
        public var expected: Int
        public var found: Int

        public init(strategy: String, law: String, expected: Int, found: Int) {
            self.strategy = strategy
            self.law = law
            self.expected = expected
            self.found = found
        }

        public var description: String {
            "\(strategy): \(law): expected \(expected), found \(found)"
        }
    }

    /// Every law `result` breaks; empty when its figures add up.
    public static func violations(_ result: RunResult) -> [Violation] {
        result.strategies.flatMap { violations($0.metrics, strategy: $0.name, partial: result.partial) }
    }

    /// The laws for one strategy's metrics; `partial` allows executions cut off by a stop.
    public static func violations(_ m: StrategyMetrics, strategy: String, partial: Bool) -> [Violation] {
        var found: [Violation] = []
        func check(_ law: String, expected: Int, _ value: Int) {
            if expected != value { found.append(Violation(strategy: strategy, law: law, expected: expected, found: value)) }
        }
        check("executions = detected + abandoned + errored + stopped", expected: m.executions,
              m.detected + m.abandoned + m.errored + m.stopped)
        if !partial { check("stopped executions in a complete run", expected: 0, m.stopped) }
        check("executions = executions with a poll count", expected: m.executions, Int(m.pollsPerExecution.count))
        if let polls = exactSum(m.pollsPerExecution) {
            check("requests = the sum of polls over executions", expected: m.requests, polls)
        }
        check("requests = 200s + 429s + other 4xx + 5xx + transport errors", expected: m.requests,
              m.responses200 + m.responses429 + m.responsesOther4xx + m.responses5xx + m.transportErrors)
        let series = m.timeSeries
        check("requests = the time series' requests", expected: m.requests, series.requests.reduce(0, +))
        check("429s = the time series' 429s", expected: m.responses429, series.rateLimited.reduce(0, +))
        check("detected = the time series' detections", expected: m.detected, series.detections.reduce(0, +))
        for kind in FailureKind.allCases {
            check("\(kind.rawValue) failures = the time series' \(kind.rawValue) failures", expected: m.failures[kind],
                  series.failures[kind]?.reduce(0, +) ?? 0)
        }
        return found
    }

    /// The exact sum of the recorded values, when every one is below 2048 (where a
    /// histogram of three significant digits keeps values exactly); nil above.
    static func exactSum(_ histogram: MetricHistogram) -> Int? {
        guard histogram.max < 2048 else { return nil }
        return histogram.buckets.reduce(0) { $0 + Int($1.value) * Int($1.count) }
    }
}
