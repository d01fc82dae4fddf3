import PollsterCore

/// One execution's polling loop over real HTTP, following DESIGN.md's semantics with real
/// sleeps: poll n is sent at r_{n-1} + delay_n (scenario time on the run's clock), a 200
/// with a terminal status ends the loop, a 429 observes nothing (and its Retry-After is
/// honored if the client policy says so), 401/403/404 end it as errors, 5xx, transport
/// failures and 2xx bodies that are not an execution are counted by kind and the loop goes
/// on, and the client gives up at its timeout.
///
/// Times come from the transport's loop thread: a request is sent when it is handed to a
/// connection and received when the loop sees its transfer end, so a busy task scheduler
/// shows up as send lateness, not as latency of the API.
///
/// The schedule is the model's, whatever pollster's own delays: the next poll is due a
/// delay after the moment the response would have arrived had the poll gone out on time
/// (its due time plus the latency measured). A late send is reported as send lateness and
/// does not push every later poll back, where it would also bunch polls that were merely
/// near each other into herds the scenario does not have.
struct ExecutionPoller: Sendable {
    let plan: ExecutionPlan
    let executionID: String
    let strategy: PollingStrategy
    let client: ClientPolicy
    let timeout: Nanoseconds
    let seed: UInt64
    let clock: ScenarioClock
    let target: LiveTarget
    let transport: CurlTransport
    let pacer: RequestPacer?
    let budget: RequestBudget
    let progress: LiveProgress?
    let requestTimeout: Duration

    /// Runs the loop until it ends or the task is cancelled; never throws: what happened
    /// is in the trace.
    func run() async -> ExecutionTrace {
        var trace = ExecutionTrace(plan: plan)
        var rng = RandomStream.strategy.generator(seed: seed, index: UInt64(plan.index))
        var state = strategy.initialState()
        var intended = plan.createdAt + strategy.initialDelay(state: state, rng: &rng)
        let request = HTTPRequest(
            url: target.statusURL(executionID),
            headers: [("Authorization", "Bearer " + target.apiKey(for: plan)), ("Accept", "application/json")],
            timeout: requestTimeout
        )
        var poll = 0
        while true {
            if intended - plan.createdAt > timeout {
                trace.ending = .abandoned(at: clock.now())
                return trace
            }
            var due = clock.instant(at: intended)
            do {
                // On the transport's timers: this task runs on its loop thread (see
                // LiveStrategyRun), so the sleep costs no thread hop.
                try await transport.sleep(until: due)
                if let pacer { due = Swift.max(due, try await pacer.waitForSlot()) }
            } catch {
                trace.ending = .stopped(at: clock.now())
                return trace
            }
            guard budget.take() else {
                trace.ending = .stopped(at: clock.now())
                return trace
            }
            let exchange = await transport.exchange(request)
            let receivedAt = clock.time(at: exchange.completedAt)
            guard let dispatchedAt = exchange.dispatchedAt else {
                // Cancelled while queued: the run is stopping.
                trace.ending = .stopped(at: receivedAt)
                return trace
            }
            if case .failure(.cancelled) = exchange.outcome {
                trace.ending = .stopped(at: receivedAt)
                return trace
            }
            let sentAt = clock.time(at: dispatchedAt)
            let dueAt = clock.time(at: due)
            poll += 1
            trace.polls = poll
            var record = ExecutionTrace.Poll(
                sentAt: sentAt, limited: false, failure: nil, latency: Self.micros(receivedAt - sentAt),
                latencyFromIntended: Self.micros(receivedAt - intended), sendLateness: Self.micros(due, dispatchedAt),
                connectionWait: Self.micros(exchange.connectionWait), nextDelay: nil)

            var observation = PollObservation(poll: poll - 1, sentAt: sentAt, receivedAt: receivedAt, createdAt: plan.createdAt)
            var retryAfter: Nanoseconds = 0
            var limited = false
            var failure: FailureKind?
            switch exchange.outcome {
            case .success(let response):
                switch response.status {
                case 200..<300:
                    trace.responses200 += 1
                    guard let reading = ExecutionStatusReader.read(response.body) else {
                        failure = .badBody
                        break
                    }
                    if reading.status.isTerminal {
                        trace.log.append(record)
                        progress?.requestAnswered(rateLimited: false, failed: false)
                        let lag = target.finishedAt(plan).map { receivedAt - $0 }
                            ?? CompletedAtReader.completedAt(response.body).map { CompletedAtReader.now() - $0 }
                        trace.ending = .detected(at: receivedAt, lag: lag)
                        return trace
                    }
                    observation.progress = reading.percentage
                case 429:
                    trace.responses429 += 1
                    limited = true
                    if let seconds = response.header("retry-after").flatMap({ Int($0.trimmingSpaces) }) {
                        retryAfter = Self.retryAfter(seconds: seconds)
                    }
                case 401, 403, 404:
                    trace.responsesOther4xx += 1
                    record.failure = .otherStatus
                    trace.log.append(record)
                    progress?.requestAnswered(rateLimited: false, failed: true)
                    trace.ending = .errored(at: receivedAt)
                    return trace
                case 500...:
                    trace.responses5xx += 1
                    failure = .http5xx
                default:
                    trace.responsesOther4xx += 1
                    failure = .otherStatus
                }
            case .failure(let transportFailure):
                trace.transportErrors += 1
                failure = transportFailure.failureKind
            }
            progress?.requestAnswered(rateLimited: limited, failed: failure != nil)

            var delay = strategy.delay(beforePoll: poll, after: observation, state: &state, rng: &rng)
            if limited && client.retryAfter == .honor { delay = Swift.max(delay, retryAfter) }
            record.limited = limited
            record.failure = failure
            record.nextDelay = Self.micros(delay)
            trace.log.append(record)
            intended = receivedAt - Swift.max(0, sentAt - dueAt) + delay
        }
    }

    /// A Retry-After of `seconds` as a wait: a negative one waits nothing, and a huge one
    /// (a server may send anything) is held to ``maxRetryAfterSeconds`` instead of
    /// overflowing; a wait that long outlasts every client timeout anyway.
    static func retryAfter(seconds: Int) -> Nanoseconds {
        Nanoseconds(Swift.min(Swift.max(0, seconds), maxRetryAfterSeconds)) * Time.nanosecondsPerSecond
    }

    /// About 31 years: far beyond any timeout, far from overflowing scenario times.
    static let maxRetryAfterSeconds = 1_000_000_000

    @inline(__always) static func micros(_ value: Nanoseconds) -> UInt64 {
        UInt64(Swift.max(0, value) / 1000)
    }

    @inline(__always) static func micros(_ value: Duration) -> UInt64 {
        let (seconds, attoseconds) = value.components
        return UInt64(Swift.max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    }

    /// Wall microseconds from `start` to `end`, 0 when `end` is earlier.
    @inline(__always) static func micros(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> UInt64 {
        start < end ? micros(start.duration(to: end)) : 0
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
