import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PollsterCore
import PollsterLiveRunner
import Testing
@testable import PollsterLive

/// `--metrics-port`: a live run scraped while it goes by a test client; the counters only
/// grow, and end equal to the run's own figures.
@Suite(.serialized) struct MetricsEndpointTests {
    static func scrape(_ url: String) async -> String? {
        guard let url = URL(string: url), let (data, response) = try? await URLSession.shared.data(from: url),
              (response as? HTTPURLResponse)?.statusCode == 200 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The value of the sample `name{labels}` in `text` (labels in any order).
    static func value(_ text: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard let close = line.firstIndex(of: "}") else { continue }
            let inner = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
            var found: [String: String] = [:]
            for pair in inner.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { found[String(parts[0])] = String(parts[1].dropFirst().dropLast()) }
            }
            if labels.allSatisfy({ found[$0.key] == $0.value }) && found.count == labels.count {
                return Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    @Test func countersScrapedDuringTheRunEndEqualToItsFigures() async throws {
        let s = Time.seconds
        let scenario = Scenario(
            name: "metrics", seed: 2, mode: .live, timeScale: 10,
            workload: Workload(executions: 120, arrival: .poisson(Rate(perSecond: 20)), duration: .fixed(s(5)), apiKeys: 2),
            server: ServerModel(latency: .fixed(Time.milliseconds(20)),
                                rateLimits: [RateLimitRule(scope: .apiKey, algorithm: .tokenBucket(rate: Rate(perSecond: 5), burst: 5))]),
            strategies: [StrategySpec(name: "fixed-1s", kind: .fixed(interval: s(1))),
                         StrategySpec(name: "expo", kind: .exponential(initial: s(1), multiplier: 2, max: s(8), jitter: .none))],
            client: ClientPolicy(timeout: s(60))
        )
        let exporter = LiveMetricsExporter(strategies: scenario.strategies.map(\.name))
        var runner = LiveRunner(scenario: scenario)
        runner.exporter = exporter
        let live = runner
        let (result, during, after) = try await MetricsEndpoint.withServing(exporter, port: 0) { url in
            try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask {
                    var scrapes: [String] = []
                    while !Task.isCancelled {
                        if let text = await Self.scrape(url) { scrapes.append(text) }
                        try? await Task.sleep(for: .milliseconds(150))
                    }
                    return scrapes
                }
                let result = try await live.run()
                group.cancelAll()
                let during = try await group.next() ?? []
                return (result, during, await Self.scrape(url))
            }
        }
        #expect(during.count >= 3, "scraped \(during.count) times during the run")
        let final = try #require(after)
        for strategy in result.strategies {
            let m = strategy.metrics
            let labels = ["strategy": strategy.name]
            let requests = LiveMetricsExporter.classes.reduce(0.0) { $0 + (Self.value(final, "pollster_requests_total", labels.merging(["class": $1]) { a, _ in a }) ?? .nan) }
            #expect(requests == Double(m.requests), "\(strategy.name): scraped \(requests) requests, the run counted \(m.requests)")
            #expect(Self.value(final, "pollster_requests_total", labels.merging(["class": "429"]) { a, _ in a }) == Double(m.responses429))
            #expect(Self.value(final, "pollster_executions_ended_total", labels.merging(["end": "detected"]) { a, _ in a }) == Double(m.detected))
            #expect(Self.value(final, "pollster_executions_started_total", labels) == Double(m.executions))
            #expect(Self.value(final, "pollster_executions_in_flight_count", labels) == 0)
            #expect(Self.value(final, "pollster_request_latency_seconds_count", labels) == Double(m.latency.count))
            // Counters only grow between scrapes, and were below their end during the run.
            let series = during.compactMap { Self.value($0, "pollster_requests_total", labels.merging(["class": "2xx"]) { a, _ in a }) }
            #expect(series == series.sorted(), "\(strategy.name): \(series)")
            #expect(series.contains { $0 < Double(m.responses200) }, "\(strategy.name): no scrape saw the run in progress")
        }
    }

    @Test func theGrafanaDashboardQueriesOnlyWhatTheExporterServes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("deploy/grafana/pollster-live.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        #expect(expressions.count >= 7)
        let served = LiveMetricsExporter(strategies: ["s"]).text()
        let names = try NSRegularExpression(pattern: "pollster_[a-z_]+")
        for expression in expressions {
            for match in names.matches(in: expression, range: NSRange(expression.startIndex..., in: expression)) {
                let name = String(expression[Range(match.range, in: expression)!])
                #expect(served.contains(name + "{") || served.contains(name + " "), "the dashboard queries \(name), which the exporter does not serve")
            }
        }
    }
}
