import PollsterCore

/// Replays a timeline's decided requests through the simulator's own limiters under one
/// hypothesis and counts where the hypothesis disagrees with what the server answered:
/// a status it would have decided otherwise (weight ``statusWeight``), or a `remaining`
/// header it would have sent otherwise (weight 1, only where the server sent one).
struct LimiterReplay: Sendable {
    struct Event: Sendable {
        /// When the server decided, on the probe's clock (send time plus one way).
        var time: Double
        /// When the answer left the server (a concurrency slot is held until then).
        var releaseAt: Double
        var accepted: Bool
        var remaining: Int?
    }

    static let statusWeight = 4

    let events: [Event]

    init(_ timeline: ProbeTimeline) {
        let oneWay = timeline.oneWay
        events = timeline.requests.filter(\.isDecided).map { request in
            Event(time: request.sentAt + oneWay, releaseAt: Swift.max(request.sentAt + oneWay, request.receivedAt - oneWay),
                  accepted: request.isAccepted, remaining: request.reading.remaining)
        }.sorted { $0.time < $1.time }
    }

    var decisions: Int { events.count }

    /// The weighted disagreement of `hypothesis`, and how many statuses it gets wrong;
    /// stops counting (returning something above `bound`) once the score passes `bound`.
    func score(_ hypothesis: LimiterHypothesis, bound: Int = .max) -> (score: Int, mismatches: Int) {
        var limits = RateLimitSet(rules: [RateLimitRule(scope: .apiKey, algorithm: hypothesis.algorithm)], apiKeys: 1,
                                  countsRejected: hypothesis.countsRejected)
        let concurrency = hypothesis.family == .concurrency
        var held: [Double] = []
        var score = 0
        var mismatches = 0
        let shift = hypothesis.phase
        for event in events {
            let time = Nanoseconds(((event.time + shift) * 1e9).rounded())
            if concurrency, !held.isEmpty {
                held.removeAll { releaseAt in
                    guard releaseAt <= event.time else { return false }
                    limits.release(apiKey: 0, at: time)
                    return true
                }
            }
            let decision = limits.decide(apiKey: 0, at: time)
            if decision.allowed != event.accepted {
                score += Self.statusWeight
                mismatches += 1
            } else if let remaining = event.remaining, remaining != decision.remaining, !concurrency {
                score += 1
            }
            if concurrency, decision.allowed { held.append(event.releaseAt) }
            if score > bound { return (score, mismatches) }
        }
        return (score, mismatches)
    }
}
