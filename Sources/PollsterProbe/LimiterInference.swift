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
        /// Instants (probe clock) where a window boundary may lie: just before each request
        /// accepted after a rejection, and halfway back to that rejection.
        let boundaries: [Double]

        init(timeline: ProbeTimeline, replay: LimiterReplay) {
            self.replay = replay
            duration = Swift.max(timeline.duration, 0.5)
            let longest = Swift.max(1, timeline.longestAcceptedRun(phasePrefix: "burst"))
            var limits = Set((longest - 2)...(longest + 4)).filter { $0 >= 1 }
            // The quota the server advertises, when it says one.
            let advertised = timeline.requests.compactMap(\.reading.limit)
            if let common = Self.mostCommon(advertised), common >= 1, common <= 100_000 { limits.insert(common) }
            self.limits = limits.sorted()
            let parallel = timeline.mostAcceptedInParallel
            parallelLimits = Array(1...Swift.max(1, parallel + 2))
            var boundaries: [Double] = []
            for index in replay.times.indices.dropFirst() where replay.accepted[index] && !replay.accepted[index - 1] {
                boundaries.append(replay.times[index] - 0.0002)
                boundaries.append((replay.times[index] + replay.times[index - 1]) / 2)
            }
            self.boundaries = Array(boundaries.prefix(24))
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

        /// Scores every hypothesis, skipping (by its bound) those worse than the best so far
        /// by more than `slack`, and keeps the others.
        func search(_ hypotheses: [LimiterHypothesis], into scored: inout [Scored], best: inout Int, slack: Int = 0) {
            for hypothesis in hypotheses {
                let bound = best == .max ? .max : best + slack
                let result = replay.score(hypothesis, bound: bound)
                if result.score <= bound {
                    best = Swift.min(best, result.score)
                    scored.append(Scored(hypothesis: hypothesis, score: result.score, mismatches: result.mismatches))
                }
            }
        }

        /// The points to refine around: the best-scoring ones, at most `count`.
        func seeds(_ scored: [Scored], best: Int, slack: Int, count: Int) -> [Scored] {
            Array(scored.filter { $0.score <= best + slack }.sorted { $0.score < $1.score }.prefix(count))
        }

        func fit(_ family: LimiterFamily) -> LimiterFit? {
            var scored: [Scored] = []
            var best = Int.max
            // Points this much worse than the best are refined too: the grid may pass the
            // truth by a hair.
            let slack = 3 * LimiterReplay.statusWeight
            switch family {
            case .concurrency:
                search(parallelLimits.map { LimiterHypothesis(family: .concurrency, limit: $0) }, into: &scored, best: &best)
            case .bucket:
                let rates = Self.geometric(Swift.max(0.001, 0.05 / duration), 5000, ratio: 1.01)
                for countsRejected in [false, true] {
                    for limit in limits {
                        search(rates.map { LimiterHypothesis(family: .bucket, limit: limit, rate: $0, countsRejected: countsRejected) },
                               into: &scored, best: &best, slack: slack)
                    }
                }
                var fine: [LimiterHypothesis] = []
                for point in seeds(scored, best: best, slack: slack, count: 60) {
                    let rate = point.hypothesis.rate ?? 1
                    for step in -10...10 {
                        var hypothesis = point.hypothesis
                        hypothesis.rate = rate * pow(1.01, Double(step) / 10)
                        fine.append(hypothesis)
                    }
                }
                search(fine, into: &scored, best: &best)
            case .fixedWindow, .slidingWindowLog, .slidingWindowCounter:
                let windows = Self.geometric(0.05, Swift.max(2, 2 * duration), ratio: 1.01)
                let phased = family != .slidingWindowLog
                let steps = 32
                for countsRejected in [false, true] {
                    for limit in limits {
                        var hypotheses: [LimiterHypothesis] = []
                        for window in windows {
                            for phase in phased ? phases(window: window, steps: steps) : [0] {
                                hypotheses.append(LimiterHypothesis(family: family, limit: limit, window: window, phase: phase,
                                                                    countsRejected: countsRejected))
                            }
                        }
                        search(hypotheses, into: &scored, best: &best, slack: slack)
                    }
                }
                var fine: [LimiterHypothesis] = []
                for point in seeds(scored, best: best, slack: slack, count: phased ? 40 : 60) {
                    let window = point.hypothesis.window ?? 1
                    for step in -10...10 {
                        let candidate = window * pow(1.01, Double(step) / 10)
                        for phaseStep in phased ? Array(-6...6) : [0] {
                            var hypothesis = point.hypothesis
                            hypothesis.window = candidate
                            if phased {
                                var phase = (point.hypothesis.phase + Double(phaseStep) * window / Double(steps) / 6)
                                    .truncatingRemainder(dividingBy: candidate)
                                if phase < 0 { phase += candidate }
                                hypothesis.phase = phase
                            }
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

        /// Window phases to try for `window`: `steps` evenly spaced, and those that put a
        /// window boundary just before each request accepted after a rejection, or halfway
        /// between the two (where a fixed window's or a counter's boundary must lie).
        func phases(window: Double, steps: Int) -> [Double] {
            var phases = (0..<steps).map { window * Double($0) / Double(steps) }
            for boundary in boundaries {
                var phase = (-boundary).truncatingRemainder(dividingBy: window)
                if phase < 0 { phase += window }
                phases.append(phase)
            }
            return phases
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
