import Foundation
public import PollsterCore

/// Everything a probe concluded, for people (``text``), for the simulator (``server`` and
/// ``yaml``) and for files (``ProbeDocument``).
public struct ProbeReport: Sendable, Hashable, Codable {
    /// The probed URL (never the key).
    public var target: String
    public var outcome: ProbeOutcome
    public var inference: LimiterInference.Result
    /// The status rejections used; nil when nothing was rejected.
    public var rejectionStatus: Int?
    /// How rejections said when to come back: `seconds`, `date` or `none`.
    public var retryAfter: String
    /// `yes`, `no` or `undetermined`: whether rejected requests count against the limit.
    public var countsRejected: String
    /// Header families seen, and the reset readings used (`reset 1735689600 read as epochSeconds`).
    public var headerFamilies: [String]
    public var readings: [String]
    /// Bucket ids, partition keys, policy names, scopes: whom the limit counts.
    public var scopeHints: [String]
    /// What the passive requests' `remaining` and `reset` suggest.
    public var passiveHint: String?
    /// A short timeline, one line per step.
    public var evidence: [String]

    /// The report of `outcome` probing `target`.
    public init(target: String, outcome: ProbeOutcome) {
        self.target = target
        self.outcome = outcome
        let timeline = outcome.timeline
        inference = LimiterInference.infer(timeline)
        rejectionStatus = timeline.rejectionStatus
        let rejected = timeline.requests.filter(\.isRejected)
        let forms = rejected.compactMap(\.reading.retryAfter?.form)
        if rejected.isEmpty || forms.isEmpty {
            retryAfter = "none"
        } else {
            retryAfter = forms.filter { $0 == .httpDate }.count * 2 > forms.count ? "date" : "seconds"
        }
        if let best = inference.best {
            countsRejected = best.countsRejectedUndetermined ? "undetermined" : (best.hypothesis.countsRejected ? "yes" : "no")
        } else {
            countsRejected = "undetermined"
        }
        var families: [String] = []
        var readings: [String] = []
        var hints: [String] = []
        for request in timeline.requests {
            for family in request.reading.families where !families.contains(family) { families.append(family) }
            for note in request.reading.notes where !readings.contains(note) { readings.append(note) }
            let reading = request.reading
            for hint in [reading.partitionKey.map { "partition key \($0)" }, reading.bucket.map { "bucket \($0)" },
                         reading.policyName.map { "policy \($0)" }, reading.scope.map { "scope \($0)" }].compactMap({ $0 })
            where !hints.contains(hint) {
                hints.append(hint)
            }
        }
        if let window = timeline.requests.compactMap(\.reading.window).first {
            hints.append("RateLimit-Policy window w=\(LimiterHypothesis.number(window)) s")
        }
        headerFamilies = families
        self.readings = readings
        scopeHints = hints
        passiveHint = Self.makePassiveHint(timeline)
        evidence = Self.makeEvidence(timeline)
    }

    /// The fixed-window tell of spaced requests: a reset that names the same instant each
    /// time (it shrinks by the time between them) while remaining falls by one; a bucket's
    /// reset grows per request and shrinks with time.
    static func makePassiveHint(_ timeline: ProbeTimeline) -> String? {
        let passive = timeline.requests.filter { $0.phase == "passive" && $0.isAccepted }
        let pairs = passive.compactMap { request in request.reading.reset.map { (request, $0) } }
        guard pairs.count >= 2 else {
            return passive.isEmpty ? nil : "the passive requests carried no reset, so headers alone cannot tell a window from a bucket"
        }
        let instants = pairs.map { $0.0.receivedAt + $0.1.seconds }
        let spread = (instants.max() ?? 0) - (instants.min() ?? 0)
        let remaining = passive.compactMap(\.reading.remaining).map(String.init).joined(separator: "→")
        let resets = pairs.map { LimiterHypothesis.number($0.1.seconds) }.joined(separator: "→")
        let gap = pairs.count > 1 ? (pairs.last!.0.receivedAt - pairs.first!.0.receivedAt) / Double(pairs.count - 1) : 0
        if spread <= 1.0 {
            return "passive: remaining \(remaining), reset \(resets) s over requests \(LimiterHypothesis.number(gap)) s apart: the reset names one instant, as a fixed window's does"
        }
        return "passive: remaining \(remaining), reset \(resets) s over requests \(LimiterHypothesis.number(gap)) s apart: the reset moves with each request, as a bucket's or a sliding window's does"
    }

    /// One line per step of the probe.
    static func makeEvidence(_ timeline: ProbeTimeline) -> [String] {
        var lines: [String] = []
        var index = 0
        let requests = timeline.requests
        while index < requests.count {
            let phase = requests[index].phase
            var end = index
            while end + 1 < requests.count, requests[end + 1].phase == phase { end += 1 }
            let steps = requests[index...end]
            let accepted = steps.filter(\.isAccepted).count
            let rejected = steps.filter(\.isRejected).count
            let from = LimiterHypothesis.number(steps.first!.sentAt)
            let to = LimiterHypothesis.number(steps.last!.receivedAt)
            var line = "\(from)-\(to) s \(phase): \(steps.count) request\(steps.count == 1 ? "" : "s"), \(accepted) accepted, \(rejected) rejected"
            if phase.hasPrefix("recover"), let last = steps.last, last.isAccepted, let first = steps.first {
                let before = index > 0 ? requests[index - 1] : first
                line += "; back in \(LimiterHypothesis.number(last.sentAt - before.sentAt)) s after the rejection"
            }
            if let firstRejection = steps.first(where: \.isRejected) {
                line += "; first rejection \(firstRejection.status)"
                if let retry = firstRejection.reading.retryAfter { line += " Retry-After \(retry.raw)" } else { line += " without Retry-After" }
            }
            if let other = steps.first(where: { !$0.isDecided }) { line += "; status \(other.status) stopped the probe" }
            lines.append(line)
            index = end + 1
        }
        return lines
    }

