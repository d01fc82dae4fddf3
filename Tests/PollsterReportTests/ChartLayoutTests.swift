import Foundation
import PollsterCore
@testable import PollsterCharts
@testable import PollsterReport
import Testing

/// Charts with many series stay readable: distinct styles, legends with full names, point
/// labels that cover nothing, category labels in full, and captions that say what a bucket is.
@Suite struct ChartLayoutTests {
    @Test func tenSeriesGetTenDistinctStyles() throws {
        let styles = (0..<10).map { SeriesStyle(index: $0) }
        #expect(Set(styles).count == 10)
        #expect(Set(styles.prefix(8).map(\.colour)).count == 8)
        #expect(styles.prefix(8).allSatisfy { $0.variant == 0 } && styles[8].variant == 1 && styles[9].variant == 1)
        #expect(Set(styles.map(\.cssClass)).count == 10)
        #expect(styles[9].cssClass == "series c1 v1")
        // Up to 32 series, no two alike.
        #expect(Set((0..<32).map { SeriesStyle(index: $0) }).count == 32)

        // The stylesheet gives each theme eight different colours and each variant its own dashes.
        let css = ChartStyle.css
        for theme in css.components(separatedBy: "--c0: ").dropFirst() {
            let line = "--c0: " + theme.prefix { $0 != "\n" }
            let colours = (0..<8).map { index in
                line.components(separatedBy: "--c\(index): ")[1].prefix(7)
            }
            #expect(Set(colours).count == 8, "\(line)")
        }
        let dashes = (1..<4).map { variant in
            css.components(separatedBy: "svg.chart .series.v\(variant) line.swatch { stroke-dasharray: ")[1].prefix { $0 != ";" }
        }
        #expect(Set(dashes).count == 3)

        // A chart of ten series draws each in its own style and names each in full.
        let names = (0..<10).map { "strategy-\($0)-with-a-name-longer-than-any-legend-column" }
        let chart = LineChart(id: "t", title: "t", xLabel: "x", yLabel: "y", series: names.enumerated().map { index, name in
            ChartSeries(name: name, points: [.init(x: 0, y: Double(index), title: ""), .init(x: 1, y: Double(index), title: "")])
        })
        let svg = chart.svg
        let data = svg.components(separatedBy: "<g class=\"data\">")[1].components(separatedBy: "<g class=\"legend\">")[0]
        let classes = data.components(separatedBy: "<g class=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(classes.count == 10 && Set(classes).count == 10)
        let legend = svg.components(separatedBy: "<g class=\"legend\">")[1]
        for name in names { #expect(legend.contains(">\(name)</text>"), "\(name)") }
        #expect(!svg.contains("…"))
    }

    @Test func latencyFromTheIntendedSendKeepsItsStrategysColourWithAnotherPattern() throws {
        let html = try HTMLReport.render(ReportFixtures.live())
        let chart = html.components(separatedBy: "<svg class=\"chart\" id=\"chart-latency\"")[1].components(separatedBy: "</svg>")[0]
        let legend = chart.components(separatedBy: "<g class=\"legend\">")[1]
        let entries = legend.components(separatedBy: "<g class=\"").dropFirst().map { entry in
            (style: String(entry.prefix { $0 != "\"" }), name: String(entry.components(separatedBy: "\">").last!.prefix { $0 != "<" }))
        }
        // blind got no answer, so it has no curve from the intended send.
        #expect(entries.map(\.name) == ["steady", "eager", "blind", "steady (from intended send)", "eager (from intended send)"])
        #expect(entries.map(\.style) == ["series c0", "series c1", "series c2", "series c0 v1", "series c1 v1"])
    }

    /// The boxes of a rendered scatter chart's labels and point marks, from the SVG alone.
    static func boxes(_ svg: String) -> (labels: [LabelPlacement.Box], marks: [LabelPlacement.Box]) {
        func attribute(_ name: String, _ element: Substring) -> Double {
            Double(element.components(separatedBy: " \(name)=\"")[1].prefix { $0 != "\"" })!
        }
        let labels = svg.components(separatedBy: "<text class=\"point-label\"").dropFirst().map { element -> LabelPlacement.Box in
            let text = element.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
            let x = attribute("x", element[...]), y = attribute("y", element[...])
            return LabelPlacement.Box(minX: x, minY: y - ChartText.ascent, maxX: x + ChartText.width(text), maxY: y + ChartText.descent)
        }
        let marks = svg.components(separatedBy: "<circle class=\"mark dot\"").dropFirst().map { element -> LabelPlacement.Box in
            let x = attribute("cx", element[...]), y = attribute("cy", element[...])
            // The ring of a Pareto-efficient point reaches 10 px out.
            return LabelPlacement.Box(minX: x - 10, minY: y - 10, maxX: x + 10, maxY: y + 10)
        }
        return (labels, marks)
    }

    @Test func pointLabelsCoverNoPointAndNoOtherLabel() throws {
        // The quickstart's cost and freshness: expo's label at the usual place (upper right)
        // sat on full-jitter's point.
        let quickstart: [(String, Double, Double)] = [
            ("fixed-2s", 21.66, 64.5), ("expo", 6.88, 88.3), ("full-jitter", 7.44, 85.5), ("decorrelated", 5.40, 78.7), ("docs", 12.28, 93.5),
        ]
        // And a crowd: seven strategies within a few pixels of one another.
        var crowd: [(String, Double, Double)] = [("far", 40, 5)]
        for index in 0..<7 {
            let x: Double = 10 + Double(index % 3) * 0.2, y: Double = 50 + Double(index / 3) * 0.8
            crowd.insert(("crowded-\(index)", x, y), at: index)
        }
        for points in [quickstart, crowd] {
            let chart = ScatterChart(id: "c", title: "c", xLabel: "x", yLabel: "y", points: points.enumerated().map { index, point in
                ScatterChart.Point(name: point.0, x: point.1, y: point.2, title: point.0, efficient: index % 2 == 0, series: index)
            })
            let (labels, marks) = Self.boxes(chart.svg)
            #expect(labels.count == points.count && marks.count == points.count)
            for (i, label) in labels.enumerated() {
                for mark in marks { #expect(!label.intersects(mark), "label \(points[i].0) covers a point") }
                for (j, other) in labels.enumerated() where j != i {
                    #expect(!label.intersects(other), "labels \(points[i].0) and \(points[j].0) overlap")
                }
                #expect(label.minX >= 0 && label.maxX <= ChartFrame.width, "label \(points[i].0) leaves the chart")
            }
            #expect(!chart.svg.contains("…"))
        }
    }

    @Test func labelsOfPointsInOneSpotStillFindFreeRoom() {
        let bounds = LabelPlacement.Box(minX: 0, minY: 0, maxX: 700, maxY: 300)
        let points = (0..<12).map { (x: 350.0, y: 150.0, text: "strategy number \($0)") }
        let labels = LabelPlacement.place(points, radius: 10, bounds: bounds)
        let mark = LabelPlacement.Box(minX: 340, minY: 140, maxX: 360, maxY: 160)
        for (i, label) in labels.enumerated() {
            #expect(bounds.contains(label.box))
            #expect(!label.box.intersects(mark))
            for other in labels[(i + 1)...] { #expect(!label.box.intersects(other.box)) }
        }
        // The first takes the spot at the right; the first ring holds at most eight, and the
        // labels farther out get a leader line.
        #expect(labels[0].x == 360 + LabelPlacement.gap + 1 && labels[0].leader == nil)
        #expect(labels.dropFirst(8).allSatisfy { $0.leader != nil })
    }

    @Test func barChartNamesEveryCategoryInFull() {
        let names = ["progress-aware-with-a-rather-long-name", "fixed-3s-second-opinion", "docs"]
        let chart = BarChart(id: "b", title: "b", xLabel: "strategy", yLabel: "polls", categories: names, series: [
            BarChart.Series(name: "mean", values: [1, 2, 3], titles: ["a", "b", "c"]),
        ])
        let svg = chart.svg
        for name in names { #expect(svg.contains(">\(name)</text>")) }
        // Too wide for their slots: slanted, below the axis, and the chart grows to hold them.
        #expect(svg.contains("transform=\"rotate(-40.0"))
        let height = Double(svg.components(separatedBy: "viewBox=\"0 0 820.0 ")[1].prefix { $0 != "\"" })!
        #expect(height > 420)
    }

    @Test func headerAndCaptionsSayWhatATimeBucketIs() throws {
        // The run's buckets as they are: 1 s in the file and in the charts.
        let html = try HTMLReport.render(ReportFixtures.live())
        #expect(html.contains("<dt>Time bucket</dt><dd>1s (timeseries.csv and the charts over time)</dd>"))
        #expect(html.contains("per 1s of scenario time (the run&#39;s bucket), by send time."))
        #expect(html.contains("<summary>Data: 429 rate per 1s bucket (%)</summary>"))

        // A long run: the charts merge buckets, and say so where the header does.
        var long = ReportFixtures.live()
        for second in 0..<1000 { long.strategies[0].metrics.timeSeries.addRequest(at: Time.seconds(Double(second)), rateLimited: false) }
        let merged = try HTMLReport.render(long)
        #expect(merged.contains("<dt>Time bucket</dt><dd>1s in timeseries.csv; the charts over time merge 5 at a time into 5s buckets</dd>"))
        #expect(merged.contains("The share of each strategy&#39;s requests answered 429 (rate limited), per 5s of scenario time (the run&#39;s 1s buckets, merged 5 at a time; timeseries.csv has every 1s bucket), by send time."))
        #expect(merged.contains("requests sent per second of scenario time, averaged per 5s of scenario time (the run&#39;s 1s buckets, merged 5 at a time"))
        #expect(merged.contains("<summary>Data: requests/s per 5s bucket</summary>"))
        #expect(merged.contains("<summary>Data: failed requests per 5s bucket</summary>"))
        #expect(!merged.contains("per 1s of scenario time"))
    }

    @Test func latencyAndTimesHaveTwoDecimalsWhereTheCSVKeepsThree() throws {
        let result = ReportFixtures.live()
        let html = try HTMLReport.render(result)
        // Summary: latency p99 95.039 ms shows as 95.04, like the lag columns' two decimals.
        #expect(html.contains("<td class=\"num\">2</td><td class=\"num\">95.04</td></tr>"))
        #expect(!html.contains("95.039"))
        // Live health, in ms of wall time.
        #expect(html.contains("<tr><td>eager</td><td class=\"num\">21.01</td><td class=\"num\">38.21</td><td class=\"num\">9.01</td><td class=\"num\">4.10</td><td class=\"num\">yes</td></tr>"))
        // Chart tables: latency in ms and lag in s, two decimals.
        #expect(html.contains("<td>p99</td><td class=\"num\">95.04 ms</td>"))
        #expect(html.contains("<td>p99</td><td class=\"num\">2.40 s</td>"))
        #expect(html.contains("<td>steady</td><td class=\"num\">10.00</td><td class=\"num\">2.40</td>"))
        // The console agrees.
        #expect(ConsoleTable(colour: false).render(result).contains("    95.04ms\n"))
        // The CSV keeps every microsecond.
        let records = try RFC4180.records(SummaryCSV.render(result))
        #expect(records[0]["latency_ms_p99"] == "95.039")
        #expect(DecimalFormat.milliseconds(fromMicros: 95_039, digits: 2) == "95.04")
        #expect(DecimalFormat.milliseconds(fromMicros: 95_035, digits: 2) == "95.04")
        #expect(DecimalFormat.milliseconds(fromMicros: 95_034, digits: 2) == "95.03")
    }
}
