extension ServerFault {
    /// In words, for scenario summaries: `5xx (502) for 10% of requests from 1m for 10s`.
    public var summary: String {
        var text: String
        switch kind {
        case .error(let status): text = "\(status) errors"
        case .outage: text = "an outage"
        case .latencySpike(let extra): text = "latency +\(Time.describe(extra))"
        case .reset: text = "connection resets"
        case .truncated: text = "truncated bodies"
        case .slowBody(let extra): text = "bodies \(Time.describe(extra)) slower"
        case .lockout(let rule):
            return "a lockout of \(Time.describe(rule.duration)) after \(rule.after) rejections within \(Time.describe(rule.within))"
        case .notFound(let share): return "\(Time.trimmed(share * 100))% of executions unknown (404)"
        }
        if rate < 1 { text += " for \(Time.trimmed(rate * 100))% of requests" }
        if let window {
            text += " from \(Time.describe(window.start)) for \(Time.describe(window.length))"
            if let period = window.period { text += ", every \(Time.describe(period))" }
        }
        return text
    }
}

extension RejectionStyle {
    /// In words, for scenario summaries.
    public var summary: String {
        var text = "Rejections are \(status)s"
        switch retryAfter {
        case .seconds: text += " with Retry-After in seconds"
        case .date: text += " with Retry-After as an HTTP date"
        case .none: text += " without Retry-After"
        }
        text += countsRejected ? ", rejected requests count against the limits" : ""
        text += headers.isEmpty ? ", and no rate-limit headers." : ", with \(headers.map(\.rawValue).joined(separator: " and ")) headers."
        return text
    }
}
