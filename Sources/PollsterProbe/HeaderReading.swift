/// What one response's header fields say about the server's rate limits, read from every
/// common family: the IETF draft's `RateLimit-Policy`/`RateLimit`, the older drafts' and
/// GitLab's `RateLimit-*`, `X-RateLimit-*` (GitHub, Discord and most others), X's
/// `x-rate-limit-*`, OpenAI's `x-ratelimit-*-requests`, Shopify's call limit `32/40`,
/// Azure's `x-ms-ratelimit-remaining-*`, and `Retry-After` (seconds or an HTTP date).
///
/// Every reset is normalised to seconds from the response, and ``ResetReading/form`` says
/// which reading was used. Values a server marks as unknown (Azure's `-1`) are left out
/// and noted.
public struct HeaderReading: Sendable, Hashable, Codable {
    /// The header families seen, e.g. `ietf`, `github`, `retry-after`.
    public var families: [String] = []
    /// The quota of the policy reported on (requests per window, or a burst).
    public var limit: Int?
    /// Requests left in that quota.
    public var remaining: Int?
    /// Requests used in the window (GitHub's `-Used`, GitLab's `-Observed`, Shopify's first number).
    public var used: Int?
    /// When the quota is restored.
    public var reset: ResetReading?
    /// `Retry-After` (or `retry-after-ms`), normalised.
    public var retryAfter: ResetReading?
    /// The policy's window in seconds (`w` of `RateLimit-Policy`).
    public var window: Double?
    /// The name of the policy reported on (IETF member name, GitLab's `RateLimit-Name`).
    public var policyName: String?
    /// The IETF quota unit (`qu`), e.g. `requests`.
    public var quotaUnit: String?
    /// The IETF partition key (`pk`): which client the quota counts.
    public var partitionKey: String?
    /// A bucket or resource id: Discord's `X-RateLimit-Bucket`, GitHub's `-Resource`, Azure's resource.
    public var bucket: String?
    /// Discord's `X-RateLimit-Scope` (`user`, `global`, `shared`).
    public var scope: String?
    /// What else was seen or left out, one short line each.
    public var notes: [String] = []

    public init() {}

    /// True when the response said something about a limit besides `Retry-After`.
    public var hasRateLimitFields: Bool { limit != nil || remaining != nil || reset != nil || window != nil }

