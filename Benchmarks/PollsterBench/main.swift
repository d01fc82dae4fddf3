// The simulator's throughput benchmark (`make bench`): 1,000,000 executions (Poisson
// arrivals over an hour, lognormal run times with a 30 s median, capped exponential
// backoff with full jitter, 1,000 API keys with token buckets) on one core, then the same
// run split by API key over every core (Simulator's key shards), whose figures must be
// identical. Prints simulated polls per second, the speed-up and the peak memory.
import Foundation
import PollsterCore
import PollsterSim

let executions = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let s = Time.seconds
let scenario = Scenario(
    name: "bench", seed: 1,
    workload: Workload(
        executions: executions,
        arrival: .poisson(Rate(perSecond: Double(executions) / 3600)),
        duration: .lognormal(median: s(30), upper: s(120), z: Distribution.p95Z),
        outcomes: OutcomeMix(completed: 0.9, failed: 0.08, cancelled: 0.02),
        apiKeys: 1000
    ),
    server: ServerModel(
        latency: .lognormal(median: Time.milliseconds(40), upper: Time.milliseconds(250), z: Distribution.p99Z),
        rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 1), burst: 5))]
    ),
    strategies: [StrategySpec(name: "expo-full-jitter", kind: .exponential(initial: s(1), multiplier: 2, max: s(30), jitter: .full))]
)

let clock = ContinuousClock()
let start = clock.now
let (metrics, _) = StrategySimulation(scenario: scenario, strategy: scenario.strategies[0], seed: scenario.seed).run()
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let peakMegabytes = Double(usage.ru_maxrss) / 1024

func figure(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
print("simulated executions:     \(metrics.executions)")
print("simulated polls:          \(metrics.requests) (429s: \(metrics.responses429), rate \(figure(metrics.rate429 * 100, 1))%)")
print("wall time (one core):     \(figure(seconds, 3)) s")
print("polls per second (1 core): \(figure(Double(metrics.requests) / seconds / 1e6, 2)) M   (target >= 3.00 M)")
print("peak memory (max RSS):    \(figure(peakMegabytes, 1)) MB   (target < 300 MB)")

let cores = Simulator.activeCores
let shardedStart = clock.now
let sharded = await Simulator(scenario: scenario, jobs: cores).run().strategies[0].metrics
let shardedElapsed = clock.now - shardedStart
let shardedSeconds = Double(shardedElapsed.components.seconds) + Double(shardedElapsed.components.attoseconds) / 1e18
print("wall time (\(cores) cores, by key): \(figure(shardedSeconds, 3)) s")
print("polls per second (\(cores) cores): \(figure(Double(sharded.requests) / shardedSeconds / 1e6, 2)) M   (\(figure(seconds / shardedSeconds, 2))x one core)")
print("same figures as one core: \(sharded.requests == metrics.requests && sharded.responses429 == metrics.responses429 ? "yes" : "NO")")
