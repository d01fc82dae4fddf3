/// Places the labels of a scatter chart's points so that no label covers a point or
/// another label, deterministically: each point in turn takes the first free spot among
/// candidates around it, nearest first (right, upper right, lower right, left, upper left,
/// lower left, above, below), in rings farther and farther out; a label set away from its
/// point gets a leader line. Text sizes are ``ChartText``'s estimates.
enum LabelPlacement {
    /// An axis-aligned rectangle in SVG coordinates.
    struct Box: Sendable, Equatable {
        var minX: Double
        var minY: Double
        var maxX: Double
        var maxY: Double

        /// True when the boxes overlap or are less than `gap` apart.
        func intersects(_ other: Box, gap: Double = 0) -> Bool {
            minX < other.maxX + gap && other.minX < maxX + gap && minY < other.maxY + gap && other.minY < maxY + gap
        }

        /// True when `other` lies wholly inside.
        func contains(_ other: Box) -> Bool {
            other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
        }

        /// How much area the boxes share.
        func overlap(_ other: Box) -> Double {
            Swift.max(0, Swift.min(maxX, other.maxX) - Swift.max(minX, other.minX))
                * Swift.max(0, Swift.min(maxY, other.maxY) - Swift.max(minY, other.minY))
        }
    }

    /// A placed label: left-aligned text at (`x`, `baseline`), its box, and the leader line
    /// from its point when it stands apart from it.
    struct Label: Sendable {
        var text: String
        var x: Double
        var baseline: Double
        var box: Box
        var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?
    }

    /// Clear space kept between a label and anything else, px.
    static let gap = 2.0
    /// How far each ring of candidates lies beyond the previous one, px.
    static let ringStep = 12.0
    /// Rings tried before settling for the least-covered spot.
    static let rings = 16

    /// One label per point, in the order given. `radius` is how far from its centre a point's
    /// mark reaches (its ring included); labels stay inside `bounds`.
    static func place(_ points: [(x: Double, y: Double, text: String)], radius: Double, bounds: Box) -> [Label] {
        let marks = points.map { Box(minX: $0.x - radius, minY: $0.y - radius, maxX: $0.x + radius, maxY: $0.y + radius) }
        var taken: [Box] = []
        var labels: [Label] = []
        for point in points {
            let width = ChartText.width(point.text), height = ChartText.ascent + ChartText.descent
            var best: (box: Box, ring: Int, covered: Double)?
            search: for ring in 0..<rings {
                let reach = radius + gap + 1 + Double(ring) * ringStep
                for box in candidates(x: point.x, y: point.y, width: width, height: height, reach: reach) {
                    guard bounds.contains(box) else { continue }
                    let covered = (marks + taken).reduce(0) { $0 + ($1.intersects(box, gap: gap) ? Swift.max(1, $1.overlap(box)) : 0) }
                    if covered == 0 {
                        best = (box, ring, 0)
                        break search
                    }
                    if best == nil || covered < best!.covered { best = (box, ring, covered) }
                }
            }
            // Nothing inside the bounds at all (a label wider than the plot): at the point's right.
            let chosen = best ?? (Box(minX: point.x + radius + gap, minY: point.y - height / 2, maxX: point.x + radius + gap + width, maxY: point.y + height / 2), 0, 0)
            taken.append(chosen.box)
            labels.append(Label(
                text: point.text, x: chosen.box.minX, baseline: chosen.box.minY + ChartText.ascent, box: chosen.box,
                leader: chosen.ring > 0 ? leader(from: (point.x, point.y), radius: radius, to: chosen.box) : nil
            ))
        }
        return labels
    }

    /// Label boxes around (`x`, `y`) whose nearest side is `reach` away, in order of preference.
    static func candidates(x: Double, y: Double, width w: Double, height h: Double, reach: Double) -> [Box] {
        let diagonal = reach * 0.75
        func box(_ left: Double, _ top: Double) -> Box { Box(minX: left, minY: top, maxX: left + w, maxY: top + h) }
        return [
            box(x + reach, y - h / 2),
            box(x + diagonal, y - diagonal - h),
            box(x + diagonal, y + diagonal),
            box(x - reach - w, y - h / 2),
            box(x - diagonal - w, y - diagonal - h),
            box(x - diagonal - w, y + diagonal),
            box(x - w / 2, y - reach - h),
            box(x - w / 2, y + reach),
        ]
    }

    /// A line from the edge of a point's mark to the nearest point of `box`.
    static func leader(from point: (x: Double, y: Double), radius: Double, to box: Box) -> (x1: Double, y1: Double, x2: Double, y2: Double) {
        let tx = Swift.min(Swift.max(point.x, box.minX), box.maxX)
        let ty = Swift.min(Swift.max(point.y, box.minY), box.maxY)
        let dx = tx - point.x, dy = ty - point.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return (point.x, point.y, tx, ty) }
        return (point.x + dx / length * radius, point.y + dy / length * radius, tx, ty)
    }
}
