/// A chart's legend under the plot: entries left to right in equal columns, as many
/// columns as the widest name allows, as many rows as needed. Names are shown in full:
/// one too wide for the chart wraps onto more lines instead of being cut.
///
/// Each entry is a group with its series' classes (`series cN vN`, ``SeriesStyle``), the
/// same as the series' marks: ``ChartScript`` hides or shows the marks of an entry's
/// classes when the entry is clicked.
struct ChartLegend: Sendable {
    /// How an entry draws its swatch.
    enum Swatch: Sendable {
        case line
        /// The series' point marker (its variant's shape).
        case marker
        case bar
        /// The ring that marks Pareto-efficient points.
        case ring
        /// A dashed line: a reference line (``ChartRule``).
        case rule
    }

    /// One legend entry.
    struct Entry: Sendable {
        var name: String
        var style: SeriesStyle
        var swatch: Swatch
    }

    static let swatchWidth = 28.0
    static let textGap = 6.0
    static let columnGap = 20.0
    static let lineHeight = 16.0
    static let rowGap = 4.0

    var entries: [Entry]

    /// One entry's place: its column's left edge, its first baseline and its lines.
    struct Placement: Sendable {
        var x: Double
        var baseline: Double
        var lines: [String]
    }

    /// Where each entry goes in a legend `width` px wide whose top is at `top`, and the
    /// legend's height.
    func layout(left: Double, top: Double, width: Double) -> (placements: [Placement], height: Double) {
        guard !entries.isEmpty else { return ([], 0) }
        let textRoom = Swift.max(40, width - Self.swatchWidth - Self.textGap)
        let widest = entries.map { Swift.min(textRoom, ChartText.width($0.name)) }.max() ?? 0
        let column = Self.swatchWidth + Self.textGap + widest + Self.columnGap
        let columns = Swift.max(1, Int((width + Self.columnGap) / column))
        var placements: [Placement] = []
        var rowTop = top
        var index = 0
        while index < entries.count {
            let row = entries[index..<Swift.min(entries.count, index + columns)]
            let lines = row.map { ChartText.lines($0.name, maximum: textRoom) }
            for (offset, entryLines) in lines.enumerated() {
                placements.append(Placement(x: left + Double(offset) * column, baseline: rowTop + ChartText.ascent + 1, lines: entryLines))
            }
            rowTop += Double(lines.map(\.count).max() ?? 1) * Self.lineHeight + Self.rowGap
            index += columns
        }
        return (placements, rowTop - top)
    }

    /// The legend as a `<g class="legend">` at (`left`, `top`), `width` px wide, and its height.
    func render(left: Double, top: Double, width: Double) -> (svg: String, height: Double) {
        let (placements, height) = layout(left: left, top: top, width: width)
        let n = SVG.number
        var out = "<g class=\"legend\">"
        for (entry, place) in zip(entries, placements) {
            let middle = place.baseline - 4
            let x = place.x
            // The ring's entry explains a mark, it names no series: nothing for a click to hide.
            out += "<g class=\"\(entry.swatch == .ring ? "key" : entry.style.cssClass)\">"
            switch entry.swatch {
            case .line:
                out += "<line class=\"swatch\" x1=\"\(n(x))\" x2=\"\(n(x + Self.swatchWidth))\" y1=\"\(n(middle))\" y2=\"\(n(middle))\"/>"
            case .marker:
                out += entry.style.marker(x: x + Self.swatchWidth / 2, y: middle, radius: 5, cssClass: "swatch")
            case .bar:
                out += "<rect class=\"swatch\" x=\"\(n(x + Self.swatchWidth / 2 - 6))\" y=\"\(n(middle - 6))\" width=\"12\" height=\"12\"/>"
            case .rule:
                out += "<line class=\"swatch rule\" x1=\"\(n(x))\" x2=\"\(n(x + Self.swatchWidth))\" y1=\"\(n(middle))\" y2=\"\(n(middle))\"/>"
            case .ring:
                out += "<circle class=\"ring\" cx=\"\(n(x + Self.swatchWidth / 2))\" cy=\"\(n(middle))\" r=\"7\"/>"
            }
            let textX = n(x + Self.swatchWidth + Self.textGap)
            out += "<text x=\"\(textX)\" y=\"\(n(place.baseline))\">"
            for (i, line) in place.lines.enumerated() {
                out += i == 0 ? SVG.escape(line) : "<tspan x=\"\(textX)\" dy=\"\(n(Self.lineHeight))\">\(SVG.escape(line))</tspan>"
            }
            out += "</text></g>"
        }
        out += "</g>"
        return (out, height)
    }
}
