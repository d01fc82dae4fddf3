// The simulator's throughput benchmark (`make bench`): 1,000,000 executions (Poisson
// arrivals over an hour, lognormal run times with a 30 s median, capped exponential
// backoff with full jitter, 1,000 API keys with token buckets) on one core, then the same
// run split by API key over every core (Simulator's key shards), whose figures must be
// identical. Prints simulated polls per second, the speed-up and the peak memory.
//
//   PollsterBench [EXECUTIONS] [--seed N] [--machine]
//
// --machine adds `name value` lines after the usual output (counts, wall times, polls per
// second, peak memory) for scripts: Benchmarks/c-model.sh reads them to set this run beside
// the C implementation of the same model (Benchmarks/CModel/sim.c).
import Foundation
import PollsterCore
import PollsterSim

var machine = false
var seed: UInt64 = 1
var executions = 1_000_000
var argumentList = CommandLine.arguments.dropFirst()
while let argument = argumentList.popFirst() {
    switch argument {
    case "--machine": machine = true
    case "--seed":
        guard let value = argumentList.popFirst().flatMap(UInt64.init) else {
            print("PollsterBench: --seed needs a whole number"); exit(64)
        }
        seed = value
    default:
        guard let value = Int(argument), value > 0 else {
            print("usage: PollsterBench [EXECUTIONS] [--seed N] [--machine]"); exit(64)
        }
        executions = value
    }
}
let s = Time.seconds
let scenario = Scenario(
    name: "bench", seed: seed,
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

/// User + system CPU seconds of the process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let cpuAtStart = cpuSeconds()
let clock = ContinuousClock()
let start = clock.now
let (metrics, _) = StrategySimulation(scenario: scenario, strategy: scenario.strategies[0], seed: scenario.seed).run()
let elapsed = clock.now - start
let cpuOneCore = cpuSeconds() - cpuAtStart
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
let cpuBeforeSharded = cpuSeconds()
let shardedStart = clock.now
let sharded = await Simulator(scenario: scenario, jobs: cores).run().strategies[0].metrics
let shardedElapsed = clock.now - shardedStart
let cpuSharded = cpuSeconds() - cpuBeforeSharded
let shardedSeconds = Double(shardedElapsed.components.seconds) + Double(shardedElapsed.components.attoseconds) / 1e18
print("wall time (\(cores) cores, by key): \(figure(shardedSeconds, 3)) s")
print("polls per second (\(cores) cores): \(figure(Double(sharded.requests) / shardedSeconds / 1e6, 2)) M   (\(figure(seconds / shardedSeconds, 2))x one core)")
print("same figures as one core: \(sharded.requests == metrics.requests && sharded.responses429 == metrics.responses429 ? "yes" : "NO")")

if machine {
    var endUsage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &endUsage)
    print("executions \(metrics.executions)")
    print("polls \(metrics.requests)")
    print("responses429 \(metrics.responses429)")
    print("rate429 \(figure(metrics.rate429, 6))")
    print("detected \(metrics.detected)")
    print("abandoned \(metrics.abandoned)")
    // From the detection-lag histogram (microsecond values, HdrHistogram precision).
    print("detection_lag_mean_s \(figure(metrics.detectionLag.mean / 1e6, 6))")
    print("seconds_1core \(figure(seconds, 6))")
    print("polls_per_second_1core \(figure(Double(metrics.requests) / seconds, 0))")
    print("cpu_seconds_1core \(figure(cpuOneCore, 6))")
    print("peak_mb_1core \(figure(peakMegabytes, 1))")
    print("cores \(cores)")
    print("seconds_sharded \(figure(shardedSeconds, 6))")
    print("cpu_seconds_sharded \(figure(cpuSharded, 6))")
    print("polls_per_second_sharded \(figure(Double(sharded.requests) / shardedSeconds, 0))")
    print("sharded_polls \(sharded.requests)")
    print("sharded_responses429 \(sharded.responses429)")
    print("peak_mb \(figure(Double(endUsage.ru_maxrss) / 1024, 1))")
}
