import Foundation
import PollsterLive

/// Runs a probe against a live target over the live engine's transport and records the
/// timeline; ``LimiterInference`` reads it afterwards.
///
/// The plan: a few spaced requests (passive: the headers alone); then exhaust-and-recover
/// cycles: a burst of sequential requests to the first rejection, then spaced single
/// requests until one is accepted (starting from `Retry-After` when the server gives
/// one), at least ``ProbeSettings/minCycles`` of them, with pauses of different lengths
/// before some bursts so that windows are met at different phases. When sequential
/// bursts are never rejected, parallel steps of growing width look for a concurrency
/// limit. The budget is hard; any status other than 2xx, 429 and 503, a failed request,
/// or a Retry-After or a wait beyond ``ProbeSettings/maxWait`` (a lockout) stops it at once.
public actor ProbeSession {
    var settings: ProbeSettings
    let transport: CurlTransport
    let start = ContinuousClock.now
    let unixStart = Date().timeIntervalSince1970
    var requests: [ProbeRequest] = []
    /// Set when the probe must stop at once.
    var abort: String?
    var budgetSpent = false
    var nextSlot: ContinuousClock.Instant?
    /// Called after each request with the count so far (progress lines).
    let progress: @Sendable (Int) -> Void

    public init(settings: ProbeSettings, transport: CurlTransport, progress: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.settings = settings
        self.transport = transport
        self.progress = progress
    }

    /// Records requests sent before the probe proper (creating the execution to poll).
    public func record(setup request: HTTPRequest) async -> HTTPResponse? {
        let exchange = await send(request, phase: "setup")
        if case .success(let response) = exchange?.outcome { return response }
        return nil
    }

    /// Polls `url` from now on (the execution a setup request created).
    public func poll(_ url: String) {
        settings.url = url
    }

    /// Runs the plan and returns the timeline with why it stopped.
    public func run() async -> ProbeOutcome {
        let reason = await plan()
        return ProbeOutcome(url: settings.url, timeline: ProbeTimeline(requests: requests), stopReason: abort ?? reason,
                            aborted: abort != nil, startedAt: unixStart)
    }

    // MARK: The plan

    func plan() async -> String {
        for index in 0..<settings.passiveRequests {
            guard await get("passive") != nil else { return stopText() }
            if index + 1 < settings.passiveRequests { await sleep(settings.spacing) }
        }
        let reserve = 40
        var burst = await burstToRejection(phase: "burst 1", cap: Swift.min(200, remaining - reserve), seconds: settings.burstSeconds)
        if stopped { return stopText() }
        guard var rejection = burst.rejection else {
            return await parallelSteps(sequentialAccepted: burst.accepted)
        }
        let firstBurst = burst.accepted
        var recoveries: [Double] = []
        var cycle = 1
        while cycle < settings.maxCycles {
            guard let success = await recover(after: rejection, phase: "recover \(cycle)", expected: recoveries.min()) else {
                return stopText()
            }
            recoveries.append(success.sentAt - rejection.sentAt)
            // Pauses of different lengths before the bursts meet windows at other phases.
            let fractions = [0, 0.5, 0.3, 1.0, 0.15, 0.75, 0.4]
            let fraction = fractions[(cycle - 1) % fractions.count]
            if fraction > 0 {
                let allAtOnce = burst.accepted >= 3
                let median = recoveries.sorted()[recoveries.count / 2]
                let scale = allAtOnce ? (recoveries.max() ?? 0) : Double(Swift.max(1, firstBurst)) * median
                await sleep(Swift.min(fraction * scale, settings.maxWait / 2))
            }
            cycle += 1
            burst = await burstToRejection(phase: "burst \(cycle)", cap: Swift.min(200, remaining - 10))
            if stopped { return stopText() }
            guard let next = burst.rejection else { return "burst \(cycle) was not rejected within the budget" }
            rejection = next
            if cycle >= settings.minCycles {
                let result = LimiterInference.infer(ProbeTimeline(requests: requests))
                if let best = result.best, result.confidence >= 0.8, best.spread <= 0.05 {
                    return "stopped early after \(cycle) cycles: the answer is clear (confidence \(Int(result.confidence * 100))%)"
                }
            }
        }
        return "\(cycle) exhaust-and-recover cycles done"
    }

    var remaining: Int { settings.maxRequests - requests.count }
    var stopped: Bool { abort != nil || budgetSpent }

    func stopText() -> String {
        if let abort { return abort }
        if budgetSpent { return "the budget of \(settings.maxRequests) requests is spent" }
        return "stopped"
    }

    /// Sequential requests until one is rejected, at most `cap` of them and for at most `seconds`.
    func burstToRejection(phase: String, cap: Int, seconds: Double = .infinity) async -> (accepted: Int, rejection: ProbeRequest?) {
        var accepted = 0
        let begin = self.seconds(.now)
        for _ in 0..<Swift.max(0, cap) where self.seconds(.now) - begin < seconds {
            guard let request = await get(phase) else { break }
            if request.isRejected { return (accepted, request) }
            accepted += 1
        }
        return (accepted, nil)
    }

    /// Single requests after `rejection` until one is accepted: from its Retry-After when
    /// it has one (whole seconds are rounded up, so from a second before), else from 60 %
    /// of the shortest recovery seen so far, at gaps growing from a 25th of it.
    func recover(after rejection: ProbeRequest, phase: String, expected: Double?) async -> ProbeRequest? {
        var begin = rejection.sentAt
        var gap = expected.map { Swift.max(0.003, $0 / 25) } ?? 0.01
        var growth = expected == nil ? 1.15 : 1.08
        if let retryAfter = rejection.reading.retryAfter?.seconds {
            if retryAfter > settings.maxWait {
                abort = "a Retry-After of \(Int(retryAfter)) s (more than --max-wait \(Int(settings.maxWait)) s): signs of a lockout, stopped"
                return nil
            }
            begin = rejection.receivedAt + (retryAfter >= 1 ? retryAfter - 1 : retryAfter * 0.8)
            if expected == nil { gap = 0.02; growth = 1.08 }
        } else if let expected {
            begin = rejection.sentAt + 0.6 * expected
        }
        await sleep(until: begin)
        while true {
            guard let request = await get(phase) else { return nil }
            if request.isAccepted { return request }
            if request.sentAt - rejection.sentAt > settings.maxWait {
                abort = "no request accepted for \(Int(settings.maxWait)) s after a rejection: signs of a lockout, stopped"
                return nil
            }
            await sleep(gap)
            gap *= growth
        }
    }

    /// Parallel steps of growing width, for targets whose sequential requests were never
    /// rejected: a concurrency limit rejects only requests in flight together.
    func parallelSteps(sequentialAccepted: Int) async -> String {
        for width in settings.parallelSteps {
            guard remaining >= width else { return "the budget is spent: \(sequentialAccepted) sequential requests and parallel steps up to \(width / 2) all accepted" }
            let wave = await parallel(width, phase: "parallel \(width)")
            if stopped { return stopText() }
            if wave.contains(where: \.isRejected) {
                // A concurrency limit and a fast bucket of the same size both reject part of
                // a wave. Told apart by: the wave once more as soon as it is answered (the
                // limit lets as many in again, a bucket has not refilled), then as many as
                // were let in plus one sent while they are in flight (the limit rejects it,
                // a fast bucket does not: sent before the quickest of them was answered),
                // then sequential requests (all in, under a limit).
                let admitted = wave.filter(\.isAccepted).count
                let latency = wave.filter(\.isAccepted).map { $0.receivedAt - $0.sentAt }.min() ?? 0.05
                for round in 1...2 where remaining >= width { _ = await parallel(width, phase: "parallel \(width) again \(round)") }
                if remaining > admitted + 1 {
                    _ = await parallel(admitted, phase: "staggered \(admitted)+1", extraAfter: 0.8 * latency)
                }
                for _ in 0..<3 where remaining > 0 { _ = await get("sequential after parallel \(width)") }
                return "requests in flight together were rejected at width \(width); \(sequentialAccepted) sequential requests never were"
            }
            await sleep(0.1)
        }
        return "no request rejected: \(sequentialAccepted) sequential requests and parallel steps up to \(settings.parallelSteps.last ?? 0) all accepted"
    }

    // MARK: Requests

    /// One GET of the probed URL, recorded; nil when the budget is spent or the probe must stop.
    func get(_ phase: String) async -> ProbeRequest? {
        guard let exchange = await send(HTTPRequest(url: settings.url, headers: settings.headers, timeout: settings.timeout), phase: phase)
        else { return nil }
        _ = exchange
        return abort == nil ? requests.last : nil
    }

    /// `width` GETs at once, and with `extraAfter` one more that many seconds later.
    func parallel(_ width: Int, phase: String, extraAfter: Double? = nil) async -> [ProbeRequest] {
        let total = width + (extraAfter == nil ? 0 : 1)
        guard !stopped, remaining >= total else { return [] }
        await pace(count: total)
        let request = HTTPRequest(url: settings.url, headers: settings.headers, timeout: settings.timeout)
        let transport = self.transport
        let exchanges = await withTaskGroup(of: HTTPExchange.self) { group in
            for _ in 0..<width { group.addTask { await transport.exchange(request) } }
            if let extraAfter {
                group.addTask {
                    try? await Task.sleep(for: .nanoseconds(Int64(extraAfter * 1e9)))
                    return await transport.exchange(request)
                }
            }
            var all: [HTTPExchange] = []
            for await exchange in group { all.append(exchange) }
            return all
        }
        var recorded: [ProbeRequest] = []
        for exchange in exchanges.sorted(by: { $0.enqueuedAt < $1.enqueuedAt }) {
            recorded.append(record(exchange, phase: phase))
        }
        return recorded
    }

    func send(_ request: HTTPRequest, phase: String) async -> HTTPExchange? {
        guard !stopped else { return nil }
        guard remaining > 0 else { budgetSpent = true; return nil }
        await pace(count: 1)
        let exchange = await transport.exchange(request)
        _ = record(exchange, phase: phase)
        return exchange
    }

    func record(_ exchange: HTTPExchange, phase: String) -> ProbeRequest {
        let dispatched = exchange.dispatchedAt ?? exchange.enqueuedAt
        var sent = seconds(dispatched)
        let received = seconds(exchange.completedAt)
        var entry = ProbeRequest(index: requests.count, phase: phase, sentAt: sent, receivedAt: received, status: 0)
        switch exchange.outcome {
        case .success(let response):
            if response.connectionsOpened > 0 { sent += Double(response.timings.connect) / 1e9 }
            entry.sentAt = Swift.min(sent, received)
            entry.status = response.status
            var fields: [(name: String, value: String)] = []
            for (name, value) in response.headers.all where ProbeRequest.isRateLimitField(name) {
                fields.append((name, value))
                entry.fields[name] = value
            }
            entry.reading = HeaderReading.read(fields, now: unixStart + received)
            if !entry.isDecided, abort == nil {
                abort = "status \(response.status) at request \(entry.index + 1) (\(phase)): stopped at once; a probe expects only 2xx, 429 or 503"
            }
        case .failure(let failure):
            if abort == nil { abort = "no response at request \(entry.index + 1) (\(phase)): \(failure); stopped at once" }
        }
        requests.append(entry)
        progress(requests.count)
        return entry
    }

    func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let (whole, fraction) = (instant - start).components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// Waits for the client-side ceiling's next slots.
    func pace(count: Int) async {
        guard let rate = settings.maxRequestRate, rate > 0 else { return }
        let now = ContinuousClock.now
        let slot = Swift.max(now, nextSlot ?? now)
        nextSlot = slot + .nanoseconds(Int64(1e9 / rate * Double(count)))
        if slot > now { try? await ContinuousClock().sleep(until: slot) }
    }

    func sleep(_ seconds: Double) async {
        guard seconds > 0 else { return }
        try? await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }

    func sleep(until time: Double) async {
        await sleep(time - seconds(.now))
    }
}
