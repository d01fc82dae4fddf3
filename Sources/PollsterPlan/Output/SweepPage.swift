import PollsterCharts

/// What sweep.html's template renders: plain values, one table and finished SVG charts.
/// Mustache reads it by reflection, so every property is a stored one.
struct SweepPage: Sendable {
    /// A table cell.
    struct Cell: Sendable {
        var text: String
        /// The cell's CSS classes (`num`, `best`); nil for none.
        var cssClass: String?

        /// A cell; `numeric` right-aligns it, `best` highlights it.
        init(_ text: String, numeric: Bool = false, best: Bool = false) {
            self.text = text
            let classes = (numeric ? ["num"] : []) + (best ? ["best"] : [])
            cssClass = classes.isEmpty ? nil : classes.joined(separator: " ")
        }
    }

    /// A table row; `cssClass` is `reference` for a reference strategy's row.
    struct Row: Sendable {
        var cells: [Cell]
        var cssClass: String?
    }

    /// A table with a header row.
    struct Table: Sendable {
        var header: [Cell]
        var rows: [Row]
    }

    /// A labelled fact about the sweep.
    struct Fact: Sendable {
        var label: String
        var value: String
    }

    /// A chart with its heading and explanation.
    struct Chart: Sendable {
        var id: String
        var heading: String
        var caption: String
        var svg: String
    }

    var title: String
    var lead: String
    var facts: [Fact]
    var partial: Bool
    var charts: [Chart]
    var table: Table
    /// What the table's marks mean.
    var tableNote: String
    /// The strategies and what each is, in row order.
    var strategies: [Fact]
    /// The charts' stylesheet and legend script, the same on every page of charts.
    var chartStyle = ChartStyle.css
    var chartScript = ChartScript.element
}
