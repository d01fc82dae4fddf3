import PollsterCore
import Prometheus
import Synchronization

/// A live run's figures as OpenMetrics (swift-prometheus), for Prometheus and Grafana to
/// watch a long run: per strategy, requests by status class, executions started, ended (by
/// how) and in flight, and latency and detection-lag histograms. Each execution's counts
/// are added when its polling loop ends, so the counters trail the run by the executions
/// still polling and end equal to summary.csv.
public final class LiveMetricsExporter: Sendable {
    public let registry = PrometheusCollectorRegistry()

    final class Collectors: Sendable {
        let requests: [String: Counter]
        let started: Counter
        let ended: [String: Counter]
        let inFlight: Gauge
        let latency: DurationHistogram
        let lag: DurationHistogram
        let active = Atomic<Int>(0)

        init(requests: [String: Counter], started: Counter, ended: [String: Counter], inFlight: Gauge, latency: DurationHistogram,
             lag: DurationHistogram) {
            self.requests = requests
            self.started = started
            self.ended = ended
            self.inFlight = inFlight
            self.latency = latency
            self.lag = lag
        }
    }

    private let collectors: [String: Collectors]

    /// The request classes of `pollster_requests_total`.
    public static let classes = ["2xx", "429", "4xx", "5xx", "transport"]
    /// How an execution's loop ended (`pollster_executions_ended_total`).
    public static let endings = ["detected", "abandoned", "errored", "stopped"]
    static let latencyBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                             .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
    static let lagBuckets: [Duration] = [.milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
                                         .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600)]

    /// Collectors for each of `strategies`, all at zero.
    public init(strategies: [String]) {
        var collectors: [String: Collectors] = [:]
        for name in strategies {
            let labels = [("strategy", name)]
            func descriptor(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
                MetricNameDescriptor(namespace: "pollster", metricName: metric, unitName: unit, helpText: help)
            }
            var requests: [String: Counter] = [:]
            for kind in Self.classes {
                requests[kind] = registry.makeCounter(
                    descriptor: descriptor("requests", "total", "Polls sent, by status class (429: rejections, whatever their status)"),
                    labels: labels + [("class", kind)])
            }
            var ended: [String: Counter] = [:]
            for end in Self.endings {
                ended[end] = registry.makeCounter(descriptor: descriptor("executions_ended", "total", "Executions whose polling loop ended, by how"),
                                                  labels: labels + [("end", end)])
            }
            collectors[name] = Collectors(
                requests: requests,
                started: registry.makeCounter(descriptor: descriptor("executions_started", "total", "Executions created and being polled"), labels: labels),
                ended: ended,
                inFlight: registry.makeGauge(descriptor: descriptor("executions_in_flight", "count", "Executions being polled now"), labels: labels),
                latency: registry.makeDurationHistogram(descriptor: descriptor("request_latency", "seconds", "Poll latency from the actual send"),
                                                        labels: labels, buckets: Self.latencyBuckets),
                lag: registry.makeDurationHistogram(descriptor: descriptor("detection_lag", "seconds", "Detection lag, scenario time"),
                                                    labels: labels, buckets: Self.lagBuckets))
        }
        self.collectors = collectors
    }

    /// An execution of `strategy` started polling.
    func executionStarted(_ strategy: String) {
        guard let c = collectors[strategy] else { return }
        c.started.increment()
        c.inFlight.set(Int64(c.active.add(1, ordering: .relaxed).newValue))
    }

    /// An execution of `strategy` ended: its polls and its ending.
    func executionEnded(_ strategy: String, trace: ExecutionTrace) {
        guard let c = collectors[strategy] else { return }
        c.requests["2xx"]?.increment(by: Int64(trace.responses200))
        c.requests["429"]?.increment(by: Int64(trace.responses429))
        c.requests["4xx"]?.increment(by: Int64(trace.responsesOther4xx))
        c.requests["5xx"]?.increment(by: Int64(trace.responses5xx))
        c.requests["transport"]?.increment(by: Int64(trace.transportErrors))
        for poll in trace.log { c.latency.recordNanoseconds(Int64(poll.latency) * 1000) }
        switch trace.ending {
        case .detected(let at, let lag):
            c.ended["detected"]?.increment()
            if let lag { c.lag.recordNanoseconds(Swift.max(0, lag)) } else { _ = at }
        case .abandoned: c.ended["abandoned"]?.increment()
        case .errored: c.ended["errored"]?.increment()
        case .stopped: c.ended["stopped"]?.increment()
        }
        c.inFlight.set(Int64(c.active.subtract(1, ordering: .relaxed).newValue))
    }

    /// The OpenMetrics text of everything so far.
    public func text() -> String {
        registry.emitToString()
    }
}
