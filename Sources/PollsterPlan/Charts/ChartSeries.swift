/// One named line (or set of dots) of a chart, with optional error bars.
public struct ChartSeries: Sendable {
    /// One point: x, y, and an optional interval for y.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?
        /// A tooltip.
        public var label: String?

        /// A point at (x, y) with an optional interval [low, high].
        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil, label: String? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
            self.label = label
        }
    }

    public var name: String
    public var colour: String
    public var points: [Point]
    /// Draw a line through the points (otherwise dots only).
    public var connected: Bool
    public var radius: Double

    /// A series called `name`.
    public init(name: String, colour: String, points: [Point], connected: Bool = true, radius: Double = 3) {
        self.name = name
        self.colour = colour
        self.points = points
        self.connected = connected
        self.radius = radius
    }
}
