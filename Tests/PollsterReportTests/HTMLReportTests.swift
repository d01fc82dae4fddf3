import Foundation
import PollsterCore
@testable import PollsterReport
import PollsterSim
import Testing

/// report.html: self-contained, escaped, every chart drawn, deterministic, small.
@Suite struct HTMLReportTests {
    static let chartIDs = ["chart-429", "chart-rps", "chart-cost", "chart-lag", "chart-latency", "chart-polls"]

    @Test func fetchesNothing() async throws {
        for html in [try HTMLReport.render(await ReportFixtures.simulated()), try HTMLReport.render(ReportFixtures.handMade())] {
            for forbidden in ["<script", "<link", "@import", "url(", "src=", "href=", "<iframe", "<object", "<embed"] {
                #expect(!html.contains(forbidden), "report.html contains \(forbidden)")
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
