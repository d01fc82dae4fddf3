extension Threshold {
    /// What a threshold looks like, for messages.
    public static let syntax = "[SCOPE:]METRIC OP NUMBER such as rate_429>0.01 or expo:detection_lag_ms_p99>5000"

    /// Parses `[SCOPE:]METRIC OP NUMBER`; spaces around the parts are allowed. The scope is
    /// everything before the last colon: `any`, `all` or a strategy's name (checked against
    /// a scenario with ``check(strategies:)``).
    public init(parsing text: String) throws(ThresholdError) {
        let expression = text.trimmingSpaces()
        func fail(_ reason: String) -> ThresholdError { ThresholdError(expression: expression, reason: reason) }
        guard !expression.isEmpty else { throw fail("empty threshold; expected " + Self.syntax) }

        var scope = ThresholdScope.any
        var body = Substring(expression)
        if let colon = expression.lastIndex(of: ":") {
            let prefix = String(expression[..<colon]).trimmingSpaces()
            body = expression[expression.index(after: colon)...]
            switch prefix {
            case "": throw fail("nothing before \":\"; the scope is any, all or a strategy's name")
            case "any": scope = .any
            case "all": scope = .all
            default: scope = .strategy(prefix)
            }
        }

        let operatorCharacters: Set<Character> = ["<", ">", "=", "!"]
        guard let start = body.firstIndex(where: operatorCharacters.contains) else {
            throw fail("no comparison; expected " + Self.syntax + " (OP one of \(ThresholdOperator.spelled))")
        }
        let end = body[start...].firstIndex(where: { !operatorCharacters.contains($0) }) ?? body.endIndex
        let spelled = String(body[start..<end])
        guard let comparison = ThresholdOperator(rawValue: spelled) else {
            let hint = spelled == "=" ? " (did you mean \"==\"?)" : ""
            throw fail("unknown operator \"\(spelled)\"\(hint); use one of \(ThresholdOperator.spelled)")
        }

        let name = String(body[..<start]).trimmingSpaces()
        guard !name.isEmpty else { throw fail("no metric before \"\(spelled)\"; known: " + ThresholdMetric.names.joined(separator: ", ")) }
        guard let metric = ThresholdMetric(rawValue: name) else {
            var reason = "unknown metric " + DurationParser.quoted(name, whole: true)
            if let suggestion = KeySuggestion.closest(to: name, in: ThresholdMetric.names) {
                reason += " (did you mean \"\(suggestion)\"?)"
            }
            throw fail(reason + "; known: " + ThresholdMetric.names.joined(separator: ", "))
        }

        let number = String(body[end...]).trimmingSpaces()
        guard !number.isEmpty else { throw fail("no number after \"\(spelled)\"") }
        let numeral = number.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard numeral, let limit = Double(number), limit.isFinite else {
            throw fail(DurationParser.quoted(number, whole: true) + " is not a number (write it plainly, such as 0.01, 5000 or 1e3, in the metric's unit)")
        }
        self.init(expression: expression, scope: scope, metric: metric, comparison: comparison, limit: limit)
    }
}
