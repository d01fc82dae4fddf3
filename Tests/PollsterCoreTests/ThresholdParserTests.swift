import Foundation
import PollsterCore
import Testing

/// `[SCOPE:]METRIC OP NUMBER` as exact parsed values, and each kind of mistake as its exact
/// one-line message.
@Suite struct ThresholdParserTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String
        var scope: ThresholdScope
        var metric: ThresholdMetric
        var comparison: ThresholdOperator
        var limit: Double
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        Valid(text: "rate_429>0.01", scope: .any, metric: .rate429, comparison: .greater, limit: 0.01),
        Valid(text: "detection_lag_ms_p99>5000", scope: .any, metric: .detectionLagP99, comparison: .greater, limit: 5000),
        Valid(text: "polls_per_execution_mean>20", scope: .any, metric: .pollsPerExecutionMean, comparison: .greater, limit: 20),
        Valid(text: "any:requests>=100", scope: .any, metric: .requests, comparison: .greaterOrEqual, limit: 100),
        Valid(text: "all:latency_ms_p50<0.5", scope: .all, metric: .latencyP50, comparison: .less, limit: 0.5),
        Valid(text: "expo:errors<=3", scope: .strategy("expo"), metric: .errors, comparison: .lessOrEqual, limit: 3),
        Valid(text: "  fixed-2s : abandoned == 0 ", scope: .strategy("fixed-2s"), metric: .abandoned, comparison: .equal, limit: 0),
        Valid(text: "time_to_outcome_ms_p99!=1e3", scope: .any, metric: .timeToOutcomeP99, comparison: .notEqual, limit: 1000),
        Valid(text: "a:b:detection_lag_ms_mean>-1.5", scope: .strategy("a:b"), metric: .detectionLagMean, comparison: .greater, limit: -1.5),
    ]

    @Test(arguments: valid)
    func parses(_ row: Valid) throws {
        let threshold = try Threshold(parsing: row.text)
        #expect(threshold == Threshold(expression: row.text.trimmingCharacters(in: .whitespaces), scope: row.scope, metric: row.metric, comparison: row.comparison, limit: row.limit))
    }

    static let known = ThresholdMetric.names.joined(separator: ", ")

    static let invalid: [(text: String, message: String)] = [
        ("", "\"\": empty threshold; expected [SCOPE:]METRIC OP NUMBER such as rate_429>0.01 or expo:detection_lag_ms_p99>5000"),
        ("rate_429 0.01", "\"rate_429 0.01\": no comparison; expected [SCOPE:]METRIC OP NUMBER such as rate_429>0.01 or expo:detection_lag_ms_p99>5000 (OP one of >, >=, <, <=, ==, !=)"),
        ("rate_429=0.01", "\"rate_429=0.01\": unknown operator \"=\" (did you mean \"==\"?); use one of >, >=, <, <=, ==, !="),
        ("rate_429=>0.01", "\"rate_429=>0.01\": unknown operator \"=>\"; use one of >, >=, <, <=, ==, !="),
        (">0.01", "\">0.01\": no metric before \">\"; known: " + known),
        ("rate429>0.01", "\"rate429>0.01\": unknown metric \"rate429\" (did you mean \"rate_429\"?); known: " + known),
        ("p99>1", "\"p99>1\": unknown metric \"p99\"; known: " + known),
        ("rate_429>", "\"rate_429>\": no number after \">\""),
        ("rate_429>1%", "\"rate_429>1%\": \"1%\" is not a number (write it plainly, such as 0.01, 5000 or 1e3, in the metric's unit)"),
        ("detection_lag_ms_p99>5s", "\"detection_lag_ms_p99>5s\": \"5s\" is not a number (write it plainly, such as 0.01, 5000 or 1e3, in the metric's unit)"),
        ("requests>nan", "\"requests>nan\": \"nan\" is not a number (write it plainly, such as 0.01, 5000 or 1e3, in the metric's unit)"),
        (":requests>1", "\":requests>1\": nothing before \":\"; the scope is any, all or a strategy's name"),
    ]

    @Test(arguments: invalid)
    func rejects(_ row: (text: String, message: String)) {
        #expect(throws: ThresholdError.self) { try Threshold(parsing: row.text) }
        do {
            _ = try Threshold(parsing: row.text)
        } catch {
            #expect(error.description == row.message)
        }
    }

    @Test func unknownStrategyIsNamedWithTheScenariosStrategies() throws {
        let threshold = try Threshold(parsing: "fixd-2s:rate_429>0.01")
        #expect(throws: ThresholdError(expression: "fixd-2s:rate_429>0.01",
            reason: "unknown strategy \"fixd-2s\" (did you mean \"fixed-2s\"?); the scenario's strategies: fixed-2s, expo (or any:, all:)")) {
            try threshold.check(strategies: ["fixed-2s", "expo"])
        }
        try Threshold(parsing: "expo:rate_429>0.01").check(strategies: ["fixed-2s", "expo"])
        try Threshold(parsing: "all:rate_429>0.01").check(strategies: ["fixed-2s", "expo"])
    }

    @Test(arguments: [
        (ThresholdOperator.greater, 1.0, false), (.greater, 1.5, true), (.greaterOrEqual, 1.0, true), (.greaterOrEqual, 0.5, false),
        (.less, 1.0, false), (.less, 0.5, true), (.lessOrEqual, 1.0, true), (.lessOrEqual, 1.5, false),
        (.equal, 1.0, true), (.equal, 1.5, false), (.notEqual, 1.0, false), (.notEqual, 1.5, true),
    ])
    func operatorAtAndAroundTheLimit(_ comparison: ThresholdOperator, actual: Double, holds: Bool) {
        #expect(comparison.holds(actual, 1.0) == holds)
    }
}
