/// The workload's executions in creation order, generated lazily so that a run's memory
/// grows with the executions in flight, not with the total.
///
/// Arrival times come from one sequential stream; everything else about execution i
/// (queue time, run time, outcome) from its own stream, so every strategy of a run sees
/// exactly the same executions (common random numbers).
public struct ExecutionSchedule: Sequence, IteratorProtocol, Sendable {
    public let workload: Workload
    public let seed: UInt64
    @usableFromInline var arrivalRNG: Xoshiro256StarStar
    @usableFromInline var nextIndex = 0
    @usableFromInline var clock: Double = 0

    public init(workload: Workload, seed: UInt64) {
        self.workload = workload
        self.seed = seed
        self.arrivalRNG = RandomStream.arrivals.generator(seed: seed)
    }

    /// The next execution, or nil after the last.
    public mutating func next() -> ExecutionPlan? {
        guard nextIndex < workload.executions else { return nil }
        let index = nextIndex
        nextIndex += 1
        let createdAt = nextArrival(index: index)
        return Self.plan(index: index, createdAt: createdAt, workload: workload, seed: seed)
    }

    /// Execution `index`'s plan, given its creation time: a pure function of the seed.
    /// The next execution whose API key is in `shard`: the same plan ``next()`` gives, with
    /// the others' arrivals drawn (the clock runs through them) but not their plans, so a
    /// shard does not pay for the executions of the others.
    public mutating func next(in shard: KeyShard) -> ExecutionPlan? {
        let keys = Swift.max(1, workload.apiKeys)
        while nextIndex < workload.executions {
            let index = nextIndex
            nextIndex += 1
            let createdAt = nextArrival(index: index)
            if shard.contains(apiKey: index % keys) {
                return Self.plan(index: index, createdAt: createdAt, workload: workload, seed: seed)
            }
        }
        return nil
    }

    public static func plan(index: Int, createdAt: Nanoseconds, workload: Workload, seed: UInt64) -> ExecutionPlan {
        var rng = RandomStream.execution.generator(seed: seed, index: UInt64(index))
        let runTime = Swift.max(0, workload.duration.sample(&rng))
        let queueTime = Swift.max(0, workload.queueTime?.sample(&rng) ?? 0)
        let outcome = workload.outcomes.outcome(for: rng.nextUnit())
        // Progress draws from a stream of its own: the other draws stay what they were.
        var progress = ProgressShape.linear
        if workload.progress != .linear {
            var progressRNG = RandomStream.progress.generator(seed: seed, index: UInt64(index))
            progress = workload.progress.shape(rng: &progressRNG)
        }
        return ExecutionPlan(
            index: index, createdAt: createdAt, queueTime: queueTime, runTime: runTime,
            outcome: outcome, apiKey: index % Swift.max(1, workload.apiKeys), progress: progress
        )
    }

    /// Creation time of execution `index` (clock in seconds, as a Double, so that rounding
    /// does not accumulate; converted to nanoseconds once).
    mutating func nextArrival(index: Int) -> Nanoseconds {
        switch workload.arrival {
        case .burst(let at):
            return at
        case .uniform(let rate):
            return Time.seconds(Double(index) / rate.perSecond)
        case .poisson(let rate):
            if index > 0 { clock += -_log(arrivalRNG.nextOpenUnit()) / rate.perSecond }
            return Time.seconds(clock)
        case .ramp(let from, let to, let over):
            if index > 0 { clock = Self.rampArrival(after: clock, exponential: -_log(arrivalRNG.nextOpenUnit()), from: from.perSecond, to: to.perSecond, over: Time.toSeconds(over)) }
            return Time.seconds(clock)
        }
    }

    /// Inverts the cumulative rate Λ of a linear ramp: the t' > t with Λ(t') - Λ(t) = e.
    /// λ(t) = a + (b - a) t / T for t < T, then b.
    static func rampArrival(after t: Double, exponential e: Double, from a: Double, to b: Double, over T: Double) -> Double {
        func cumulative(_ x: Double) -> Double {
            if x <= T { return a * x + (b - a) * x * x / (2 * T) }
            return a * T + (b - a) * T / 2 + b * (x - T)
        }
        let targetMass = cumulative(t) + e
        if targetMass >= cumulative(T) {
            return T + (targetMass - cumulative(T)) / b
        }
        let k = (b - a) / (2 * T)
        if abs(k) < 1e-15 { return targetMass / a }
        // k x^2 + a x - target = 0, the root in [0, T].
        let discriminant = a * a + 4 * k * targetMass
        return (-a + discriminant.squareRoot()) / (2 * k)
    }
}
