/// Picks the time scale of a live run against the embedded server (`timeScale: auto`): the
/// highest scale at which this machine serves the run's requests without queueing them.
///
/// A time scale compresses the whole schedule, herds included: a wave of N requests that a
/// rate limit releases within a few milliseconds of scenario time asks for N requests in
/// a few milliseconds divided by the scale of wall time. The advisor replays the run's
/// demand (requests per fine bucket of scenario time, from a quick simulation) against the
/// machine's capacity as a fluid queue at each candidate scale, and keeps the scales whose
/// queueing delay stays well inside what a live run may add before it is saturated
/// (``Saturation``): half of the smaller of the client's and the server's limits.
///
/// The capacity is the calibration's closed-loop figure times ``utilisation``: a live run
/// pays more per request than a closed loop (fewer requests per wakeup of each thread,
/// timers, five servers rather than one), and queues stay short only well below full load.
/// Measured on a 2-core machine: the quickstart stays clear at scale 6 and is saturated
/// at 8 with a closed-loop capacity of about 17k requests/s, which this share reproduces.
public struct TimeScaleAdvisor: Sendable {
    /// Requests sent in each bucket of scenario time, every strategy together.
    public var demand: [Int]
    /// Bucket width, nanoseconds of scenario time.
    public var bucket: Nanoseconds
    /// Requests per wall second this machine carries through client and embedded server
    /// in a closed loop (``CapacityCalibration``); the model uses ``utilisation`` of it.
    public var capacity: Double
    /// The modelled latency's p99 (scenario time): the server's queueing limit scales with it.
    public var latencyP99: Nanoseconds

    /// The scales tried, from slow motion to fast.
    public static let candidates: [Double] = [
        0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300,
    ]
    /// The share of the saturation limit the modelled queueing may use.
    public static let headroom = 0.5
    /// The share of the measured closed-loop capacity a live run can use (see above).
    public static let utilisation = 0.5

    public init(demand: [Int], bucket: Nanoseconds, capacity: Double, latencyP99: Nanoseconds) {
        self.demand = demand
        self.bucket = bucket
        self.capacity = capacity
        self.latencyP99 = latencyP99
    }

    /// How a run at one scale would fare.
    public struct Assessment: Sendable, Equatable {
        public var scale: Double
        /// p99 over requests of the modelled queueing delay, milliseconds of wall time.
        public var queueP99Ms: Double
        /// What that p99 may reach at this scale (``headroom`` of the saturation limit).
        public var allowanceMs: Double
        /// The busiest 10 ms of wall time, in requests per wall second.
        public var peakRate: Double
        /// Requests per wall second over the whole run.
        public var meanRate: Double
        /// True when the queueing stays within the allowance.
        public var isClear: Bool { queueP99Ms <= allowanceMs }
    }

    /// The modelled queueing at `scale`.
    public func assess(scale: Double) -> Assessment {
        let wallBucket = Double(bucket) / scale / 1e9
        let usable = capacity * Self.utilisation
        let service = usable * wallBucket
        var queue = 0.0
        var delayed: [(delay: Double, requests: Int)] = []
        var total = 0
        for requests in demand {
            total += requests
            queue = Swift.max(0, queue + Double(requests) - service)
            if queue > 0 && requests > 0 { delayed.append((queue / usable, requests)) }
        }
        // The delay exceeded by 1% of requests.
        delayed.sort { $0.delay > $1.delay }
        var above = 0
        var p99 = 0.0
        let onePercent = Double(total) * 0.01
        for entry in delayed {
            above += entry.requests
            if Double(above) > onePercent {
                p99 = entry.delay
                break
            }
        }
        let serverLimit = Swift.max(Saturation.serverFloorMs, Saturation.serverShareOfLatency * Time.toMilliseconds(latencyP99) / scale)
        let allowance = Self.headroom * Swift.min(Saturation.clientFloorMs, serverLimit)
        let span = Double(demand.count) * wallBucket
        return Assessment(
            scale: scale, queueP99Ms: p99 * 1000, allowanceMs: allowance,
            peakRate: peakRate(wallBucket: wallBucket), meanRate: span > 0 ? Double(total) / span : 0)
    }

    /// The busiest window of about 10 ms of wall time, in requests per wall second.
    private func peakRate(wallBucket: Double) -> Double {
        let width = Swift.max(1, Int((0.010 / wallBucket).rounded()))
        var window = 0
        var peak = 0
        for (index, requests) in demand.enumerated() {
            window += requests
            if index >= width { window -= demand[index - width] }
            peak = Swift.max(peak, window)
        }
        return Double(peak) / (Double(width) * wallBucket)
    }

    /// The advice: the highest clear candidate, or the lowest candidate when none is clear.
    public func advise() -> Advice {
        let assessments = Self.candidates.map(assess(scale:))
        if let best = assessments.last(where: \.isClear) {
            return Advice(assessment: best, capacity: capacity, isClear: true)
        }
        return Advice(assessment: assessments[0], capacity: capacity, isClear: false)
    }

    /// The scale chosen and why.
    public struct Advice: Sendable, Equatable {
        public var assessment: Assessment
        /// The machine's measured capacity, requests per wall second.
        public var capacity: Double
        /// False when even the slowest candidate queues.
        public var isClear: Bool

        public var scale: Double { assessment.scale }

        /// One sentence for the console: the scale and the figures behind it.
        public var reason: String {
            let a = assessment
            let figures = "this machine carries about \(Self.rate(capacity)) requests/s in a closed loop, \(Self.rate(capacity * TimeScaleAdvisor.utilisation))/s in a live run; the run peaks at \(Self.rate(a.peakRate)) requests/s "
                + "over 10 ms (mean \(Self.rate(a.meanRate))/s), modelled queueing p99 \(Self.ms(a.queueP99Ms)) ms against an allowance of \(Self.ms(a.allowanceMs)) ms"
            if isClear {
                return "timeScale auto: \(Time.trimmed(a.scale)) (the fastest scale tried that keeps clear of saturation: \(figures))"
            }
            return "timeScale auto: \(Time.trimmed(a.scale)) (no scale tried keeps clear of saturation, the run's herds are larger than this machine serves without queueing: \(figures))"
        }

        static func rate(_ value: Double) -> String {
            value >= 10_000 ? "\(Int((value / 1000).rounded()))k" : value >= 1000 ? "\((value / 100).rounded() / 10)k" : "\(Int(value.rounded()))"
        }

        static func ms(_ value: Double) -> String {
            value >= 10 ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
        }
    }
}
