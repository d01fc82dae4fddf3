import Foundation
import PollsterCore
import PollsterReport

/// sweep.json, capacity.json and tune.json: the results as JSON with sorted keys, so the
/// same run gives the same bytes.
public enum PlanJSON {
    struct Interval: Codable {
        var mean: Double
        var low: Double
        var high: Double
        var samples: Int

        init(_ interval: ConfidenceInterval) {
            mean = interval.mean
            low = interval.low
            high = interval.high
            samples = interval.count
        }
    }

    struct SweepDocument: Codable {
        struct Axis: Codable { var path: String; var values: [String] }
        struct Row: Codable {
            /// Absent for a reference row.
            var point: Int?
            /// Empty for a reference row.
            var values: [String: String]
            var strategy: String
            var description: String
            var summary: [String: String]
            var replicationIntervals: [String: Interval]
            var pareto: Bool
            var reference: Bool
        }
        var scenario: String
        var seed: UInt64
        var replications: Int
        /// The strategy the axes vary; absent when every strategy ran at every point.
        var variedStrategy: String?
        var simulations: Int
        var partial: Bool
        var axes: [Axis]
        var rows: [Row]
        var paretoFrontier: [Int]
    }

    /// sweep.json.
    public static func sweep(_ result: SweepResult) throws -> Data {
        let frontier = result.frontier
        let rows = result.rows.enumerated().map { index, row in
            let summary = row.summary
            return SweepDocument.Row(
                point: row.point,
                values: Dictionary(uniqueKeysWithValues: zip(result.axes.map(\.path.description), row.values.map(\.text))),
                strategy: row.strategy, description: row.description,
                summary: Dictionary(uniqueKeysWithValues: zip(StrategySummary.columns, summary.fields)),
                replicationIntervals: Dictionary(uniqueKeysWithValues: PlanMetric.allCases.map { ($0.rawValue, Interval(row.interval($0))) }),
                pareto: frontier.contains(index), reference: row.isReference
            )
        }
        return try encode(SweepDocument(
            scenario: result.scenarioName, seed: result.seed, replications: result.replications,
            variedStrategy: result.variedStrategy, simulations: result.simulations, partial: result.partial,
            axes: result.axes.map { SweepDocument.Axis(path: $0.path.description, values: $0.values.map(\.text)) },
            rows: rows, paretoFrontier: frontier
        ))
    }

    struct CapacityDocument: Codable {
        struct Constraint: Codable { var metric: String; var limit: Double }
        struct CurvePoint: Codable { var load: Double; var value: String; var rate429: Interval }
        struct Estimate: Codable {
            var strategy: String
            var status: String
            var capacity: Interval
            var perSeed: [Double?]
            var sentence: String
            var curve: [CurvePoint]
        }
        var scenario: String
        var path: String
        var unit: String
        var seed: UInt64
        var replications: Int
        var tolerance: Double
        var constraints: [Constraint]
        var simulations: Int
        var partial: Bool
        var strategies: [Estimate]
    }

    /// capacity.json.
    public static func capacity(_ result: CapacityResult) throws -> Data {
        try encode(CapacityDocument(
            scenario: result.scenarioName, path: result.axis.path.description, unit: result.axis.unitName, seed: result.seed,
            replications: result.replications, tolerance: result.tolerance,
            constraints: result.constraints.map { CapacityDocument.Constraint(metric: $0.metric.rawValue, limit: $0.limit) },
            simulations: result.simulations, partial: result.partial,
            strategies: result.estimates.map { estimate in
                CapacityDocument.Estimate(
                    strategy: estimate.strategy, status: CapacityCSV.status(estimate.status), capacity: Interval(estimate.interval),
                    perSeed: estimate.perSeed, sentence: result.sentence(estimate),
                    curve: estimate.curve.map { CapacityDocument.CurvePoint(load: $0.load, value: $0.text, rate429: Interval($0.rate429)) }
                )
            }
        ))
    }

    struct TuneDocument: Codable {
        struct Point: Codable {
            var parameters: [String: String]
            var search: [String: Double]
            var searchSeeds: Int
            var recheck: [String: Interval]
        }
        var strategy: String
        var objective: String
        var constraints: [String: Double]
        var bounds: [String: [Double]]
        var feasible: Bool
        var binding: [String]
        var winner: Point
        var start: Point
        var yaml: String
        var evaluated: Int
        var simulations: Int
        var partial: Bool
    }

    /// tune.json.
    public static func tuning(_ result: TuningResult) throws -> Data {
        let names = result.metrics.map(\.rawValue)
        func point(_ p: TuningPoint) -> TuneDocument.Point {
            TuneDocument.Point(
                parameters: Dictionary(uniqueKeysWithValues: zip(result.parameters.map(\.name), p.values)),
                search: Dictionary(zip(names, p.search), uniquingKeysWith: { a, _ in a }), searchSeeds: p.searchSeeds,
                recheck: Dictionary(zip(names, p.recheck.map(Interval.init)), uniquingKeysWith: { a, _ in a })
            )
        }
        return try encode(TuneDocument(
            strategy: result.strategy, objective: result.objective.rawValue,
            constraints: Dictionary(result.constraints.map { ($0.metric.rawValue, $0.limit) }, uniquingKeysWith: Swift.min),
            bounds: Dictionary(uniqueKeysWithValues: result.parameters.map { ($0.name, [$0.low, $0.high]) }),
            feasible: result.feasible, binding: result.binding.map(\.flag), winner: point(result.winner), start: point(result.start),
            yaml: result.winnerYAML, evaluated: result.evaluated, simulations: result.simulations, partial: result.partial
        ))
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