    /// Reads `fields` (any case; a repeated name's values all count) of a response received
    /// at Unix time `now` in seconds.
    public static func read(_ fields: [(name: String, value: String)], now: Double) -> HeaderReading {
        var reading = HeaderReading()
        var byName: [String: String] = [:]
        for field in fields {
            let name = field.name.lowercased()
            byName[name] = byName[name].map { $0 + ", " + field.value } ?? field.value
        }
        func note(_ text: String) { if !reading.notes.contains(text) { reading.notes.append(text) } }
        func family(_ name: String) { if !reading.families.contains(name) { reading.families.append(name) } }
        func integer(_ name: String) -> Int? {
            guard let text = byName[name] else { return nil }
            let first = text.split(separator: ",").first.map { String($0).split(separator: ";").first.map(String.init) ?? "" } ?? ""
            let trimmed = first.probeTrimmed()
            if let value = Int(trimmed) {
                if value < 0 { note("\(name): \(trimmed) read as not reported"); return nil }
                return value
            }
            if let value = Double(trimmed), value.isFinite, value >= 0 { return Int(value) }
            if !trimmed.isEmpty { note("\(name): \(trimmed) is not a number, ignored") }
            return nil
        }
        func resetValue(_ name: String) -> ResetReading? {
            guard let text = byName[name] else { return nil }
            guard let value = ResetReading.read(text, now: now) else {
                note("\(name): \(text.probeTrimmed()) is no known reset form, ignored")
                return nil
            }
            return value
        }

        // Retry-After: seconds (whole or decimal) or an HTTP date; OpenAI's retry-after-ms.
        if let text = byName["retry-after"] {
            family("retry-after")
            if let value = ResetReading.read(text, now: now), value.form == .deltaSeconds || value.form == .httpDate {
                reading.retryAfter = value
            } else {
                note("retry-after: \(text.probeTrimmed()) is neither seconds nor an HTTP date, ignored")
            }
        } else if let text = byName["retry-after-ms"] ?? byName["x-ms-retry-after-ms"], let ms = Double(text.probeTrimmed()), ms >= 0 {
            family("retry-after")
            reading.retryAfter = ResetReading(seconds: ms / 1000, form: .deltaSeconds, raw: text.probeTrimmed())
        }

        // The IETF draft: RateLimit-Policy (q, qu, w, pk) and RateLimit (r, t).
        if byName["ratelimit"] != nil || byName["ratelimit-policy"] != nil {
            let members = StructuredList.parse(byName["ratelimit"] ?? "")
            let policies = StructuredList.parse(byName["ratelimit-policy"] ?? "")
            var dictionary: [String: String] = [:]
            var reported: StructuredList.Member?
            for member in members {
                if let value = member.value { dictionary[member.name.lowercased()] = value; continue }
                guard let r = member.integer("r") else { continue }
                if let best = reported, let bestR = best.integer("r"),
                   r > bestR || (r == bestR && (member.number("t") ?? 0) <= (best.number("t") ?? 0)) { continue }
                reported = member
            }
            if let reported {
                family("ietf")
                reading.remaining = reported.integer("r")
                if let t = reported.number("t") { reading.reset = ResetReading(seconds: t, form: .deltaSeconds, raw: "t=\(reported.parameters["t"] ?? "")") }
                reading.policyName = reported.name
                let policy = policies.first { $0.name == reported.name } ?? (policies.count == 1 ? policies[0] : nil)
                if let policy { reading.applyPolicy(policy) }
                if let pk = reported.parameters["pk"] { reading.partitionKey = pk }
            } else if !dictionary.isEmpty {
                family("ietf")
                reading.limit = dictionary["limit"].flatMap { Int($0) }
                reading.remaining = dictionary["remaining"].flatMap { Int($0) }
                reading.reset = dictionary["reset"].flatMap { ResetReading.read($0, now: now) }
            } else if let policy = policies.first {
                family("ietf")
                reading.policyName = policy.name
                reading.applyPolicy(policy)
            }
            if policies.count > 1 {
                note("RateLimit-Policy lists \(policies.count) policies: " + policies.map(\.name).joined(separator: ", "))
            }
        }

        // The older drafts' RateLimit-Limit/-Remaining/-Reset, and GitLab's (with -Observed,
        // -ResetTime and -Name, its reset a Unix time).
        if byName["ratelimit-limit"] != nil || byName["ratelimit-remaining"] != nil {
            let gitlab = byName["ratelimit-observed"] != nil || byName["ratelimit-resettime"] != nil || byName["ratelimit-name"] != nil
            family(gitlab ? "gitlab" : "ratelimit-draft")
            reading.limit = reading.limit ?? integer("ratelimit-limit")
            reading.remaining = reading.remaining ?? integer("ratelimit-remaining")
            reading.used = reading.used ?? integer("ratelimit-observed")
            reading.reset = reading.reset ?? resetValue("ratelimit-reset") ?? resetValue("ratelimit-resettime")
            if let name = byName["ratelimit-name"] { reading.policyName = reading.policyName ?? name.probeTrimmed() }
        }

        // X-RateLimit-*: GitHub (-Used, -Resource, reset a Unix time), Discord (-Bucket,
        // -Reset-After, -Scope), and the plain de-facto form (reset in seconds).
        if byName["x-ratelimit-limit"] != nil || byName["x-ratelimit-remaining"] != nil || byName["x-ratelimit-reset"] != nil {
            if byName["x-ratelimit-bucket"] != nil || byName["x-ratelimit-reset-after"] != nil {
                family("discord")
            } else if byName["x-ratelimit-used"] != nil || byName["x-ratelimit-resource"] != nil {
                family("github")
            } else {
                family("x-ratelimit")
            }
            reading.limit = reading.limit ?? integer("x-ratelimit-limit")
            reading.remaining = reading.remaining ?? integer("x-ratelimit-remaining")
            reading.used = reading.used ?? integer("x-ratelimit-used")
            // Discord's -Reset-After is a precise delta; prefer it to the epoch -Reset.
            reading.reset = reading.reset ?? resetValue("x-ratelimit-reset-after") ?? resetValue("x-ratelimit-reset")
            if let bucket = byName["x-ratelimit-bucket"] ?? byName["x-ratelimit-resource"] { reading.bucket = reading.bucket ?? bucket.probeTrimmed() }
            if let scope = byName["x-ratelimit-scope"] { reading.scope = scope.probeTrimmed() }
            if byName["x-ratelimit-global"] != nil { note("x-ratelimit-global: the limit is global to the application") }
        }

        // X (Twitter): x-rate-limit-* with a Unix-time reset.
        if byName["x-rate-limit-limit"] != nil || byName["x-rate-limit-remaining"] != nil {
            family("x")
            reading.limit = reading.limit ?? integer("x-rate-limit-limit")
            reading.remaining = reading.remaining ?? integer("x-rate-limit-remaining")
            reading.reset = reading.reset ?? resetValue("x-rate-limit-reset")
        }

        // OpenAI: x-ratelimit-{limit,remaining,reset}-requests (resets as durations), and
        // the same for tokens, which a status API does not spend.
        if byName["x-ratelimit-limit-requests"] != nil || byName["x-ratelimit-remaining-requests"] != nil {
            family("openai")
            reading.limit = reading.limit ?? integer("x-ratelimit-limit-requests")
            reading.remaining = reading.remaining ?? integer("x-ratelimit-remaining-requests")
            reading.reset = reading.reset ?? resetValue("x-ratelimit-reset-requests")
            if let tokens = byName["x-ratelimit-limit-tokens"] { note("x-ratelimit-limit-tokens: \(tokens.probeTrimmed()) (a token quota, not modelled)") }
        }

        // Shopify: X-Shopify-Shop-Api-Call-Limit: used/limit (a leaky bucket).
        if let text = byName["x-shopify-shop-api-call-limit"] {
            let parts = text.probeTrimmed().split(separator: "/")
            if parts.count == 2, let used = Int(parts[0]), let limit = Int(parts[1]) {
                family("shopify")
                reading.used = reading.used ?? used
                reading.limit = reading.limit ?? limit
                reading.remaining = reading.remaining ?? Swift.max(0, limit - used)
            } else {
                note("x-shopify-shop-api-call-limit: \(text.probeTrimmed()) is not used/limit, ignored")
            }
        }

        // Azure Resource Manager: remaining counts only, -1 when not applicable.
        let azure = byName.keys.filter { $0.hasPrefix("x-ms-ratelimit-remaining-") }.sorted()
        if !azure.isEmpty {
            family("azure")
            for name in azure {
                guard let text = byName[name] else { continue }
                if name == "x-ms-ratelimit-remaining-resource" {
                    // "Microsoft.Compute/HighCostGet3Min;107"
                    let parts = text.split(separator: ",").first.map { $0.split(separator: ";") } ?? []
                    if parts.count == 2, let value = Int(parts[1].trimmingSpaces) {
                        reading.bucket = reading.bucket ?? String(parts[0].trimmingSpaces)
                        if value >= 0 { reading.remaining = reading.remaining ?? value } else { note("\(name): \(value) read as not reported") }
                    }
                } else if let value = integer(name) {
                    reading.remaining = reading.remaining ?? value
                    reading.scope = reading.scope ?? String(name.dropFirst("x-ms-ratelimit-remaining-".count))
                }
            }
        }
        if let reset = reading.reset, reset.form != .deltaSeconds {
            note("reset \(reset.raw) read as \(reset.form.rawValue)")
        }
        return reading
    }

    private mutating func applyPolicy(_ policy: StructuredList.Member) {
        limit = limit ?? policy.integer("q")
        if let w = policy.number("w") { window = w }
        if let unit = policy.parameters["qu"] { quotaUnit = unit }
        if let pk = policy.parameters["pk"] { partitionKey = partitionKey ?? pk }
    }
}
