import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PollsterPlan

/// sweep.html: well-formed, self-contained, the references drawn and labelled.
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
        // Each line chart labels a dashed line per reference with its name, at its value.
        for name in ["fixed-2s", "docs"] {
            let labels = page.all.filter { $0.name == "text" && $0.text == name }
            // And the frontier chart's legend names it once.
            #expect(labels.count == SweepChart.metrics.count + 1, "\(name)")
            let row = try #require(result.referenceRows.first { $0.strategy == name })
            let lines = page.all.filter { element in
                element.name == "title" && element.ancestors.last == "line" && element.text.hasPrefix("\(name) (reference, scenario as written): ")
            }
            #expect(lines.map(\.text) == SweepChart.metrics.map { "\(name) (reference, scenario as written): \($0.describe(row.value($0)))" })
        }
        let dashed = page.all.filter { $0.name == "line" && $0.attributes["stroke-dasharray"] != nil }
        // Two references on four charts, and the legend's dashed swatch on each.
        #expect(dashed.count == 2 * 4 + 4)
        // The table: three points of expo, then the two references.
        let rows = page.all.filter { $0.name == "tr" && $0.ancestors.last == "tbody" }
        #expect(rows.count == 5)
        #expect(rows.map { $0.attributes["class"] } == [nil, nil, nil, "reference", "reference"])
        // Self-contained: nothing to fetch.
        #expect(!page.all.contains { $0.attributes["src"] != nil || $0.attributes["href"] != nil })
        #expect(!html.contains("<script"))
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
        // The reference on each of the four line charts, and in the frontier chart's legend.
        #expect(page.all.filter { $0.name == "text" && $0.text == "docs" }.count == 4 + 1)
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
        var chart = SVGLineChart(title: "t", xTitle: "x", yTitle: "y", series: [
            ChartSeries(name: "swept", colour: "#0072B2", points: (1...10).map { ChartSeries.Point(x: Double($0), y: Double($0)) }),
        ])
        chart.legend = .top
        chart.referenceCeiling = 20
        chart.referenceLines = [
            SVGLineChart.Mark(value: 5, label: "near", colour: "#E69F00", tooltip: "near: 5"),
            SVGLineChart.Mark(value: 50, label: "far 50", colour: "#009E73", tooltip: "far: 50"),
        ]
        var svg = SVGDocument(width: 760, height: 330)
        chart.render(into: &svg, left: 0, top: 0, width: 760, height: 330)
        let elements = Elements.parse(svg.text).all
        // The y axis stops at the series' top, not at the far reference.
        #expect(elements.filter { $0.name == "text" && $0.attributes["text-anchor"] == "end" }.map(\.text) == ["0", "2", "4", "6", "8", "10"])
        let tooltips = elements.filter { $0.name == "title" && $0.ancestors.last == "line" }.map(\.text)
        #expect(tooltips == ["near: 5"])
        let far = elements.filter { $0.name == "text" && $0.text.hasPrefix("↑ far 50") }
        #expect(far.count == 1 && far.first?.attributes["fill"] == "#009E73")
        #expect(elements.contains { $0.name == "title" && $0.ancestors.last == "text" && $0.text == "far: 50" })
    }

    @Test func referenceLabelsKeepApart() {
        #expect(SVGLineChart.spread([100, 101, 102], low: 0, high: 300) == [100, 113, 126])
        #expect(SVGLineChart.spread([102, 100, 250], low: 0, high: 300) == [113, 100, 250])
        #expect(SVGLineChart.spread([299, 300], low: 0, high: 300) == [287, 300])
        #expect(SVGLineChart.spread([-5, 400], low: 10, high: 300) == [10, 300])
    }
}
