import Foundation
import PollsterCore
@testable import PollsterCharts
@testable import PollsterReport
import PollsterSim
import Testing

/// report.html: self-contained, escaped, every chart drawn, deterministic, small.
@Suite struct HTMLReportTests {
    static let chartIDs = ["chart-429", "chart-rps", "chart-cost", "chart-lag", "chart-latency", "chart-polls"]

    @Test func fetchesNothing() async throws {
        for html in [
            try HTMLReport.render(await ReportFixtures.simulated()), try HTMLReport.render(ReportFixtures.handMade()),
            try HTMLReport.render(ReportFixtures.live()),
        ] {
            for forbidden in ["<link", "@import", "url(", "src=", "href=", "<iframe", "<object", "<embed"] {
                #expect(!html.contains(forbidden), "report.html contains \(forbidden)")
            }
            // One inline script (the legend's), which loads and fetches nothing.
            #expect(html.components(separatedBy: "<script").count == 2 && html.contains("<script>\n"))
            let script = html.components(separatedBy: "<script>").last!.components(separatedBy: "</script>")[0]
            for forbidden in ["fetch(", "XMLHttpRequest", "import(", "WebSocket", "http", "eval(", "innerHTML"] {
                #expect(!script.contains(forbidden), "the script uses \(forbidden)")
            }
            // A URL may appear only as text (the live target), never as an attribute value.
            for scheme in ["http://", "https://"] {
                var rest = html[...]
                while let range = rest.range(of: scheme) {
                    let start = html.index(range.lowerBound, offsetBy: -2, limitedBy: html.startIndex) ?? html.startIndex
                    let before = String(html[start..<range.lowerBound])
                    let inMarkup = before.hasSuffix("=\"") || before.hasSuffix("='") || before.hasSuffix("(")
                    #expect(!inMarkup, "a URL in markup: \(html[range.lowerBound...].prefix(40))")
                    #expect(Self.isInText(html, at: range.lowerBound))
                    rest = html[range.upperBound...]
                }
            }
        }
        let simulated = try HTMLReport.render(await ReportFixtures.simulated())
        #expect(!simulated.contains("http://") && !simulated.contains("https://"))
    }

    @Test func everyChartHasDataMarksAxesLegendAndTable() async throws {
        let html = try HTMLReport.render(await ReportFixtures.simulated())
        let charts = html.components(separatedBy: "<svg class=\"chart\"").dropFirst()
        #expect(charts.count == Self.chartIDs.count)
        for (chart, id) in zip(charts, Self.chartIDs) {
            let svg = chart.components(separatedBy: "</svg>")[0]
            #expect(svg.hasPrefix(" id=\"\(id)\""))
            #expect(svg.contains("class=\"mark"), "\(id) draws no data")
            #expect(svg.contains("<g class=\"legend\"><g class=\"series c0\">"), "\(id) has no legend")
            #expect(svg.contains("<text class=\"label\""), "\(id) has no axis labels")
            #expect(svg.components(separatedBy: "<title>").count > 3, "\(id) has no hover titles")
        }
        #expect(html.components(separatedBy: "<details>").count - 1 == Self.chartIDs.count)
        #expect(html.contains("scenario time (s)") && html.contains("detection lag (s)") && html.contains("latency (ms)"))
    }

    static let banner = """
        </header>
        <section class="saturated" role="alert" aria-label="Saturation warning">
        <p><strong>Saturated:</strong> the figures of the strategies below measure pollster's own queueing on this machine, not the API. pollster could not keep to their schedule, or its embedded server queued their requests, so their requests per execution, latency and detection lag are unreliable.</p>
        <ul>
        <li><strong>eager</strong>: send lateness p99 38.2 ms &gt; 10 ms limit: the client could not keep up; server queue p99 4.1 ms &gt; 2.5 ms limit: the embedded server queued requests. Remedy: lower timeScale to 2.5.</li>
        </ul>
        </section>
        <main>
        """

