import Yams

extension ScenarioDecoder {
    /// The `thresholds` list: expressions that fail the run (`rate_429>0.01`), each parsed
    /// and its strategy scope checked against `strategies` (when they loaded).
    mutating func thresholds(_ node: Node, at path: String, line: Int?, strategies: [String]?) -> [Threshold]? {
        guard let items = sequence(node, at: path, line: line, expected: "a list of thresholds such as [rate_429>0.01, detection_lag_ms_p99>5000]") else {
            return nil
        }
        var thresholds: [Threshold]? = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let text = item.scalarText, !item.isNull else {
                let hint = if case .mapping = item { " (write STRATEGY:METRIC with no space after the colon, or quote the whole threshold)" } else { "" }
                report(itemPath, line: item.line ?? line, "expected a threshold such as rate_429>0.01, got \(item.described)" + hint)
                thresholds = nil
                continue
            }
            do {
                let threshold = try Threshold(parsing: text)
                if let strategies { try threshold.check(strategies: strategies) }
                thresholds?.append(threshold)
            } catch {
                report(itemPath, line: item.line ?? line, error.description)
                thresholds = nil
            }
        }
        return thresholds
    }
}
