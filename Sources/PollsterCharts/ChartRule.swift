/// A reference line across a chart's plot, dashed: a limit (horizontal), a knee
/// (vertical), a strategy run once to compare against (horizontal, in its own style and
/// named in the legend).
public struct ChartRule: Sendable {
    /// Which way the line runs.
    public enum Direction: Sendable {
        /// At a y value, across the plot.
        case horizontal
        /// At an x value, from bottom to top.
        case vertical
    }

    public var direction: Direction
    /// Where it lies, in the data units of its axis.
    public var value: Double
    /// What a reader sees on hovering the line.
    public var title: String
    /// Its style; nil: the neutral colour of a limit.
    public var style: SeriesStyle?
    /// Its legend entry (a dashed swatch); nil: none.
    public var name: String?
    /// Text written along the line, at the plot's right (horizontal) or top (vertical).
    public var label: String?
    /// For a vertical line, a y value to ring on it (where a knee meets a limit).
    public var ring: Double?
    /// Left off the plot and the scale (a reference far above the series, which would
    /// flatten them): only its legend entry, after an arrow up, says where it is.
    public var offScale: Bool

    /// A rule at `value`.
    public init(_ direction: Direction, at value: Double, title: String, style: SeriesStyle? = nil, name: String? = nil,
                label: String? = nil, ring: Double? = nil, offScale: Bool = false) {
        self.direction = direction
        self.value = value
        self.title = title
        self.style = style
        self.name = name
        self.label = label
        self.ring = ring
        self.offScale = offScale
    }
}