    @Test func saturatedRunsHaveABannerUnderTheHeader() async throws {
        #expect(try HTMLReport.render(ReportFixtures.live()).contains(Self.banner))
        var other = ReportFixtures.live()
        other.strategies[1].metrics.live?.saturation?.suggestedTimeScale = nil
        #expect(try HTMLReport.render(other).contains("Remedy: lower the load (fewer executions) or add --client-threads.</li>"))
        other.strategies[1].metrics.live?.saturation?.causes = []
        for html in [try HTMLReport.render(other), try HTMLReport.render(await ReportFixtures.simulated()), try HTMLReport.render(ReportFixtures.handMade())] {
            #expect(!html.contains("<section class=\"saturated\"") && html.contains("</header>\n<main>"))
        }
    }

    @Test func failedRequestsGetAChartWithItsTableAndASummaryColumn() async throws {
        let html = try HTMLReport.render(ReportFixtures.live())
        let ids = html.components(separatedBy: "<svg class=\"chart\" id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["chart-429", "chart-rps", "chart-failures", "chart-cost", "chart-lag", "chart-latency", "chart-polls"])
        #expect(html.components(separatedBy: "<details>").count - 1 == ids.count)
        let section = html.components(separatedBy: "<h2 id=\"chart-failures-heading\">Failed requests over time, by kind</h2>")[1].components(separatedBy: "</section>")[0]
        #expect(section.contains("<g class=\"legend\"><g class=\"series c0\">"))
        #expect(section.contains("<thead><tr><th class=\"num\">time (s)</th><th class=\"num\">steady: connection refused</th><th class=\"num\">steady: timeout</th><th class=\"num\">eager: timeout</th><th class=\"num\">blind: connection refused</th></tr></thead>"))
        #expect(section.contains("<tr><td class=\"num\">2.0</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>"))
        #expect(html.contains("<th class=\"num\">errors</th><th class=\"num\">failed</th><th class=\"num\">latency p99 (ms)</th>"))

        let simulated = try HTMLReport.render(await ReportFixtures.simulated())
        #expect(!simulated.contains("chart-failures") && !simulated.contains(">failed</th>"))
    }

    @Test func nothingDetectedShowsDashesNotZeros() throws {
        let html = try HTMLReport.render(ReportFixtures.live())
        // blind: requests, cost, 429 rate, under budget, lag p50/p90/p99/max, abandoned, errors, failed, latency.
        #expect(html.contains("<tr><td>blind</td><td class=\"num\">6</td><td class=\"num\">3.00</td><td class=\"num\">0.0%</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">6</td><td class=\"num\">-</td></tr>"))
        // Not plotted on cost vs freshness (a lag of 0 would look freshest), nor efficient.
        #expect(html.contains("<tr><td>blind</td><td class=\"num\">3.00</td><td class=\"num\">-</td><td class=\"num\">0.0%</td><td>no</td></tr>"))
        #expect(html.contains("Not plotted, for want of a measured detection lag: blind."))
        let cost = html.components(separatedBy: "<svg class=\"chart\" id=\"chart-cost\"")[1].components(separatedBy: "</svg>")[0]
        #expect(!cost.contains(">blind<"))
    }

    @Test func liveRunsShowTheirHealth() async throws {
        let html = try HTMLReport.render(ReportFixtures.live())
        #expect(html.contains("<h2>Live run health</h2>"))
        #expect(html.contains("<tr><td>eager</td><td class=\"num\">21.01</td><td class=\"num\">38.21</td><td class=\"num\">9.01</td><td class=\"num\">4.10</td><td class=\"num\">yes</td></tr>"))
        #expect(html.contains("<tr><td>blind</td><td class=\"num\">0.40</td><td class=\"num\">0.90</td><td class=\"num\">3.00</td><td class=\"num\">-</td><td class=\"num\">no</td></tr>"))
        // Simulations, and live results written before live measurements existed, have none.
        #expect(try !HTMLReport.render(await ReportFixtures.simulated()).contains("Live run health"))
        #expect(try !HTMLReport.render(ReportFixtures.handMade()).contains("Live run health"))
    }

    @Test func headerStatesScenarioModeSeedAndVerdict() async throws {
        let result = await ReportFixtures.simulated()
        let html = try HTMLReport.render(result)
        #expect(html.contains("<p class=\"lead\">\(SVG.escape(result.scenario.summary))</p>"))
        #expect(html.contains("<dt>Mode</dt><dd>simulated (discrete-event, virtual time)</dd>"))
        #expect(html.contains("<dt>Seed</dt><dd>3</dd>"))
        #expect(html.contains("429 budget of 5.0% of requests"))
        #expect(html.contains("prefers-color-scheme: dark") && html.contains("@media print"))
    }

    @Test func textIsEscaped() throws {
        let html = try HTMLReport.render(ReportFixtures.handMade())
        #expect(!html.contains("<made>") && !html.contains("<b>markup</b>") && !html.contains("<fast>"))
        #expect(html.contains("hand &lt;made&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains("fast, &quot;eager&quot;"))
        #expect(html.contains("live, against https://api.example.com"))
    }

    @Test func rate429AxisStopsAtOneHundredPercent() throws {
        let html = try HTMLReport.render(ReportFixtures.handMade())
        let chart = html.components(separatedBy: "<svg class=\"chart\" id=\"chart-429\"")[1].components(separatedBy: "</svg>")[0]
        #expect(chart.contains(">100</text>"))
        #expect(!chart.contains(">120</text>") && !chart.contains(">150</text>"))
    }

    @Test func slowLatenciesArePlottedInSeconds() throws {
        var result = ReportFixtures.handMade()
        #expect(try HTMLReport.render(result).contains(">latency (ms)</text>"))
        result.strategies[0].metrics.latency.record(12_000_000)
        let html = try HTMLReport.render(result)
        #expect(html.contains(">latency (s)</text>") && !html.contains(">latency (ms)</text>"))
    }

    @Test func sameResultSameBytes() async throws {
        #expect(try HTMLReport.render(ReportFixtures.live()) == HTMLReport.render(ReportFixtures.live()))
        let result = await ReportFixtures.simulated()
        #expect(try HTMLReport.render(result) == HTMLReport.render(result))
        #expect(try HTMLReport.render(await ReportFixtures.simulated()) == HTMLReport.render(result))
    }

    @Test func quickstartStaysUnderTwoMegabytes() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scenarios/quickstart.yaml").standardized.path
        var scenario = try ScenarioLoader.load(path: path)
        scenario.mode = .simulate
        let html = try HTMLReport.render(await Simulator(scenario: scenario).run())
        #expect(html.utf8.count < 2_000_000)
    }

