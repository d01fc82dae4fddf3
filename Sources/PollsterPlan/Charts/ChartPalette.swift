/// Colours for chart series (a colour-blind-safe qualitative set) and for heatmaps.
public enum ChartPalette {
    /// Series colours, cycled: Okabe-Ito's, with its yellow darkened to olive, which thin
    /// dashed lines on white need.
    public static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8A8A00", "#000000"]

    /// The colour of series `index`.
    public static func colour(_ index: Int) -> String { series[index % series.count] }

    /// A sequential colour for `t` in [0, 1], light yellow (low) to dark blue (high).
    public static func sequential(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148)]
        let clamped = Swift.min(1, Swift.max(0, t.isFinite ? t : 0))
        let position = clamped * Double(stops.count - 1)
        let i = Swift.min(stops.count - 2, Int(position))
        let f = position - Double(i)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * f).rounded()) }
        let (r, g, b) = (mix(stops[i].0, stops[i + 1].0), mix(stops[i].1, stops[i + 1].1), mix(stops[i].2, stops[i + 1].2))
        return "#" + [r, g, b].map { value in
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