    /// The probed limit as a scenario rule, per API key; nil when none was found.
    public var rule: RateLimitRule? {
        guard let best = inference.best else { return nil }
        return RateLimitRule(scope: .apiKey, algorithm: best.hypothesis.algorithm)
    }

    /// How the server rejects, as a scenario's `server.rejection`.
    public var rejection: RejectionStyle {
        var style = RejectionStyle()
        style.status = rejectionStatus ?? 429
        style.retryAfter = RejectionStyle.RetryAfterForm(rawValue: retryAfter) ?? .seconds
        style.countsRejected = countsRejected == "yes"
        var headers: [RejectionStyle.HeaderFamily] = []
        if headerFamilies.contains("ietf") { headers.append(.ietf) }
        if headerFamilies.contains("github") {
            headers.append(.github)
        } else if headerFamilies.contains(where: { ["x-ratelimit", "discord", "x", "openai", "ratelimit-draft", "gitlab", "shopify", "azure"].contains($0) }) {
            headers.append(.xRateLimit)
        }
        style.headers = headers
        return style
    }

    /// A ready-to-paste `server:` block.
    public var yaml: String {
        var lines = ["server:"]
        if let best = inference.best {
            let h = best.hypothesis
            let rule: String
            switch h.family {
            case .bucket:
                rule = "{ scope: apiKey, algorithm: tokenBucket, rate: \(LimiterHypothesis.number(h.rate ?? 0))/s, burst: \(h.limit) }"
            case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
                let name = h.family == .fixedWindow ? "fixedWindow" : h.family == .slidingWindowLog ? "slidingWindowLog" : "slidingWindowCounter"
                rule = "{ scope: apiKey, algorithm: \(name), limit: \(h.limit), window: \(Self.milliseconds(h.window ?? 1)) }"
            case .concurrency:
                rule = "{ scope: apiKey, algorithm: concurrency, limit: \(h.limit) }"
            }
            lines.append("  rateLimits:")
            lines.append("    - " + rule)
        } else {
            lines.append("  rateLimits: []   # no limit reached within the probe")
        }
        let style = rejection
        let headers = style.headers.isEmpty ? "none" : "[" + style.headers.map(\.rawValue).joined(separator: ", ") + "]"
        lines.append("  rejection: { status: \(style.status), retryAfter: \(style.retryAfter.rawValue), countRejected: \(style.countsRejected), headers: \(headers) }")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A duration for a scenario: whole milliseconds (`2000ms`), or seconds when whole.
    static func milliseconds(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }

    /// The report for a terminal.
    public var text: String {
        var out: [String] = []
        out.append("probe of \(target): \(outcome.timeline.requests.count) requests in \(LimiterHypothesis.number(outcome.timeline.duration)) s; \(outcome.stopReason)")
        if let best = inference.best {
            out.append("")
            out.append("algorithm: \(best.hypothesis.summary) (confidence \(Int((inference.confidence * 100).rounded()))%)")
            if best.hypothesis.family == .bucket {
                out.append("  token bucket and GCRA decide every request alike: no probe can tell them apart")
            }
            if let low = best.low, let high = best.high, high > low {
                let what = best.hypothesis.family == .bucket ? "rates" : "windows"
                let unit = best.hypothesis.family == .bucket ? "/s" : " s"
                out.append("  \(what) from \(LimiterHypothesis.number(low))\(unit) to \(LimiterHypothesis.number(high))\(unit) fit as well")
            }
            out.append("  explains \(best.decisions - best.mismatches) of \(best.decisions) statuses")
            let others = inference.fits.dropFirst().map { "\($0.hypothesis.family.title) \($0.mismatches) wrong" }
            if !others.isEmpty { out.append("  other families: " + others.joined(separator: ", ")) }
            out.append("rejection: status \(rejectionStatus ?? 429), Retry-After \(retryAfter), rejected requests count: \(countsRejected)")
        } else {
            out.append("")
            out.append("no limit reached: nothing was rejected")
        }
        if !headerFamilies.isEmpty { out.append("headers: " + headerFamilies.joined(separator: ", ")) }
        for reading in readings { out.append("  " + reading) }
        if !scopeHints.isEmpty { out.append("scope: " + scopeHints.joined(separator: "; ")) }
        if let passiveHint { out.append(passiveHint) }
        out.append("")
        out.append("timeline:")
        for line in evidence { out.append("  " + line) }
        out.append("")
        out.append(yaml)
        return out.joined(separator: "\n")
    }
}
