import Foundation
import PollsterCore
import PollsterProbe

/// The accuracy table of `pollster probe` (Benchmarks/probe-accuracy.sh): every limiter
/// family, several parameter sets each, with and without rate-limit headers and with and
/// without Retry-After, each probed on an embedded mock; prints the guess, the parameter
/// errors and the requests used, then the tally per family.
enum ProbeAccuracy {
    struct Case {
        var name: String
        var algorithm: RateLimitAlgorithm
        var latency: Nanoseconds = 0
    }

    static var cases: [Case] {
        [
            Case(name: "tokenBucket 5/s b10", algorithm: .tokenBucket(rate: Rate(perSecond: 5), burst: 10)),
            Case(name: "tokenBucket 10/s b20", algorithm: .tokenBucket(rate: Rate(perSecond: 10), burst: 20)),
            Case(name: "tokenBucket 20/s b8", algorithm: .tokenBucket(rate: Rate(perSecond: 20), burst: 8)),
            Case(name: "gcra 4/s b6", algorithm: .gcra(rate: Rate(perSecond: 4), burst: 6)),
            Case(name: "gcra 8/s b12", algorithm: .gcra(rate: Rate(perSecond: 8), burst: 12)),
            Case(name: "gcra 15/s b25", algorithm: .gcra(rate: Rate(perSecond: 15), burst: 25)),
            Case(name: "fixedWindow 10/1s", algorithm: .fixedWindow(limit: 10, window: Time.seconds(1))),
            Case(name: "fixedWindow 20/2s", algorithm: .fixedWindow(limit: 20, window: Time.seconds(2))),
            Case(name: "fixedWindow 15/3s", algorithm: .fixedWindow(limit: 15, window: Time.seconds(3))),
            Case(name: "slidingWindowLog 10/1s", algorithm: .slidingWindowLog(limit: 10, window: Time.seconds(1))),
            Case(name: "slidingWindowLog 20/2s", algorithm: .slidingWindowLog(limit: 20, window: Time.seconds(2))),
            Case(name: "slidingWindowLog 12/3s", algorithm: .slidingWindowLog(limit: 12, window: Time.seconds(3))),
            Case(name: "slidingWindowCounter 10/1s", algorithm: .slidingWindowCounter(limit: 10, window: Time.seconds(1))),
            Case(name: "slidingWindowCounter 20/2s", algorithm: .slidingWindowCounter(limit: 20, window: Time.seconds(2))),
            Case(name: "slidingWindowCounter 15/3s", algorithm: .slidingWindowCounter(limit: 15, window: Time.seconds(3))),
            Case(name: "concurrency 2 (150-450ms)", algorithm: .concurrency(limit: 2), latency: Time.milliseconds(150)),
            Case(name: "concurrency 4 (150-450ms)", algorithm: .concurrency(limit: 4), latency: Time.milliseconds(150)),
            Case(name: "concurrency 8 (150-450ms)", algorithm: .concurrency(limit: 8), latency: Time.milliseconds(150)),
        ]
    }

    static func family(of algorithm: RateLimitAlgorithm) -> LimiterFamily {
        switch algorithm {
        case .tokenBucket, .gcra: return .bucket
        case .fixedWindow: return .fixedWindow
        case .slidingWindowLog: return .slidingWindowLog
        case .slidingWindowCounter: return .slidingWindowCounter
        case .concurrency: return .concurrency
        }
    }

    /// Relative errors of the guess: (rate or window, burst or limit); nil where they do not apply.
    static func errors(_ truth: RateLimitAlgorithm, _ guess: LimiterHypothesis) -> (time: Double?, size: Double) {
        func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / b }
        switch truth {
        case .tokenBucket(let rate, let burst), .gcra(let rate, let burst):
            return (guess.rate.map { relative($0, rate.perSecond) }, relative(Double(guess.limit), Double(burst)))
        case .fixedWindow(let limit, let window), .slidingWindowLog(let limit, let window), .slidingWindowCounter(let limit, let window):
            return (guess.window.map { relative($0, Double(window) / 1e9) }, relative(Double(guess.limit), Double(limit)))
        case .concurrency(let limit):
            return (nil, relative(Double(guess.limit), Double(limit)))
        }
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.1f%%", value * 100)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func run(filter: String?) async throws {
        let widths = [28, 8, 6, 44, 5, 8, 8, 5, 6, 3]
        let header = ["case", "headers", "retry", "guess", "conf", "t err", "n err", "reqs", "secs", "ok"]
        print(zip(header, widths).map { pad($0, $1) }.joined(separator: " "))
        var tally: [String: (right: Int, total: Int, withinTen: Int)] = [:]
        var maxRequests = 0
        for item in cases where filter.map({ item.name.contains($0) }) ?? true {
            for headers in [true, false] {
                for retryAfter in [true, false] {
                    let style = RejectionStyle(status: 429, retryAfter: retryAfter ? .seconds : .none, countsRejected: false,
                                               headers: headers ? [.ietf, .xRateLimit] : [])
                    // Concurrency cases answer in 150-450 ms: with one fixed latency a limit of
                    // N in flight is indistinguishable from N per window of that latency.
                    let latency: Distribution = item.latency > 0 ? .uniform(min: item.latency, max: 3 * item.latency) : .fixed(0)
                    let server = ServerModel(latency: latency, rateLimits: [RateLimitRule(scope: .apiKey, algorithm: item.algorithm)],
                                             rejection: style)
                    let started = ContinuousClock.now
                    let report = try await EmbeddedProbe.run(server: server, settings: { url in
                        ProbeSettings(url: url, spacing: 0.25, maxWait: 30)
                    }).report
                    let elapsed = ContinuousClock.now - started
                    let truth = family(of: item.algorithm)
                    let requests = report.outcome.timeline.requests.count
                    maxRequests = max(maxRequests, requests)
                    var guess = "no limit found"
                    var timeError: Double?
                    var sizeError: Double?
                    var right = false
                    if let best = report.inference.best {
                        guess = best.hypothesis.summary
                        let error = errors(item.algorithm, best.hypothesis)
                        timeError = error.time
                        sizeError = error.size
                        right = best.hypothesis.family == truth
                    }
                    let within = right && (timeError ?? 0) <= 0.10 && (sizeError ?? 1) <= 0.10
                    let key = truth.rawValue
                    var entry = tally[key] ?? (0, 0, 0)
                    entry.total += 1
                    if right { entry.right += 1 }
                    if within { entry.withinTen += 1 }
                    tally[key] = entry
                    let row = [item.name, headers ? "yes" : "no", retryAfter ? "yes" : "no", guess,
                               String(Int((report.inference.confidence * 100).rounded())), percent(timeError), percent(sizeError),
                               String(requests), String(format: "%.1f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18),
                               within ? "yes" : right ? "fam" : "NO"]
                    print(zip(row, widths).map { pad($0, $1) }.joined(separator: " "))
                    if report.outcome.aborted { print("   aborted: \(report.outcome.stopReason)") }
                    fflush(nil)
                }
            }
        }
        print("")
        print("family                 right  within 10%")
        for family in LimiterFamily.allCases {
            guard let entry = tally[family.rawValue] else { continue }
            print(pad(family.rawValue, 22) + " " + pad("\(entry.right)/\(entry.total)", 6) + " " + "\(entry.withinTen)/\(entry.total)")
        }
        print("most requests used by one probe: \(maxRequests)")
    }
}
