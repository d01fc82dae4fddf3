/// Everything measured for one strategy in one run (or merged over replications and runs).
/// Times in histograms are microseconds of scenario time.
public struct StrategyMetrics: Sendable, Codable, Equatable {
    /// Executions submitted.
    public var executions: Int = 0
    /// Executions whose terminal status a client saw.
    public var detected: Int = 0
    /// Executions the client gave up on (timeout).
    public var abandoned: Int = 0
    /// Executions ended by a 401, 403 or 404.
    public var errored: Int = 0
    /// Executions cut off by a stop (Ctrl-C, a cap, a deadline) while still polling; 0 in a
    /// complete run. Every execution ends exactly one of these four ways (see ``Conservation``).
    public var stopped: Int = 0

    /// Requests sent, and by status class.
    public var requests: Int = 0
    public var responses200: Int = 0
    public var responses429: Int = 0
    public var responsesOther4xx: Int = 0
    public var responses5xx: Int = 0
    public var transportErrors: Int = 0
    /// Failed requests by kind: transport errors, 5xx, other 4xx and 2xx bodies that are not
    /// an execution (those are also counted in ``responses200``).
    public var failures = FailureCounts()

    /// Polls per execution (every execution, detected or not).
    public var pollsPerExecution = MetricHistogram()
    /// r_detect - f_e, for detected executions.
    public var detectionLag = MetricHistogram()
    /// r_detect - c_e, for detected executions.
    public var timeToOutcome = MetricHistogram()
    /// Response latency from the actual send.
    public var latency = MetricHistogram()
    /// Live runs: latency from the intended send time (free of coordinated omission).
    public var latencyFromIntended = MetricHistogram()

    public var timeSeries: TimeSeries

    /// Live runs only: send lateness, waits in pollster's client and embedded server, and
    /// whether the run was saturated; nil for simulations.
    public var live: LiveMeasurements?

    public init(bucket: Nanoseconds = Time.seconds(1)) {
        timeSeries = TimeSeries(bucket: bucket)
    }

    /// Empty metrics whose histograms are allocated in full (see ``MetricHistogram/presized(upTo:)``).
    public static func presized(bucket: Nanoseconds) -> StrategyMetrics {
        var metrics = StrategyMetrics(bucket: bucket)
        metrics.pollsPerExecution = .presized(upTo: 1 << 20)
        metrics.detectionLag = .presized()
        metrics.timeToOutcome = .presized()
        metrics.latency = .presized()
        metrics.latencyFromIntended = .presized()
        return metrics
    }

    /// Requests that failed, of every kind (see ``failures``).
    public var failedRequests: Int { failures.total }

    /// 429s per request (0 without requests).
    public var rate429: Double { requests == 0 ? 0 : Double(responses429) / Double(requests) }

    /// Mean polls per execution, exact.
    public var meanPollsPerExecution: Double { executions == 0 ? 0 : Double(requests) / Double(executions) }

    /// Adds another run's measurements of the same strategy.
    public mutating func add(_ other: StrategyMetrics) {
        executions += other.executions
        detected += other.detected
        abandoned += other.abandoned
        errored += other.errored
        stopped += other.stopped
        requests += other.requests
        responses200 += other.responses200
        responses429 += other.responses429
        responsesOther4xx += other.responsesOther4xx
        responses5xx += other.responses5xx
        transportErrors += other.transportErrors
        failures.add(other.failures)
        pollsPerExecution.add(other.pollsPerExecution)
        detectionLag.add(other.detectionLag)
        timeToOutcome.add(other.timeToOutcome)
        latency.add(other.latency)
        latencyFromIntended.add(other.latencyFromIntended)
        timeSeries.add(other.timeSeries)
        if let measured = other.live {
            if live == nil { live = measured } else { live!.add(measured) }
        }
    }

    /// The canonical form: what encoding then decoding gives (see ``MetricHistogram``).
    public var canonical: StrategyMetrics {
        var copy = self
        copy.pollsPerExecution = pollsPerExecution.canonical
        copy.detectionLag = detectionLag.canonical
        copy.timeToOutcome = timeToOutcome.canonical
        copy.latency = latency.canonical
        copy.latencyFromIntended = latencyFromIntended.canonical
        copy.live = live?.canonical
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case executions, detected, abandoned, errored, stopped, requests, responses200, responses429, responsesOther4xx
        case responses5xx, transportErrors, failures, pollsPerExecution, detectionLag, timeToOutcome, latency
        case latencyFromIntended, timeSeries, live
    }

    /// Decodes results.json; `failures` and `live` are absent from files of format version 1,
    /// `stopped` from files written before it existed (then it is what the other endings
    /// leave unaccounted).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        executions = try c.decodeCount(forKey: .executions)
        detected = try c.decodeCount(forKey: .detected)
        abandoned = try c.decodeCount(forKey: .abandoned)
        errored = try c.decodeCount(forKey: .errored)
        stopped = try c.contains(.stopped) ? c.decodeCount(forKey: .stopped) : Swift.max(0, executions - detected - abandoned - errored)
        requests = try c.decodeCount(forKey: .requests)
        responses200 = try c.decodeCount(forKey: .responses200)
        responses429 = try c.decodeCount(forKey: .responses429)
        responsesOther4xx = try c.decodeCount(forKey: .responsesOther4xx)
        responses5xx = try c.decodeCount(forKey: .responses5xx)
        transportErrors = try c.decodeCount(forKey: .transportErrors)
        failures = try c.decodeIfPresent(FailureCounts.self, forKey: .failures) ?? FailureCounts()
        pollsPerExecution = try c.decode(MetricHistogram.self, forKey: .pollsPerExecution)
        detectionLag = try c.decode(MetricHistogram.self, forKey: .detectionLag)
        timeToOutcome = try c.decode(MetricHistogram.self, forKey: .timeToOutcome)
        latency = try c.decode(MetricHistogram.self, forKey: .latency)
        latencyFromIntended = try c.decode(MetricHistogram.self, forKey: .latencyFromIntended)
        timeSeries = try c.decode(TimeSeries.self, forKey: .timeSeries)
        live = try c.decodeIfPresent(LiveMeasurements.self, forKey: .live)
    }
}
