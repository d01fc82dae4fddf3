import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PollsterCharts
import PollsterCore
@testable import PollsterPlan
import PollsterReport
import Testing

/// sweep.html: well-formed, self-contained, the references drawn and named, its charts
/// report.html's (one chart module, one Pareto rule).
@Suite struct SweepHTMLTests {
    /// The elements of an XML document, in order, with their attributes and text.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
            /// Names of the enclosing elements, outermost first.
            var ancestors: [String]
        }

        var all: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            all.append(Element(name: name, attributes: attributes, ancestors: open.map { all[$0].name }))
            open.append(all.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = open.last { all[last].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if let last = open.last { all[last].text += String(decoding: block, as: UTF8.self) }
        }

        /// The elements of `text`; fails the test when it is not well-formed XML.
        static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Elements {
            let elements = Elements()
            let parser = XMLParser(data: Data(text.utf8))
            parser.delegate = elements
            let parsed = parser.parse()
            #expect(parsed, "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)", sourceLocation: sourceLocation)
            return elements
        }
    }

    func result(_ axes: [String], strategies: [String] = [], replications: Int = 1) async throws -> SweepResult {
        let template = try PlanFixtures.template(PlanFixtures.mixed)
        let sweep = try Sweep(template: template, axes: try axes.map { try SweepAxis(argument: $0) }, replications: replications, strategyNames: strategies)
        return await sweep.run(batch: SimulationBatch(jobs: 2))
    }

    @Test func oneStrategySweepDrawsAndLabelsItsReferences() async throws {
        let result = try await result(["strategies.expo.multiplier=1.5,2,3"])
        let html = try SweepHTML.render(result)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let page = Elements.parse(html)
        #expect(page.all.first { $0.name == "h1" }?.text == "pollster sweep: mixed")
        // A chart per metric and the frontier, each an inline SVG.
        let charts = page.all.filter { $0.name == "svg" }
        #expect(charts.count == SweepChart.metrics.count + 1)
        for metric in SweepChart.metrics {
            #expect(page.all.contains { $0.name == "h2" && $0.attributes["id"] == metric.rawValue && $0.text == metric.label }, "\(metric)")
        }
        // Each line chart labels a dashed line per reference with its name, at its value, and
        // names it in its legend.
        for name in ["fixed-2s", "docs"] {
            let labels = page.all.filter { $0.name == "text" && $0.text == name }
            #expect(labels.filter { $0.attributes["class"] == "rule-label" }.count == SweepChart.metrics.count, "\(name)")
            // And the frontier chart's legend names it once.
            #expect(labels.count == 2 * SweepChart.metrics.count + 1, "\(name)")
            let row = try #require(result.referenceRows.first { $0.strategy == name })
            let lines = page.all.filter { element in
                element.name == "title" && element.ancestors.last == "line" && element.text.hasPrefix("\(name) (reference, scenario as written): ")
            }
            #expect(lines.map(\.text) == SweepChart.metrics.map { "\(name) (reference, scenario as written): \($0.describe(row.value($0)))" })
        }
        // Two references on four charts, each a dashed line with its dashed swatch in the legend.
        #expect(page.all.filter { $0.name == "line" && $0.attributes["class"] == "mark rule" }.count == 2 * 4)
        #expect(page.all.filter { $0.name == "line" && $0.attributes["class"] == "swatch rule" }.count == 2 * 4)
        // The table: three points of expo, then the two references.
        let rows = page.all.filter { $0.name == "tr" && $0.ancestors.last == "tbody" }
        #expect(rows.count == 5)
        #expect(rows.map { $0.attributes["class"] } == [nil, nil, nil, "reference", "reference"])
        Self.expectSelfContained(html, page)
    }

    /// Nothing to fetch: no source or link attribute, no URL but the XHTML namespace's name
    /// (which is never fetched), one inline script that loads nothing.
    static func expectSelfContained(_ html: String, _ page: Elements, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!page.all.contains { $0.attributes["src"] != nil || $0.attributes["href"] != nil }, sourceLocation: sourceLocation)
        let text = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
        for forbidden in ["http:", "https:", "<script src", "src=", "href=", "<link", "@import", "url(", "<iframe", "<object", "<embed"] {
            #expect(!text.contains(forbidden), "sweep.html contains \(forbidden)", sourceLocation: sourceLocation)
        }
        let scripts = page.all.filter { $0.name == "script" }
        #expect(scripts.count == 1 && scripts.allSatisfy { $0.attributes.isEmpty }, sourceLocation: sourceLocation)
        let script = scripts.first?.text ?? ""
        #expect(script.contains("legend"), sourceLocation: sourceLocation)
        for forbidden in ["fetch(", "XMLHttpRequest", "import(", "WebSocket", "eval(", "innerHTML"] {
            #expect(!script.contains(forbidden), "the script uses \(forbidden)", sourceLocation: sourceLocation)
        }
    }

    @Test func everySweepPageIsSelfContained() async throws {
        for (axes, strategies) in [(["strategies.expo.multiplier=1.5,3"], [String]()),
                                   (["server.rateLimits[0].rate=2/s,4/s", "workload.arrival.rate=1/s,2/s"], ["fixed-2s", "expo"])] {
            let html = try SweepHTML.render(try await result(axes, strategies: strategies))
            Self.expectSelfContained(html, Elements.parse(html))
            // The charts are the shared module's: its stylesheet and legend script.
            #expect(html.contains(ChartStyle.css) && html.contains(ChartScript.element))
        }
    }

    /// The efficient strategies of the cost-versus-freshness chart `id` in `html`: the
    /// titles of the ringed points, up to the first space.
    static func ringed(_ html: String, chart id: String) -> Set<String> {
        let chart = html.components(separatedBy: "id=\"\(id)\"")[1].components(separatedBy: "</svg>")[0]
        let data = chart.components(separatedBy: "<g class=\"data\">")[1].components(separatedBy: "<g class=\"legend\">")[0]
        let groups = data.components(separatedBy: "<g class=\"series").dropFirst()
        return Set(groups.filter { $0.contains("class=\"ring\"") }.map { group in
            String(group.components(separatedBy: "<title>")[1].prefix { $0 != " " && $0 != ":" })
        })
    }

    @Test func aSweepAndAReportMarkTheSameFrontierForTheSameData() async throws {
        // A sweep's rows, each its own strategy as a run's strategies are, plus a twin of the
        // first row (a tie), as a sweep and as a run: both pages must ring the same points.
        var sweep = try await result(["strategies.expo.multiplier=1.5,2,3"])
        for index in sweep.rows.indices { sweep.rows[index].strategy = "s\(index)" }
        var twin = sweep.rows[0]
        twin.strategy = "twin"
        sweep.rows.append(twin)
        let run = RunResult(scenario: ScenarioInfo(try PlanFixtures.template(PlanFixtures.mixed).scenario),
                            strategies: sweep.rows.map { StrategyResult(name: $0.strategy, description: $0.description, metrics: $0.metrics) })
        let reportFront = Self.ringed(try HTMLReport.render(run), chart: "chart-cost")
        let sweepFront = Self.ringed(try SweepHTML.render(sweep), chart: "chart-pareto")
        #expect(!reportFront.isEmpty)
        #expect(reportFront == sweepFront)
        #expect(reportFront.contains("s0") == reportFront.contains("twin"))
        // And the sweep's table marks the same rows.
        #expect(Set(sweep.frontier.map { sweep.rows[$0].strategy }) == sweepFront)
    }

    @Test func factsGiveTheAxesAndTheSimulationCount() async throws {
        let result = try await result(["strategies.expo.multiplier=1.5,3"], replications: 2)
        let page = Elements.parse(try SweepHTML.render(result))
        let facts = Dictionary(zip(page.all.filter { $0.name == "dt" }.map(\.text), page.all.filter { $0.name == "dd" }.map(\.text)),
                               uniquingKeysWith: { a, _ in a })
        #expect(facts["strategies.expo.multiplier"] == "1.5, 3 (scenario file: 2)")
        #expect(facts["Varied strategy"] == "expo")
        #expect(facts["References"] == "fixed-2s, docs")
        #expect(facts["Simulations"] == "8: (2 points × 1 strategy + 2 references) × 2 seeds")
        #expect(page.all.first { $0.name == "p" && $0.attributes["class"] == "lead" }?.text
                == "expo simulated at 2 values of strategies.expo.multiplier; the 2 other strategies once, on the scenario as written, as references.")
    }

    @Test func gridOfOneStrategyHasALinePerValueOfTheSecondAxis() async throws {
        let result = try await result(["strategies.expo.multiplier=1.5,2,3", "strategies.expo.initial=1s,2s"])
        let page = Elements.parse(try SweepHTML.render(result))
        let legend = page.all.filter { $0.name == "text" && $0.text.hasPrefix("strategies.expo.initial=") }.map(\.text)
        #expect(legend == Array(repeating: ["strategies.expo.initial=1s", "strategies.expo.initial=2s"], count: 4).flatMap { $0 })
        // The reference on each of the four line charts (beside the plot and in the legend),
        // and in the frontier chart's legend.
        #expect(page.all.filter { $0.name == "text" && $0.text == "docs" }.count == 2 * 4 + 1)
    }

    @Test func gridOfSeveralStrategiesKeepsTheHeatmaps() async throws {
        let result = try await result(["server.rateLimits[0].rate=2/s,4/s", "workload.arrival.rate=1/s,2/s"], strategies: ["fixed-2s", "expo"])
        let html = try SweepHTML.render(result)
        let page = Elements.parse(html)
        let headings = page.all.filter { $0.name == "h2" }.map(\.text)
        #expect(headings == ["fixed-2s: 429 rate", "expo: 429 rate", "fixed-2s: polls per execution", "expo: polls per execution",
                             "fixed-2s: detection lag p99", "expo: detection lag p99", "Cost vs freshness", "Every row"])
        #expect(!page.all.contains { $0.name == "tr" && $0.attributes["class"] == "reference" })
    }

    @Test func aReferenceFarAboveTheLinesIsNamedNotDrawn() {
        let chart = LineChart(id: "t", title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(name: "swept", points: (1...10).map { ChartSeries.Point(x: Double($0), y: Double($0), title: "") }, markers: true),
        ], xScale: .fitted, rules: [
            ChartRule(.horizontal, at: 5, title: "near: 5", style: SeriesStyle(index: 1), name: "near"),
            ChartRule(.horizontal, at: 50, title: "far: 50", style: SeriesStyle(index: 2), name: "far 50", offScale: true),
        ])
        let elements = Elements.parse(chart.svg).all
        // The y axis stops near the series' top, not at the far reference.
        #expect(elements.filter { $0.name == "text" && $0.attributes["text-anchor"] == "end" }.map(\.text) == ["0", "5", "10", "15"])
        let tooltips = elements.filter { $0.name == "title" && $0.ancestors.last == "line" }.map(\.text)
        #expect(tooltips == ["near: 5"])
        // Both named in the legend, in their colours; the far one after an arrow up.
        let legend = elements.filter { $0.name == "text" && $0.ancestors.contains("g") && ($0.text == "near" || $0.text.hasPrefix("↑")) }
        #expect(legend.map(\.text) == ["near", "↑ far 50"])
        #expect(elements.filter { $0.name == "g" && $0.attributes["class"] == "series c2" }.count == 1)
    }

    @Test func referenceLabelsKeepApart() {
        #expect(ChartFrame.spread([100, 101, 102], low: 0, high: 300) == [100, 113, 126])
        #expect(ChartFrame.spread([102, 100, 250], low: 0, high: 300) == [113, 100, 250])
        #expect(ChartFrame.spread([299, 300], low: 0, high: 300) == [287, 300])
        #expect(ChartFrame.spread([-5, 400], low: 10, high: 300) == [10, 300])
    }

    @Test func axesFitSweptValues() {
        // A log axis for values spanning 20 times or more, with round ticks inside it.
        let log = ChartAxisProbe.ticks(LineChart(id: "l", title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(name: "s", points: [0.5, 1, 2, 4, 10].map { ChartSeries.Point(x: $0, y: 1, title: "") }),
        ], xScale: .logarithmic).svg)
        #expect(log.starts(with: ["0.5", "1", "2", "5", "10"]))
        // Named values at the middle of their slots.
        let named = LineChart(id: "c", title: "t", xLabel: "x", yLabel: "y", series: [
            ChartSeries(name: "s", points: [0, 1].map { ChartSeries.Point(x: $0, y: 1, title: "") }),
        ], xScale: .categories(["tokenBucket", "slidingWindow"])).svg
        #expect(named.contains(">tokenBucket</text>") && named.contains(">slidingWindow</text>"))
    }
}

/// Reads a chart's x tick labels back from its SVG.
enum ChartAxisProbe {
    static func ticks(_ svg: String) -> [String] {
        svg.components(separatedBy: "text-anchor=\"middle\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }
}
