/// The parts every chart shares: the plot area, axes with tick labels and unit labels, grid
/// lines and a legend at the right; charts draw their marks inside it.
///
/// Colours come from the page's stylesheet: each series is a group with class `cN`
/// (N = series index mod 8) whose marks use `currentColor`, so light, dark and print
/// themes apply to the charts too. Data marks carry the class `mark`.
struct ChartFrame: Sendable {
    /// How a legend entry draws its swatch.
    enum Swatch: Sendable {
        case line
        case dot
        case bar
        /// The ring that marks Pareto-efficient points.
        case ring
    }

    /// One legend line.
    struct LegendEntry: Sendable {
        var name: String
        var series: Int
        var swatch: Swatch
    }

    static let width = 820.0
    static let height = 380.0
    static let left = 76.0
    static let right = 170.0
    static let top = 16.0
    static let bottom = 54.0

    var x: ChartAxis
    var y: ChartAxis

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }

    /// The horizontal position of data value `value`.
    func px(_ value: Double) -> Double { Self.left + x.fraction(value) * plotWidth }
    /// The vertical position of data value `value`.
    func py(_ value: Double) -> Double { Self.top + (1 - y.fraction(value)) * plotHeight }

    /// The class of series `index`'s group: one of eight colours, dashed after the first eight.
    static func seriesClass(_ index: Int) -> String {
        "series c\(index % 8)" + (index >= 8 ? " alt" : "")
    }

    /// The whole `<svg>` element: `marks` is the chart's own SVG, already escaped.
    func render(id: String, title: String, legend: [LegendEntry], marks: String) -> String {
        let n = SVG.number
        var out = "<svg class=\"chart\" id=\"\(SVG.escape(id))\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" role=\"img\" aria-labelledby=\"\(SVG.escape(id))-t\">"
        out += "<title id=\"\(SVG.escape(id))-t\">\(SVG.escape(title))</title>\n"
        let plotBottom = Self.top + plotHeight, plotRight = Self.left + plotWidth
        out += "<g class=\"grid\">"
        for tick in y.ticks where y.grid {
            out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(plotRight))\" y1=\"\(n(py(tick.value)))\" y2=\"\(n(py(tick.value)))\"/>"
        }
        for tick in x.ticks where x.grid {
            out += "<line x1=\"\(n(px(tick.value)))\" x2=\"\(n(px(tick.value)))\" y1=\"\(n(Self.top))\" y2=\"\(n(plotBottom))\"/>"
        }
        out += "</g>\n<g class=\"axis\">"
        out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(plotRight))\" y1=\"\(n(plotBottom))\" y2=\"\(n(plotBottom))\"/>"
        out += "<line x1=\"\(n(Self.left))\" x2=\"\(n(Self.left))\" y1=\"\(n(Self.top))\" y2=\"\(n(plotBottom))\"/>"
        for tick in y.ticks {
            out += "<text x=\"\(n(Self.left - 6))\" y=\"\(n(py(tick.value) + 4))\" text-anchor=\"end\">\(SVG.escape(tick.label))</text>"
        }
        for tick in x.ticks {
            out += "<text x=\"\(n(px(tick.value)))\" y=\"\(n(plotBottom + 16))\" text-anchor=\"middle\">\(SVG.escape(tick.label))</text>"
        }
        out += "<text class=\"label\" x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(Self.height - 10))\" text-anchor=\"middle\">\(SVG.escape(x.label))</text>"
        out += "<text class=\"label\" transform=\"translate(16 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVG.escape(y.label))</text>"
        out += "</g>\n<g class=\"data\">\n" + marks + "</g>\n<g class=\"legend\">"
        let legendX = plotRight + 18
        for (row, entry) in legend.enumerated() {
            let top = Self.top + 6 + Double(row) * 20
            out += "<g class=\"\(Self.seriesClass(entry.series))\">"
            switch entry.swatch {
            case .line:
                out += "<line class=\"swatch\" x1=\"\(n(legendX))\" x2=\"\(n(legendX + 18))\" y1=\"\(n(top + 6))\" y2=\"\(n(top + 6))\"/>"
            case .dot:
                out += "<circle class=\"swatch\" cx=\"\(n(legendX + 9))\" cy=\"\(n(top + 6))\" r=\"5\"/>"
            case .bar:
                out += "<rect class=\"swatch\" x=\"\(n(legendX + 3))\" y=\"\(n(top))\" width=\"12\" height=\"12\"/>"
            case .ring:
                out += "<circle class=\"ring\" cx=\"\(n(legendX + 9))\" cy=\"\(n(top + 6))\" r=\"7\"/>"
            }
            out += "<text x=\"\(n(legendX + 24))\" y=\"\(n(top + 10))\">\(SVG.escape(SVG.truncated(entry.name, to: 18)))<title>\(SVG.escape(entry.name))</title></text></g>"
        }
        out += "</g>\n</svg>"
        return out
    }
}
