import Foundation

/// Replays a timeline's decided requests under one hypothesis and counts where the
/// hypothesis disagrees with what the server answered: a status it would have decided
/// otherwise (weight ``statusWeight``), or a `remaining` header it would have sent
/// otherwise (weight 1, only where the server sent one).
///
/// The limiters are re-stated here in floating-point seconds, the way the simulator's
/// limiters (PollsterCore's `RateLimiter`) decide, so that hundreds of thousands of
/// hypotheses can be scored in a second; the tests check that both decide alike.
struct LimiterReplay: Sendable {
    static let statusWeight = 4

    /// When the server decided each request, on the probe's clock (send time plus one way).
    let times: [Double]
    /// When each answer left the server (a concurrency slot is held until then).
    let releases: [Double]
    let accepted: [Bool]
    /// The `remaining` the server reported, or -1.
    let remaining: [Int]

    init(_ timeline: ProbeTimeline) {
        let oneWay = timeline.oneWay
        var decided = timeline.requests.filter(\.isDecided).sorted { $0.sentAt < $1.sentAt }
        // Requests of a parallel step sent together (within 20 ms: new connections) reach the server in an order the client
        // cannot know: within such a cluster, accepted ones are taken to have come first,
        // all at the cluster's first instant.
        var start = 0
        while start < decided.count {
            var end = start
            while end + 1 < decided.count, decided[end + 1].sentAt - decided[start].sentAt < 0.02,
                  Self.isParallel(decided[start].phase), Self.isParallel(decided[end + 1].phase) { end += 1 }
            if end > start {
                let first = decided[start].sentAt
                var cluster = Array(decided[start...end])
                cluster.sort { $0.isAccepted && !$1.isAccepted }
                for index in cluster.indices { cluster[index].sentAt = first }
                decided.replaceSubrange(start...end, with: cluster)
            }
            start = end + 1
        }
        times = decided.map { $0.sentAt + oneWay }
        releases = decided.map { Swift.max($0.sentAt + oneWay, $0.receivedAt - oneWay) }
        accepted = decided.map(\.isAccepted)
        remaining = decided.map { $0.reading.remaining ?? -1 }
    }

    var decisions: Int { times.count }

    /// Steps whose requests are sent together.
    static func isParallel(_ phase: String) -> Bool {
        phase.hasPrefix("parallel") || phase.hasPrefix("staggered")
    }

    /// The weighted disagreement of `hypothesis`, and how many statuses it gets wrong;
    /// stops counting (returning something above `bound`) once the score passes `bound`.
    func score(_ hypothesis: LimiterHypothesis, bound: Int = .max) -> (score: Int, mismatches: Int) {
        var score = 0
        var mismatches = 0
        let limit = hypothesis.limit
        let countsRejected = hypothesis.countsRejected
        let window = hypothesis.window ?? 1
        let phase = hypothesis.phase
        // Judges one decision; false once the bound is passed.
        @inline(__always) func judge(_ index: Int, _ allowed: Bool, _ left: Int) -> Bool {
            if allowed != accepted[index] {
                score += Self.statusWeight
                mismatches += 1
            } else if remaining[index] >= 0, remaining[index] != left {
                score += 1
            }
            return score <= bound
        }
        switch hypothesis.family {
        case .bucket:
            let rate = hypothesis.rate ?? 1
            let burst = Double(limit)
            var tokens = burst
            var last = times.first ?? 0
            for index in times.indices {
                let t = times[index]
                if t > last {
                    tokens = Swift.min(burst, tokens + (t - last) * rate)
                    last = t
                }
                let allowed = tokens >= 1 - 1e-9
                if allowed {
                    tokens -= 1
                } else if countsRejected {
                    tokens = Swift.max(tokens - 1, -burst)
                }
                if !judge(index, allowed, allowed ? Int((tokens + 1e-9).rounded(.down)) : 0) { break }
            }
        case .fixedWindow:
            var current = Int.min
            var count = 0
            for index in times.indices {
                let slot = Int(((times[index] + phase) / window).rounded(.down))
                if slot != current {
                    current = slot
                    count = 0
                }
                let allowed = count < limit
                if allowed || countsRejected { count += 1 }
                if !judge(index, allowed, allowed ? limit - count : 0) { break }
            }
        case .slidingWindowLog:
            var log: [Double] = []
            log.reserveCapacity(times.count)
            var head = 0
            for index in times.indices {
                let t = times[index]
                while head < log.count, log[head] <= t - window { head += 1 }
                let held = log.count - head
                let allowed = held < limit
                if allowed || countsRejected {
                    log.append(t)
                    if log.count - head > limit { head += 1 }
                }
                if !judge(index, allowed, allowed ? limit - held - 1 : 0) { break }
            }
        case .slidingWindowCounter:
            var current = Int.min
            var previous = 0
            var count = 0
            for index in times.indices {
                let shifted = times[index] + phase
                let slot = Int((shifted / window).rounded(.down))
                if current == Int.min {
                    current = slot
                } else if slot != current {
                    previous = slot == current + 1 ? count : 0
                    count = 0
                    current = slot
                }
                let elapsed = shifted - Double(slot) * window
                let estimate = Double(previous) * (window - elapsed) / window + Double(count)
                let room = Double(limit - 1) - estimate
                let allowed = room >= -1e-9
                if allowed || countsRejected { count += 1 }
                if !judge(index, allowed, allowed ? Int((room + 1e-9).rounded(.down)) : 0) { break }
            }
        case .concurrency:
            var held: [Double] = []
            for index in times.indices {
                let t = times[index]
                held.removeAll { $0 <= t }
                let allowed = held.count < limit
                if allowed { held.append(releases[index]) }
                // The remaining a concurrency limit reports says little; statuses only.
                if allowed != accepted[index] {
                    score += Self.statusWeight
                    mismatches += 1
                }
                if score > bound { break }
            }
        }
        return (score, mismatches)
    }
}
