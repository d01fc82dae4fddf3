/// The rate-limit fields of an HTTP response: rendered by the mock server from a
/// ``RateLimitDecision``, and parsed back into these numbers by the live client.
///
/// The IETF fields follow draft-ietf-httpapi-ratelimit-headers-10
/// (<https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/>), whose
/// fields are Structured Field lists (RFC 9651) of named policies:
///
/// ```
/// RateLimit-Policy: "apikey";q=20;w=2, "global";q=2000;w=60
/// RateLimit: "apikey";r=5;t=1
/// ```
///
/// `RateLimit-Policy` lists every limiter: `q` its quota, `w` its window in seconds (see
/// ``RateLimitPolicy/init(_:)``: a token bucket's `q` is its burst and `w` the seconds an
/// empty bucket takes to fill; a concurrency limit has no `w`). `RateLimit` reports the
/// most constraining one: `r` requests remaining, `t` seconds until its quota is fully
/// restored. Alongside go the de-facto `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
/// `X-RateLimit-Reset` (seconds from now, not an epoch time) and, on a 429 only,
/// `Retry-After` (seconds).
public struct RateLimitHeaders: Sendable, Hashable {
    /// `Retry-After` in seconds; nil when absent or given as an HTTP date.
    public var retryAfter: Int?
    /// The quota of the policy the response reports on.
    public var limit: Int?
    /// Requests remaining in that policy's quota.
    public var remaining: Int?
    /// Seconds until that policy's quota is restored.
    public var reset: Int?

    /// Parsed values; nil for whatever a response did not say.
    public init(retryAfter: Int? = nil, limit: Int? = nil, remaining: Int? = nil, reset: Int? = nil) {
        self.retryAfter = retryAfter
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
    }

    /// The header fields for a response carrying `decision`, in the order they should be
    /// written; none when no limit is configured. `Retry-After` only on a denial, in the
    /// form `style` says; the rate-limit fields of `style.headers`. `time` is the scenario
    /// time of the decision and `epoch` the Unix time (ns, a whole second) scenario time 0
    /// is shown as: a date form and GitHub's reset are absolute times.
    public static func fields(for decision: RateLimitDecision, style: RejectionStyle = .standard,
                              at time: Nanoseconds = 0, epoch: Int64 = 0) -> [(name: String, value: String)] {
        if decision.policy.isEmpty { return [] }
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(7)
        if !decision.allowed {
            switch style.retryAfter {
            case .seconds:
                fields.append(("Retry-After", String(decision.retryAfter)))
            case .date:
                let instant = RetryAfterValue.dateInstant(rejectedAt: time, seconds: decision.retryAfter)
                fields.append(("Retry-After", RetryAfterValue.imfFixdate(unixSeconds: (epoch + instant) / Time.nanosecondsPerSecond)))
            case .none:
                break
            }
        }
        for family in style.headers {
            switch family {
            case .ietf:
                fields.append(("RateLimit-Policy", decision.policy))
                fields.append(("RateLimit", item(named: decision.policyName, parameters: "r=\(decision.remaining);t=\(decision.reset)")))
            case .xRateLimit:
                fields.append(("X-RateLimit-Limit", String(decision.limit)))
                fields.append(("X-RateLimit-Remaining", String(decision.remaining)))
                fields.append(("X-RateLimit-Reset", String(decision.reset)))
            case .github:
                let now = (epoch + time) / Time.nanosecondsPerSecond
                fields.append(("X-RateLimit-Limit", String(decision.limit)))
                fields.append(("X-RateLimit-Remaining", String(decision.remaining)))
                fields.append(("X-RateLimit-Used", String(max(0, decision.limit - decision.remaining))))
                fields.append(("X-RateLimit-Reset", String(now + Int64(decision.reset))))
                fields.append(("X-RateLimit-Resource", decision.policyName))
            }
        }
        return fields
    }

    /// The `RateLimit-Policy` field value for `rules`, one list member per rule in order,
    /// e.g. `"apikey";q=20;w=2, "global";q=2000;w=60`; empty for no rules.
    public static func policyField(for rules: [RateLimitRule]) -> String {
        let names = policyNames(for: rules)
        return zip(names, rules)
            .map { item(named: $0, parameters: RateLimitPolicy($1.algorithm).parameters) }
            .joined(separator: ", ")
    }

    /// A policy name per rule: its scope (`apikey`, `global`) when it is the only rule of
    /// that scope, else the scope and the algorithm (`apikey-tokenBucket`), numbered from
    /// the second use on if even that repeats (`apikey-tokenBucket-2`).
    public static func policyNames(for rules: [RateLimitRule]) -> [String] {
        func scopeName(_ scope: RateLimitScope) -> String {
            switch scope {
            case .apiKey: return "apikey"
            case .global: return "global"
            }
        }
        var names: [String] = []
        var used: Set<String> = []
        for rule in rules {
            let scope = scopeName(rule.scope)
            let shared = rules.lazy.filter { $0.scope == rule.scope }.count > 1
            let base = shared ? "\(scope)-\(rule.algorithm.name)" : scope
            var name = base
            var number = 2
            while used.contains(name) {
                name = "\(base)-\(number)"
                number += 1
            }
            used.insert(name)
            names.append(name)
        }
        return names
    }

    /// A list member: the policy name as a Structured Field string, then its parameters.
    static func item(named name: String, parameters: String) -> String {
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted + ";" + parameters
    }
}