    @Test func longSeriesAreMergedForCharts() {
        var series = TimeSeries(bucket: Time.seconds(1))
        for second in 0..<1000 { series.addRequest(at: Time.seconds(Double(second)), rateLimited: second % 2 == 0) }
        let factor = CoarseTimeSeries.factor(for: [series], maximumPoints: ReportCharts.maximumTimePoints)
        let coarse = CoarseTimeSeries(series, factor: factor)
        #expect(factor == 5)
        #expect(coarse.times.count == 200)
        #expect(coarse.requests.reduce(0, +) == 1000)
        #expect(coarse.rateLimited.reduce(0, +) == 500)
        #expect(coarse.width == 5)
    }

    @Test func percentileAxisIsLabelledLikeHdrHistogram() {
        let axis = ChartAxis.percentile("p", maximumInverseTail: 2500)
        #expect(axis.ticks.map(\.label) == ["0%", "90%", "99%", "99.9%", "99.99%"])
        #expect(axis.fraction(1) == 0 && axis.fraction(10_000) == 1)
        #expect(abs(axis.fraction(100) - 0.5) < 1e-9)
    }

    /// True when `index` is outside any tag (in element text).
    static func isInText(_ html: String, at index: String.Index) -> Bool {
        let before = html[..<index]
        guard let open = before.lastIndex(of: "<") else { return true }
        guard let close = before.lastIndex(of: ">") else { return false }
        return close > open
    }
}
