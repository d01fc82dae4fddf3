import PollsterCore

/// `--junit FILE`: the thresholds as JUnit XML for CI: one testsuite, "pollster thresholds",
/// with a testcase per threshold and strategy it covers; a breach is a `<failure>` whose
/// message holds the measured value. Failures appear exactly when the run exits 99.
public enum JUnitReport {
    /// The suite's name.
    public static let suiteName = "pollster thresholds"

    /// The document for `result`'s evaluated thresholds (an empty suite when it has none).
    public static func render(_ result: RunResult) -> String {
        render(result.thresholds ?? [], classname: "pollster.\(result.scenario.name)")
    }

    /// The document for `results`, each testcase of class `classname`; `measure` names
    /// what was measured (`pollster compare` judges the change NEW − OLD).
    public static func render(_ results: [ThresholdResult], classname: String, measure: String = "") -> String {
        var cases: [String] = []
        var failures = 0
        for evaluated in results {
            let threshold = evaluated.threshold
            let metric = threshold.metric
            for check in evaluated.checks {
                let measured = "\(measure)\(metric.rawValue) = \(metric.formatted(check.actual))"
                var lines = [
                    "  <testcase name=\"\(escape("\(threshold.expression) [\(check.strategy)]"))\" classname=\"\(escape(classname))\" time=\"0\">"
                ]
                if evaluated.breached && check.exceeds {
                    failures += 1
                    let message = "\(measured); breaches \(threshold.expression) (\(ThresholdLines.scope(threshold.scope)))"
                    lines.append("    <failure message=\"\(escape(message))\" type=\"threshold\">\(escape(message))</failure>")
                }
                var note = "strategy \(check.strategy): \(measured)"
                if check.exceeds && !evaluated.breached {
                    note += "; over the limit, but \(threshold.expression) fails the run only when every strategy is"
                }
                lines.append("    <system-out>\(escape(note))</system-out>")
                lines.append("  </testcase>")
                cases.append(lines.joined(separator: "\n"))
            }
        }
        let tests = cases.count
        let attributes = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\""
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"pollster\" \(attributes)>\n"
        text += "<testsuite name=\"\(suiteName)\" \(attributes)>\n"
        text += cases.map { $0 + "\n" }.joined()
        text += "</testsuite>\n</testsuites>\n"
        return text
    }

    /// `text` safe in XML attribute values and text.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default:
                // Control characters other than tab, LF and CR are not allowed in XML 1.0.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" {
                    escaped += "?"
                } else {
                    escaped.append(character)
                }
            }
        }
        return escaped
    }
}
