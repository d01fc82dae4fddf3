/// The one Pareto rule of every chart and verdict (report.html, sweep.html, sweep.svg):
/// two costs, lower is better on both (requests per execution and detection lag). A point
/// is efficient when no other point is at least as good on both and better on one, so
/// exact ties are efficient together (neither beats the other).
public enum ParetoFront {
    /// For each point, whether it is efficient.
    public static func efficient(_ points: [(x: Double, y: Double)]) -> [Bool] {
        points.map { point in
            !points.contains { other in
                other.x <= point.x && other.y <= point.y && (other.x < point.x || other.y < point.y)
            }
        }
    }

    /// The efficient points' indices, cheapest first (by x, then y, then index).
    public static func indices(_ points: [(x: Double, y: Double)]) -> [Int] {
        let efficient = efficient(points)
        return points.indices.filter { efficient[$0] }.sorted { a, b in (points[a].x, points[a].y, a) < (points[b].x, points[b].y, b) }
    }
}
