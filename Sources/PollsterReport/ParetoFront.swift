/// Pareto efficiency for two costs where lower is better on both (requests per execution
/// and detection lag): a point is efficient when no other point is at least as good on
/// both and better on one.
enum ParetoFront {
    /// For each point, whether it is efficient.
    static func efficient(_ points: [(x: Double, y: Double)]) -> [Bool] {
        points.map { point in
            !points.contains { other in
                other.x <= point.x && other.y <= point.y && (other.x < point.x || other.y < point.y)
            }
        }
    }
}
