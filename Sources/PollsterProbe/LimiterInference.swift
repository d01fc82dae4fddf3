import Foundation
import PollsterCore

/// Infers the limiter behind a timeline: for every family, searches its parameters for
/// the hypothesis whose replay (``LimiterReplay``) disagrees least with the statuses and
/// `remaining` headers the server sent, then ranks the families. Pure: no clock, no I/O.
///
/// The search is a coarse grid (rates and windows on a geometric grid, window phases on
/// a uniform one, limits around the longest accepted burst and the advertised quota),
/// refined around the best points. The confidence grows with how many more requests the
/// runner-up gets wrong than the winner.
public enum LimiterInference {
    /// What the inference concluded.
    public struct Result: Sendable, Hashable, Codable {
        /// The best fit; nil when nothing was rejected (no limit was reached).
        public var best: LimiterFit?
        /// The best fit of every family searched, best first.
        public var fits: [LimiterFit]
        /// 0-1: how clearly the best family beats the runner-up (see ``confidence(best:runnerUp:)``).
        public var confidence: Double
    }

    /// Infers from `timeline`.
    public static func infer(_ timeline: ProbeTimeline) -> Result {
        let replay = LimiterReplay(timeline)
        guard timeline.requests.contains(where: \.isRejected), replay.decisions > 0 else {
            return Result(best: nil, fits: [], confidence: 0)
        }
        let context = Context(timeline: timeline, replay: replay)
        var fits: [LimiterFit] = []
        for family in LimiterFamily.allCases {
            if let fit = context.fit(family) { fits.append(fit) }
        }
        fits.sort { ($0.score, $0.hypothesis.family.complexity) < ($1.score, $1.hypothesis.family.complexity) }
        guard let best = fits.first else { return Result(best: nil, fits: [], confidence: 0) }
        let confidence = Self.confidence(best: best, runnerUp: fits.dropFirst().first)
        return Result(best: best, fits: fits, confidence: confidence)
    }

    /// `margin / (margin + 2)` times the share of statuses the best fit explains, where
    /// `margin` is how many more statuses (and, at a quarter each, `remaining` headers) the
    /// runner-up gets wrong: equal fits give 0, a margin of 6 gives 0.75, of 18 gives 0.9.
    public static func confidence(best: LimiterFit, runnerUp: LimiterFit?) -> Double {
        let explained = best.decisions > 0 ? 1 - Double(best.mismatches) / Double(best.decisions) : 0
        guard let runnerUp else { return explained }
        let margin = Double(runnerUp.score - best.score) / Double(LimiterReplay.statusWeight)
        return Swift.max(0, margin / (margin + 2)) * explained
    }

    /// The grids and the search over them for one timeline.
    struct Context {
        let replay: LimiterReplay
        let duration: Double
        let limits: [Int]
        let parallelLimits: [Int]

        init(timeline: ProbeTimeline, replay: LimiterReplay) {
            self.replay = replay
            duration = Swift.max(timeline.duration, 0.5)
            let longest = Swift.max(1, timeline.longestAcceptedRun(phasePrefix: "burst"))
            var limits = Set((longest - 2)...(longest + 3)).filter { $0 >= 1 }
            // The quota the server advertises, when it says one.
            let advertised = timeline.requests.compactMap(\.reading.limit)
            if let common = Self.mostCommon(advertised), common >= 1, common <= 100_000 { limits.insert(common) }
            self.limits = limits.sorted()
            let parallel = timeline.mostAcceptedInParallel
            parallelLimits = Array(1...Swift.max(1, parallel + 2))
        }

        static func mostCommon(_ values: [Int]) -> Int? {
            var counts: [Int: Int] = [:]
            for value in values { counts[value, default: 0] += 1 }
            return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        }

        /// `count` points from `low` to `high` evenly spaced on a log scale.
        static func geometric(_ low: Double, _ high: Double, ratio: Double) -> [Double] {
            guard low > 0, high > low else { return [low] }
            let count = Int((log(high / low) / log(ratio)).rounded(.up)) + 1
            return (0..<count).map { low * pow(ratio, Double($0)) }
        }

        struct Scored {
            var hypothesis: LimiterHypothesis
            var score: Int
            var mismatches: Int
        }

        /// Scores every hypothesis, skipping (by its bound) those worse than the best so far.
        func search(_ hypotheses: [LimiterHypothesis], into scored: inout [Scored], best: inout Int) {
            for hypothesis in hypotheses {
                let result = replay.score(hypothesis, bound: best)
                if result.score <= best {
                    best = result.score
                    scored.append(Scored(hypothesis: hypothesis, score: result.score, mismatches: result.mismatches))
                }
            }
        }

