import PollsterCore
import Testing
@testable import PollsterProbe

/// Inference on synthetic timelines: a probe's plan run in virtual time against the
/// simulator's limiters, no clock and no network.
@Suite struct LimiterInferenceTests {
    /// A probe's plan against `algorithm` in virtual time: passive requests, then bursts
    /// to a rejection, probes from 10 ms apart until one is accepted, and pauses of different
    /// lengths; the server's clock is `offset` seconds ahead of the probe's.
    static func synthetic(_ algorithm: RateLimitAlgorithm, countsRejected: Bool = false, headers: Bool = true,
                          offset: Double = 0.37, pauses: [Double] = [0, 0.5, 0.3, 0.75]) -> ProbeTimeline {
        var limits = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: algorithm)], apiKeys: 1, countsRejected: countsRejected)
        var requests: [ProbeRequest] = []
        var t = 0.0
        let trip = 0.001
        func send(_ phase: String) -> Bool {
            let decision = limits.decide(apiKey: 0, at: Nanoseconds(((t + trip / 2 + offset) * 1e9).rounded()))
            var reading = HeaderReading()
            if headers {
                reading.remaining = decision.remaining
                reading.limit = decision.limit
            }
            requests.append(ProbeRequest(index: requests.count, phase: phase, sentAt: t, receivedAt: t + trip,
                                         status: decision.allowed ? 200 : 429, reading: reading))
            t += trip
            return decision.allowed
        }
        for _ in 0..<3 {
            _ = send("passive")
            t += 0.25
        }
        for (cycle, pause) in pauses.enumerated() {
            var rejected = false
            for _ in 0..<200 where !send("burst \(cycle + 1)") {
                rejected = true
                break
            }
            guard rejected else { break }
            // Gaps grow, as the probe's do: a bucket that counts rejected requests would
            // never let a client probing at a fixed pace back in.
            var gap = 0.01
            while !send("recover \(cycle + 1)") {
                t += gap
                gap *= 1.1
            }
            t += pause
        }
        return ProbeTimeline(requests: requests)
    }

    func check(_ algorithm: RateLimitAlgorithm, is family: LimiterFamily, headers: Bool = true, countsRejected: Bool = false) {
        let result = LimiterInference.infer(Self.synthetic(algorithm, countsRejected: countsRejected, headers: headers))
        guard let best = result.best else {
            Issue.record("no limit inferred for \(algorithm.summary)")
            return
        }
        #expect(best.hypothesis.family == family, "\(algorithm.summary): guessed \(best.hypothesis.summary)")
        switch algorithm {
        case .tokenBucket(let rate, let burst), .gcra(let rate, let burst):
            #expect(abs((best.hypothesis.rate ?? 0) / rate.perSecond - 1) <= 0.1, "\(best.hypothesis.summary)")
            #expect(abs(Double(best.hypothesis.limit - burst)) / Double(burst) <= 0.1, "\(best.hypothesis.summary)")
        case .fixedWindow(let limit, let window), .slidingWindowLog(let limit, let window), .slidingWindowCounter(let limit, let window):
            #expect(abs((best.hypothesis.window ?? 0) / (Double(window) / 1e9) - 1) <= 0.1, "\(best.hypothesis.summary)")
            #expect(abs(Double(best.hypothesis.limit - limit)) / Double(limit) <= 0.1, "\(best.hypothesis.summary)")
        case .concurrency:
            break
        }
    }

    @Test func tokenBucket() { check(.tokenBucket(rate: Rate(perSecond: 10), burst: 20), is: .bucket) }
    @Test func gcraIsReportedAsABucket() { check(.gcra(rate: Rate(perSecond: 5), burst: 8), is: .bucket) }
    @Test func fixedWindow() { check(.fixedWindow(limit: 15, window: Time.seconds(2)), is: .fixedWindow) }
    @Test func slidingLog() { check(.slidingWindowLog(limit: 10, window: Time.seconds(1)), is: .slidingWindowLog) }
    @Test func slidingCounter() { check(.slidingWindowCounter(limit: 12, window: Time.seconds(2)), is: .slidingWindowCounter) }
    @Test func withoutHeaders() {
        check(.fixedWindow(limit: 10, window: Time.seconds(1)), is: .fixedWindow, headers: false)
        check(.tokenBucket(rate: Rate(perSecond: 8), burst: 10), is: .bucket, headers: false)
    }

    /// The replay's restatement of the limiters decides as PollsterCore's do: the true
    /// hypothesis explains every status and every `remaining` of a timeline they made.
    @Test(arguments: [false, true])
    func replayAgreesWithTheSimulatorsLimiters(countsRejected: Bool) {
        let cases: [(RateLimitAlgorithm, LimiterHypothesis)] = [
            (.tokenBucket(rate: Rate(perSecond: 10), burst: 20), LimiterHypothesis(family: .bucket, limit: 20, rate: 10)),
            (.gcra(rate: Rate(perSecond: 3), burst: 5), LimiterHypothesis(family: .bucket, limit: 5, rate: 3)),
            (.fixedWindow(limit: 15, window: Time.seconds(2)), LimiterHypothesis(family: .fixedWindow, limit: 15, window: 2, phase: 0.37)),
            (.slidingWindowLog(limit: 10, window: Time.seconds(1)), LimiterHypothesis(family: .slidingWindowLog, limit: 10, window: 1)),
            (.slidingWindowCounter(limit: 12, window: Time.seconds(2)),
             LimiterHypothesis(family: .slidingWindowCounter, limit: 12, window: 2, phase: 0.37)),
        ]
        for (algorithm, hypothesis) in cases {
            var truth = hypothesis
            truth.countsRejected = countsRejected
            let replay = LimiterReplay(Self.synthetic(algorithm, countsRejected: countsRejected))
            let result = replay.score(truth)
            #expect(result.mismatches == 0, "\(algorithm.summary)")
            // A request exactly one window after another can land on either side in seconds.
            #expect(result.score <= 2, "\(algorithm.summary): remaining headers differ")
        }
    }

    @Test func concurrencyFromAParallelStep() {
        // 40 sequential requests accepted; 8 at once with 300 ms answers: 3 accepted.
        var requests: [ProbeRequest] = []
        var t = 0.0
        for _ in 0..<40 {
            requests.append(ProbeRequest(index: requests.count, phase: "burst 1", sentAt: t, receivedAt: t + 0.301, status: 200))
            t += 0.302
        }
        func add(_ phase: String, at sent: Double, accepted: Bool) {
            requests.append(ProbeRequest(index: requests.count, phase: phase, sentAt: sent,
                                         receivedAt: sent + (accepted ? 0.301 : 0.002), status: accepted ? 200 : 429))
        }
        // A wave of 8, and again as soon as it is answered: 3 in each time.
        for wave in 0..<2 {
            for slot in 0..<8 { add("parallel 8" + (wave == 1 ? " again" : ""), at: t + Double(slot) * 0.0005, accepted: slot < 3) }
            t += 0.302
        }
        // 3 at once, and one more 50 ms later while they are in flight: rejected.
        for slot in 0..<3 { add("staggered 3+1", at: t + Double(slot) * 0.0005, accepted: true) }
        add("staggered 3+1", at: t + 0.05, accepted: false)
        t += 0.302
        // Sequential requests right after: all in.
        for _ in 0..<3 {
            add("sequential after parallel 8", at: t, accepted: true)
            t += 0.302
        }
        let result = LimiterInference.infer(ProbeTimeline(requests: requests))
        #expect(result.best?.hypothesis.family == .concurrency)
        #expect(result.best?.hypothesis.limit == 3)
        #expect(result.confidence > 0.5, "\(result.fits.map { "\($0.hypothesis.summary): \($0.mismatches)" })")
    }

    @Test func nothingRejectedIsNoLimit() {
        let requests = (0..<10).map { ProbeRequest(index: $0, phase: "burst 1", sentAt: Double($0), receivedAt: Double($0) + 0.01, status: 200) }
        let result = LimiterInference.infer(ProbeTimeline(requests: requests))
        #expect(result.best == nil)
    }

    @Test func rejectedRequestsThatCount() {
        let timeline = Self.synthetic(.tokenBucket(rate: Rate(perSecond: 10), burst: 10), countsRejected: true)
        let result = LimiterInference.infer(timeline)
        #expect(result.best?.hypothesis.family == .bucket)
        #expect(result.best?.hypothesis.countsRejected == true)
    }

    @Test func theServerBlockRoundTrips() throws {
        let outcome = ProbeOutcome(url: "http://127.0.0.1:1/v1/executions/x", timeline: Self.synthetic(.fixedWindow(limit: 15, window: Time.seconds(2))),
                                   stopReason: "done", aborted: false, startedAt: 0)
        let report = ProbeReport(target: outcome.url, outcome: outcome)
        #expect(report.yaml.contains("algorithm: fixedWindow, limit: 15"))
        let block = try ProbeDocument.serverBlock(from: try ProbeDocument(report).json())
        let rules = try block.rules()
        guard case .fixedWindow(let limit, let window)? = rules.first?.algorithm else {
            Issue.record("not a fixed window: \(rules)")
            return
        }
        #expect(limit == 15)
        #expect(abs(Double(window) / 2e9 - 1) <= 0.1)
        #expect(try block.rejection().status == 429)
        #expect(ProbeHTML.page(report).contains("<svg"))
    }
}
