import Foundation

/// The parts every chart shares: the plot area, axes with tick labels and unit labels, grid
/// lines and a legend under the plot; charts draw their marks inside it.
///
/// Colours and dash patterns come from the page's stylesheet: each series is a group with
/// the classes of its ``SeriesStyle`` whose marks use `currentColor`, so light, dark and
/// print themes apply to the charts too. Data marks carry the class `mark`. The height
/// grows with the legend (and with slanted category labels); the width is fixed.
struct ChartFrame: Sendable {
    static let width = 820.0
    static let top = 16.0
    /// The right margin of most charts (a heatmap keeps more, for its colour scale; a line
    /// chart, for its reference lines' labels).
    static let right = 40.0
    /// The widest right margin a line chart takes for the labels of its reference lines.
    static let maximumLabelColumn = 180.0
    /// Pixels between the baselines of two labels in the right margin (11 px text).
    static let labelSpacing = 13.0
    static let plotHeight = 300.0
    /// The narrowest left margin (room for the y tick labels and the y axis label).
    static let minimumLeft = 76.0
    /// Category labels too wide for their slot are slanted by this many degrees.
    static let slant = 40.0

    var x: ChartAxis
    var y: ChartAxis
    /// The left margin: wider when the first slanted category label needs the room.
    let left: Double
    /// True when category labels are slanted (one is wider than its slot).
    let slantsXLabels: Bool
    /// The right margin.
    let right: Double

    init(x: ChartAxis, y: ChartAxis, right: Double = ChartFrame.right) {
        self.x = x
        self.y = y
        self.right = right
        let widest = x.ticks.map { ChartText.width($0.label) }.max() ?? 0
        let slots = Swift.max(1, x.upper - x.lower)
        let slot = (Self.width - Self.minimumLeft - right) / slots
        slantsXLabels = x.isCategorical && widest > slot - 8
        if slantsXLabels {
            // A slanted label reaches left of its tick by its width times cos(slant).
            let cosine: Double = cos(Self.slant * .pi / 180)
            var reach = 0.0
            for tick in x.ticks {
                let extent: Double = ChartText.width(tick.label) * cosine
                reach = Swift.max(reach, extent - slot * (tick.value - x.lower) + 8)
            }
            left = Swift.max(Self.minimumLeft, reach)
        } else {
            left = Self.minimumLeft
        }
    }

    var plotWidth: Double { Self.width - left - right }
    var plotHeight: Double { Self.plotHeight }
    var plotBottom: Double { Self.top + Self.plotHeight }

    /// The horizontal position of data value `value`.
    func px(_ value: Double) -> Double { left + x.fraction(value) * plotWidth }
    /// The vertical position of data value `value`.
    func py(_ value: Double) -> Double { Self.top + (1 - y.fraction(value)) * plotHeight }

    /// How far below the plot the x tick labels reach.
    var xTickDepth: Double {
        guard slantsXLabels else { return 20 }
        let widest = x.ticks.map { ChartText.width($0.label) }.max() ?? 0
        return 14 + widest * sin(Self.slant * .pi / 180)
    }

    /// The whole `<svg>` element: `marks` is the chart's own SVG, already escaped.
    func render(id: String, title: String, legend: ChartLegend, marks: String) -> String {
        let n = SVG.number
        let plotRight = left + plotWidth
        let xLabelBaseline = plotBottom + xTickDepth + 16
        let legendTop = xLabelBaseline + 14
        let (legendSVG, legendHeight) = legend.render(left: left, top: legendTop, width: plotWidth)
        let height = (legendHeight > 0 ? legendTop + legendHeight : xLabelBaseline) + 8
        var out = "<svg class=\"chart\" id=\"\(SVG.escape(id))\" viewBox=\"0 0 \(n(Self.width)) \(n(height.rounded(.up)))\" role=\"img\" aria-labelledby=\"\(SVG.escape(id))-t\">"
        out += "<title id=\"\(SVG.escape(id))-t\">\(SVG.escape(title))</title>\n"
        out += "<g class=\"grid\">"
        for tick in y.ticks where y.grid {
            out += "<line x1=\"\(n(left))\" x2=\"\(n(plotRight))\" y1=\"\(n(py(tick.value)))\" y2=\"\(n(py(tick.value)))\"/>"
        }
        for tick in x.ticks where x.grid {
            out += "<line x1=\"\(n(px(tick.value)))\" x2=\"\(n(px(tick.value)))\" y1=\"\(n(Self.top))\" y2=\"\(n(plotBottom))\"/>"
        }
        out += "</g>\n<g class=\"axis\">"
        out += "<line x1=\"\(n(left))\" x2=\"\(n(plotRight))\" y1=\"\(n(plotBottom))\" y2=\"\(n(plotBottom))\"/>"
        out += "<line x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"\(n(Self.top))\" y2=\"\(n(plotBottom))\"/>"
        for tick in y.ticks {
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(py(tick.value) + 4))\" text-anchor=\"end\">\(SVG.escape(tick.label))</text>"
        }
        for tick in x.ticks {
            if slantsXLabels {
                let tx = px(tick.value), ty = plotBottom + 14
                out += "<text x=\"\(n(tx))\" y=\"\(n(ty))\" text-anchor=\"end\" transform=\"rotate(-\(n(Self.slant)) \(n(tx)) \(n(ty)))\">\(SVG.escape(tick.label))</text>"
            } else {
                out += "<text x=\"\(n(px(tick.value)))\" y=\"\(n(plotBottom + 16))\" text-anchor=\"middle\">\(SVG.escape(tick.label))</text>"
            }
        }
        out += "<text class=\"label\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(xLabelBaseline))\" text-anchor=\"middle\">\(SVG.escape(x.label))</text>"
        out += "<text class=\"label\" transform=\"translate(16 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVG.escape(y.label))</text>"
        out += "</g>\n<g class=\"data\">\n" + marks + "</g>\n" + legendSVG + "\n</svg>"
        return out
    }
}