        func fit(_ family: LimiterFamily) -> LimiterFit? {
            var scored: [Scored] = []
            var best = Int.max
            switch family {
            case .concurrency:
                search(parallelLimits.map { LimiterHypothesis(family: .concurrency, limit: $0) }, into: &scored, best: &best)
            case .bucket:
                let rates = Self.geometric(Swift.max(0.001, 0.05 / duration), 5000, ratio: 1.03)
                for countsRejected in [false, true] {
                    for limit in limits {
                        search(rates.map { LimiterHypothesis(family: .bucket, limit: limit, rate: $0, countsRejected: countsRejected) },
                               into: &scored, best: &best)
                    }
                }
                let coarse = scored.filter { $0.score == best }.prefix(40)
                var fine: [LimiterHypothesis] = []
                for point in coarse {
                    let rate = point.hypothesis.rate ?? 1
                    for step in -15...15 {
                        var hypothesis = point.hypothesis
                        hypothesis.rate = rate * pow(1.03, Double(step) / 15)
                        fine.append(hypothesis)
                    }
                }
                search(fine, into: &scored, best: &best)
            case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
                let windows = Self.geometric(0.05, Swift.max(2, 2 * duration), ratio: 1.04)
                let phased = family != .slidingWindowLog
                let phases = phased ? 24 : 1
                for countsRejected in [false, true] {
                    for limit in limits {
                        var hypotheses: [LimiterHypothesis] = []
                        for window in windows {
                            for step in 0..<phases {
                                hypotheses.append(LimiterHypothesis(family: family, limit: limit, window: window,
                                                                    phase: window * Double(step) / Double(phases),
                                                                    countsRejected: countsRejected))
                            }
                        }
                        search(hypotheses, into: &scored, best: &best)
                    }
                }
                let coarse = scored.filter { $0.score == best }.prefix(phased ? 24 : 40)
                var fine: [LimiterHypothesis] = []
                for point in coarse {
                    let window = point.hypothesis.window ?? 1
                    for step in -10...10 {
                        let candidate = window * pow(1.04, Double(step) / 10)
                        if phased {
                            for phaseStep in -6...6 {
                                var hypothesis = point.hypothesis
                                hypothesis.window = candidate
                                hypothesis.phase = (point.hypothesis.phase + Double(phaseStep) * window / Double(phases) / 6)
                                    .truncatingRemainder(dividingBy: candidate)
                                if hypothesis.phase < 0 { hypothesis.phase += candidate }
                                fine.append(hypothesis)
                            }
                        } else {
                            var hypothesis = point.hypothesis
                            hypothesis.window = candidate
                            fine.append(hypothesis)
                        }
                    }
                }
                search(fine, into: &scored, best: &best)
            }
            let winners = scored.filter { $0.score == best }
            guard !winners.isEmpty else { return nil }
            return summarise(winners, decisions: replay.decisions)
        }

        /// One representative of the hypotheses that fit equally well: the limit and
        /// counting rule held by most of them, then the middle rate or window (on a log
        /// scale) and, for it, the middle phase.
        func summarise(_ winners: [Scored], decisions: Int) -> LimiterFit {
            struct Group: Hashable { var limit: Int; var countsRejected: Bool }
            var groups: [Group: [Scored]] = [:]
            for winner in winners {
                groups[Group(limit: winner.hypothesis.limit, countsRejected: winner.hypothesis.countsRejected), default: []].append(winner)
            }
            let chosen = groups.max { a, b in
                (a.value.count, -a.key.limit, a.key.countsRejected ? 0 : 1) < (b.value.count, -b.key.limit, b.key.countsRejected ? 0 : 1)
            }!
            let members = chosen.value
            let both = Set(winners.filter { $0.hypothesis.limit == chosen.key.limit }.map(\.hypothesis.countsRejected)).count > 1
            let family = members[0].hypothesis.family
            let values: [Double] = members.compactMap { family == .bucket ? $0.hypothesis.rate : $0.hypothesis.window }
            var representative = members[members.count / 2]
            var low: Double?
            var high: Double?
            if !values.isEmpty {
                let sorted = values.sorted()
                low = sorted.first
                high = sorted.last
                let middle = exp((log(sorted.first!) + log(sorted.last!)) / 2)
                representative = members.min { abs(log(value(of: $0, family)) - log(middle)) < abs(log(value(of: $1, family)) - log(middle)) }!
                var hypothesis = representative.hypothesis
                if family == .bucket { hypothesis.rate = middle } else { hypothesis.window = middle }
                // The middle value only if it fits as well (with the nearest winner's phase).
                if replay.score(hypothesis).score > representative.score { hypothesis = representative.hypothesis }
                representative.hypothesis = hypothesis
            }
            return LimiterFit(hypothesis: representative.hypothesis, mismatches: representative.mismatches, score: representative.score,
                              decisions: decisions, low: low, high: high, countsRejectedUndetermined: both)
        }

        func value(of scored: Scored, _ family: LimiterFamily) -> Double {
            (family == .bucket ? scored.hypothesis.rate : scored.hypothesis.window) ?? 1
        }
    }
}
