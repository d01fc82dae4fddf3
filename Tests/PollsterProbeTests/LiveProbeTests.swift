import Logging
import MockServer
import PollsterCore
import PollsterLive
import Testing
@testable import PollsterProbe

/// Probes of the embedded mock API, in this process, on loopback.
@Suite(.serialized) struct LiveProbeTests {
    static let key = "probe-test-key"

    /// Probes a mock serving `server`; `path` replaces the polled execution's path.
    static func probe(_ server: ServerModel, maxRequests: Int = 300, key: String = key, path: String? = nil,
                      spacing: Double = 0.2) async throws -> ProbeOutcome {
        var logger = Logger(label: "probe-test")
        logger.logLevel = .critical
        var configuration = MockServerConfiguration(server: server)
        configuration.keys = [APIKeyGrant(key: Self.key, scopes: [.executionsRead], index: 0)]
        let mock = try MockServer(configuration: configuration, logger: logger)
        let id = mock.register(ExecutionPlan(index: 0, createdAt: 0, runTime: Time.seconds(3600)), flowId: "flow_probe")
        return try await mock.withRunning { base in
            let settings = ProbeSettings(url: base + (path ?? "/v1/executions/" + id), headers: [("Authorization", "Bearer " + key)],
                                         maxRequests: maxRequests, spacing: spacing, maxWait: 20)
            return try await withCurlTransport(configuration: TransportConfiguration(threads: 1, httpVersion: .http1_1)) { transport in
                await ProbeSession(settings: settings, transport: transport).run()
            }
        }
    }

    static func limited(_ algorithm: RateLimitAlgorithm, latency: Distribution = .fixed(0)) -> ServerModel {
        ServerModel(latency: latency, rateLimits: [RateLimitRule(scope: .apiKey, algorithm: algorithm)])
    }

    @Test func tokenBucket() async throws {
        let outcome = try await Self.probe(Self.limited(.tokenBucket(rate: Rate(perSecond: 10), burst: 10)))
        let report = ProbeReport(target: outcome.url, outcome: outcome)
        #expect(!outcome.aborted, "\(outcome.stopReason)")
        #expect(outcome.timeline.requests.count <= 300)
        let best = try #require(report.inference.best)
        #expect(best.hypothesis.family == .bucket, "\(report.text)")
        #expect(abs((best.hypothesis.rate ?? 0) / 10 - 1) <= 0.1, "\(report.text)")
        #expect(abs(best.hypothesis.limit - 10) <= 1, "\(report.text)")
        #expect(report.headerFamilies.contains("ietf"))
        #expect(report.retryAfter == "seconds")
    }

    @Test func fixedWindow() async throws {
        let outcome = try await Self.probe(Self.limited(.fixedWindow(limit: 10, window: Time.seconds(1))))
        let report = ProbeReport(target: outcome.url, outcome: outcome)
        let best = try #require(report.inference.best)
        #expect(best.hypothesis.family == .fixedWindow, "\(report.text)")
        #expect(abs((best.hypothesis.window ?? 0) - 1) <= 0.1, "\(report.text)")
        #expect(best.hypothesis.limit == 10, "\(report.text)")
    }

    /// A concurrency limit is seen only by requests in flight together, and its evidence
    /// can be ambiguous: a slot frees when the answer leaves, so under steady latency a
    /// limit of 3 decides every request as a window of 3 per latency or a fast bucket of
    /// burst 3 would (with fixed latency the three are the same limiter). What the probe
    /// must do: find the limit of 3 among the fits that explain every status, and when
    /// another family explains them as well, say so (confidence 0) rather than claim it.
    @Test func concurrencyNeedsParallelRequests() async throws {
        let outcome = try await Self.probe(Self.limited(.concurrency(limit: 3), latency: .uniform(min: Time.milliseconds(150), max: Time.milliseconds(450))), maxRequests: 120)
        let report = ProbeReport(target: outcome.url, outcome: outcome)
        #expect(outcome.timeline.requests.count <= 120)
        let best = try #require(report.inference.best)
        let concurrency = try #require(report.inference.fits.first { $0.hypothesis.family == .concurrency }, "\(report.text)")
        #expect(concurrency.mismatches == 0 && concurrency.hypothesis.limit == 3, "\(report.text)")
        #expect(best.hypothesis.family == .concurrency || (best.mismatches == 0 && report.inference.confidence == 0), "\(report.text)")
        #expect(best.hypothesis.limit == 3, "\(report.text)")
    }

    @Test func theBudgetIsHard() async throws {
        let outcome = try await Self.probe(Self.limited(.tokenBucket(rate: Rate(perSecond: 1000), burst: 1000)), maxRequests: 40)
        #expect(outcome.timeline.requests.count <= 40)
        #expect(outcome.timeline.requests.allSatisfy { !$0.isRejected })
    }

    @Test func anUnexpectedStatusStopsAtOnce() async throws {
        let missing = try await Self.probe(Self.limited(.tokenBucket(rate: Rate(perSecond: 10), burst: 10)), path: "/v1/executions/exec_missing")
        #expect(missing.aborted)
        #expect(missing.timeline.requests.count == 1)
        #expect(missing.stopReason.contains("status 404"))
        let unauthorized = try await Self.probe(Self.limited(.tokenBucket(rate: Rate(perSecond: 10), burst: 10)), key: "wrong")
        #expect(unauthorized.aborted)
        #expect(unauthorized.timeline.requests.count == 1)
        #expect(unauthorized.stopReason.contains("status 401"))
    }

    @Test func aLongRetryAfterIsALockout() async throws {
        // 1 request per 60 s: the first rejection asks for more than --max-wait (20 s).
        let outcome = try await Self.probe(Self.limited(.fixedWindow(limit: 5, window: Time.seconds(60))))
        #expect(outcome.aborted)
        #expect(outcome.stopReason.contains("lockout"))
        #expect(outcome.timeline.requests.count <= 10)
    }
}
