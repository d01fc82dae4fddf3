/// What real SDKs do, as strategies (`kind: preset, preset: NAME`): each an SDK's backoff
/// with its own numbers, taken from its source, plus what its clients share per key.
/// Each poll is one call of the SDK: delay_n is the SDK's wait before its n-th retry.
public enum StrategyPreset: String, Sendable, CaseIterable {
    /// botocore `retries/standard.py`: U(0, min(2^(n-1) s, 20 s)) (full jitter), and the
    /// retry quota of `retries/quota.py` (500, a retry after a throttle costs 5, a success
    /// gives back 1).
    case awsStandard = "aws-standard"
    /// `aws-standard` plus `retries/adaptive.py`'s client-side rate limiter (CUBIC,
    /// `retries/throttling.py`: C = 0.4, beta = 0.7), on from the first throttle.
    case awsAdaptive = "aws-adaptive"
    /// gRPC's connection backoff (doc/connection-backoff.md): 1 s, then x1.6 per attempt
    /// with +-20% jitter, at most 120 s; the first wait is not jittered.
    case grpc = "grpc"
    /// google-api-core `retry` (`exponential_sleep_generator`): U(0, min(1 s x 2^(n-1),
    /// 60 s)), giving up after 120 s (`_DEFAULT_DEADLINE`).
    case googleAPICore = "google-api-core"
    /// google-http-java-client `ExponentialBackOff`: 500 ms x1.5 per attempt, at most 60 s,
    /// randomization factor 0.5, giving up after 15 minutes (max elapsed time).
    case googleHTTPClient = "google-http-client"
    /// Polly's `DecorrelatedJitterBackoffV2` (Polly.Contrib.WaitAndRetry, the jitter of
    /// Polly v8's exponential retry) with a median first delay of 1 s, as in its README.
    case polly = "polly"
    /// client-go's `DefaultTypedControllerRateLimiter`: the larger of a per-item
    /// exponential (5 ms x 2^(n-1), at most 1000 s) and a bucket of 10/s, burst 100, shared
    /// (here per API key).
    case clientGo = "client-go"

    /// The preset as a strategy named `name`.
    public func spec(name: String) -> StrategySpec {
        let kind: StrategyKind
        var initialDelay: Nanoseconds?
        var keyClient = KeyClientPolicy.none
        var timeout: Nanoseconds?
        let awsQuota = RetryBudgetPolicy(capacity: 500, deposit: 1, cost: 5)
        switch self {
        case .awsStandard:
            kind = .exponential(initial: Time.seconds(1), multiplier: 2, max: Time.seconds(20), jitter: .full)
            keyClient.budget = awsQuota
        case .awsAdaptive:
            kind = .exponential(initial: Time.seconds(1), multiplier: 2, max: Time.seconds(20), jitter: .full)
            keyClient.budget = awsQuota
            keyClient.gate = .cubic(CubicParameters())
        case .grpc:
            kind = .exponential(initial: Time.milliseconds(1600), multiplier: 1.6, max: Time.seconds(120), jitter: .proportional(0.2))
            initialDelay = Time.seconds(1)
        case .googleAPICore:
            kind = .exponential(initial: Time.seconds(1), multiplier: 2, max: Time.seconds(60), jitter: .full)
            timeout = Time.seconds(120)
        case .googleHTTPClient:
            kind = .exponential(initial: Time.milliseconds(500), multiplier: 1.5, max: Time.seconds(60), jitter: .proportional(0.5))
            timeout = Time.seconds(15 * 60)
        case .polly:
            kind = .pollyJitter(median: Time.seconds(1))
        case .clientGo:
            kind = .exponential(initial: Time.milliseconds(5), multiplier: 2, max: Time.seconds(1000), jitter: .none)
            keyClient.gate = .fixed(rate: 10, burst: 100)
        }
        return StrategySpec(name: name, kind: kind, initialDelay: initialDelay, keyClient: keyClient, timeout: timeout,
                            label: "preset:" + rawValue)
    }
}
