/// A key's client-side send gate: a token bucket every send of the key reserves a token
/// from, whose rate is fixed or learned from throttling (``SendRateControl``).
///
/// The bucket is botocore's `TokenBucket` (capacity max(1, rate), minimum rate 0.5/s),
/// taken as botocore's `acquire` blocks: a send takes a token when there is one; when there
/// is none it waits until the next is due at the rate then in force and looks again, so a
/// rate that drops while it waits holds it back longer. The measured send rate is
/// botocore's `RateClocker` (half-second buckets, smoothing 0.8). Learned controls are off
/// until the first throttle, as in AWS adaptive retry mode.
public struct SendGate: Sendable {
    public let control: SendRateControl
    /// Whether sends wait for tokens (learned controls: since the first throttle).
    public private(set) var enabled: Bool
    /// Tokens per second.
    public private(set) var rate: Double
    var capacity: Double
    var tokens: Double
    var lastRefill: Nanoseconds?
    var clock = SendRateClock()
    // CUBIC: the rate at the last throttle, its zero point and its time.
    var maxRate: Double = 0
    var zeroPoint: Double = 0
    var lastThrottle: Nanoseconds = 0
    // AIMD: the rate set by the last decrease, and when.
    var baseRate: Double = 0
    var lastDecrease: Nanoseconds?

    static let minimumRate = 0.5
    /// The rate never exceeds this many times the measured send rate (botocore
    /// `_MAX_RATE_ADJUST_SCALE`).
    static let measuredRateScale = 2.0

    public init(_ control: SendRateControl) {
        self.control = control
        switch control {
        case .fixed(let rate, let burst):
            enabled = true
            self.rate = Swift.max(rate, Self.minimumRate)
            capacity = Double(Swift.max(1, burst))
            tokens = capacity
        case .aimd, .cubic:
            enabled = false
            rate = 1
            capacity = 1
            tokens = 0
        }
    }

    /// A send that wants to go at `time`: nil when it takes a token and goes; otherwise
    /// the time the next token is due, when it should look again (it took nothing).
    public mutating func take(at time: Nanoseconds) -> Nanoseconds? {
        guard enabled else { return nil }
        refill(at: time)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return time + Swift.max(1, Nanoseconds(((1 - tokens) / rate * 1e9).rounded(.up)))
    }

    /// Learns from a response received at `time`: `throttled` for a rejection.
    public mutating func observe(throttled: Bool, at time: Nanoseconds) {
        if case .fixed = control { return }
        let measured = clock.record(at: time)
        let seconds = Double(time) / 1e9
        var newRate: Double
        switch control {
        case .fixed:
            return
        case .cubic(let p):
            if throttled {
                let inUse = enabled ? Swift.min(measured, rate) : measured
                maxRate = inUse
                zeroPoint = _pow(Swift.max(0, maxRate * (1 - p.beta) / p.scale), 1.0 / 3)
                lastThrottle = time
                newRate = inUse * p.beta
                enabled = true
            } else {
                let t = seconds - Double(lastThrottle) / 1e9
                let d = t - zeroPoint
                newRate = p.scale * d * d * d + maxRate
            }
        case .aimd(let p):
            if throttled {
                if let last = lastDecrease, time - last < p.cooldown, enabled {
                    newRate = baseRate + p.increase * Double(time - last) / 1e9
                } else {
                    let inUse = enabled ? Swift.min(measured, currentAIMDRate(at: time, p)) : measured
                    baseRate = Swift.max(Self.minimumRate, inUse * p.decrease)
                    lastDecrease = time
                    newRate = baseRate
                }
                enabled = true
            } else {
                newRate = currentAIMDRate(at: time, p)
            }
        }
        newRate = Swift.min(newRate, Self.measuredRateScale * measured)
        setRate(newRate, at: time)
    }

    func currentAIMDRate(at time: Nanoseconds, _ p: AIMDParameters) -> Double {
        guard let last = lastDecrease else { return rate }
        return baseRate + p.increase * Double(time - last) / 1e9
    }

    /// botocore's `max_rate` setter: refill at the old rate, then the new rate (at least
    /// the minimum) and capacity max(1, rate), with the tokens no more than the capacity.
    mutating func setRate(_ value: Double, at time: Nanoseconds) {
        refill(at: time)
        rate = Swift.max(value, Self.minimumRate)
        capacity = Swift.max(1, value)
        tokens = Swift.min(tokens, capacity)
    }

    mutating func refill(at time: Nanoseconds) {
        guard let last = lastRefill else {
            lastRefill = time
            return
        }
        if time > last {
            tokens = Swift.min(capacity, tokens + Double(time - last) / 1e9 * rate)
            lastRefill = time
        }
    }
}
