import PollsterCharts
/// What report.html's template renders: plain values, tables and finished SVG charts.
/// Mustache reads it by reflection, so every property is a stored one.
struct ReportPage: Sendable {
    /// A table cell.
    struct Cell: Sendable {
        var text: String
        /// The cell's CSS classes: `num` (right-aligned figures), `best` (the best value of
        /// its column); nil for none.
        var cssClass: String?

        /// A cell; `numeric` right-aligns it, `best` highlights it.
        init(_ text: String, numeric: Bool = false, best: Bool = false) {
            self.text = text
            let classes = (numeric ? ["num"] : []) + (best ? ["best"] : [])
            cssClass = classes.isEmpty ? nil : classes.joined(separator: " ")
        }
    }

    /// A table row.
    struct Row: Sendable {
        var cells: [Cell]
    }

    /// A table with a header row.
    struct Table: Sendable {
        var header: [Cell]
        var rows: [Row]
    }

    /// A chart with its explanation and its data as a table.
    struct Chart: Sendable {
        var id: String
        var title: String
        var caption: String
        var svg: String
        var tableSummary: String
        var table: Table
    }

    /// A labelled fact about the run.
    struct Fact: Sendable {
        var label: String
        var value: String
    }

    /// A strategy whose live run was saturated, for the banner under the header.
    struct SaturatedStrategy: Sendable {
        var name: String
        /// Its reasons, joined with "; ".
        var reasons: String
        /// What to change, as ``SaturationWarning/remedy(_:)`` says it.
        var remedy: String
    }

    /// One threshold's check of one strategy, for the thresholds box.
    struct ThresholdRow: Sendable {
        var expression: String
        var scope: String
        var strategy: String
        var measured: String
        /// "pass" or "FAIL"; a strategy over the limit of an `all:` threshold that holds
        /// says "over (the threshold holds)".
        var outcome: String
        var failed: Bool
    }

    var title: String
    var name: String
    var summary: String
    var facts: [Fact]
    var partial: Bool
    /// True when any strategy's live run was saturated (the banner shows).
    var saturated: Bool
    var saturatedStrategies: [SaturatedStrategy]
    var verdict: [String]
    var summaryTable: Table
    /// True for live runs (the "Live run health" table shows).
    var live: Bool
    var liveHealthTable: Table
    var strategies: [Fact]
    var charts: [Chart]
    /// True when the run was judged by thresholds (the box shows).
    var hasThresholds: Bool
    /// True when any threshold was breached (the box is red).
    var thresholdsBreached: Bool
    /// `thresholds: 1 of 3 breached` or `thresholds: all 3 passed`.
    var thresholdTally: String
    var thresholdRows: [ThresholdRow]
    /// The charts' stylesheet and legend script, the same on every page of charts.
    var chartStyle = ChartStyle.css
    var chartScript = ChartScript.element
}
