/// The Pareto frontier of points that trade a cost against a lag, both lower-is-better.
public enum ParetoFrontier {
    /// Indices of the points no other point matches or beats on both cost and lag (and beats
    /// on one), ordered by increasing cost (so by decreasing lag); exact ties keep the first.
    public static func indices(_ points: [(cost: Double, lag: Double)]) -> [Int] {
        let order = points.indices.sorted { a, b in
            (points[a].cost, points[a].lag, a) < (points[b].cost, points[b].lag, b)
        }
        var frontier: [Int] = []
        var bestLag = Double.infinity
        for index in order where points[index].lag < bestLag {
            frontier.append(index)
            bestLag = points[index].lag
        }
        return frontier
    }
}
