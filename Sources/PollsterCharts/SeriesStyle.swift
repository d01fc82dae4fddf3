/// How a chart draws one series: one of ``colours`` colours and, once a chart has more
/// series than colours, a variant that changes the dash pattern of lines and the shape of
/// point markers, so that no two of a chart's first ``colours`` × ``variants`` series look
/// alike.
///
/// The colours themselves live in the charts' stylesheet, ``ChartStyle`` (classes `c0`…`c7`,
/// light, dark and print themes), the variants too (classes `v1`…`v3`); marks use
/// `currentColor`.
public struct SeriesStyle: Sendable, Hashable {
    /// Distinct colours (the stylesheet's `--c0`…`--c7`).
    public static let colours = 8
    /// Line dash patterns and marker shapes, in order: solid and circle first.
    public static let variants = 4

    /// The colour, 0..<``colours``.
    public var colour: Int
    /// The dash pattern and marker shape, 0..<``variants``: solid/circle, dashed/square,
    /// dotted/triangle, dash-dot/diamond.
    public var variant: Int

    /// The style of a chart's series `index`: colours first, then the next variant.
    public init(index: Int) {
        let index = Swift.max(0, index)
        colour = index % Self.colours
        variant = (index / Self.colours) % Self.variants
    }

    /// A style with the given colour and variant (wrapped into range).
    public init(colour: Int, variant: Int) {
        self.colour = ((colour % Self.colours) + Self.colours) % Self.colours
        self.variant = ((variant % Self.variants) + Self.variants) % Self.variants
    }

    /// The CSS classes of the series' group: `series cN`, plus `vN` for a variant.
    public var cssClass: String {
        "series c\(colour)" + (variant > 0 ? " v\(variant)" : "")
    }

    /// A point marker of this variant's shape centred at (`x`, `y`), about `radius` across
    /// half its width; `content` goes inside the element (a `<title>`).
    func marker(x: Double, y: Double, radius r: Double, cssClass: String, content: String = "") -> String {
        let n = SVG.number
        switch variant {
        case 1:
            let side = r * 1.7
            return "<rect class=\"\(cssClass)\" x=\"\(n(x - side / 2))\" y=\"\(n(y - side / 2))\" width=\"\(n(side))\" height=\"\(n(side))\">\(content)</rect>"
        case 2:
            let h = r * 1.15
            return "<path class=\"\(cssClass)\" d=\"M\(n(x)) \(n(y - h))L\(n(x + h)) \(n(y + h * 0.8))L\(n(x - h)) \(n(y + h * 0.8))Z\">\(content)</path>"
        case 3:
            let h = r * 1.3
            return "<path class=\"\(cssClass)\" d=\"M\(n(x)) \(n(y - h))L\(n(x + h)) \(n(y))L\(n(x)) \(n(y + h))L\(n(x - h)) \(n(y))Z\">\(content)</path>"
        default:
            return "<circle class=\"\(cssClass)\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\">\(content)</circle>"
        }
    }
}
