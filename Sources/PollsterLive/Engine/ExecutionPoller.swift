import PollsterCore

/// One execution's polling loop over real HTTP: the rules are ``ClientLoop``'s, the same
/// the simulator follows; this type does the sending, the sleeping and the reading of each
/// response into a ``PollReply`` (a 2xx body that is not an execution, 5xx, other 4xx and
/// transport failures are counted by kind and are `.failed` to the loop).
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
    /// The client's rules, shared with the simulator.
    let rules: ClientLoop
    /// The server's rejection status (429, or 503 for APIs that throttle with it).
    let rejectionStatus: Int
    let seed: UInt64
    let clock: ScenarioClock
    let target: LiveTarget
    let transport: CurlTransport
    let pacer: RequestPacer?
    let budget: RequestBudget
    let progress: LiveProgress?
    let requestTimeout: Duration
    /// What the executions of its API key share (send gate, retry budget, header pacing);
    /// nil for the strategies whose keys share nothing.
    var key: SharedKeyClient? = nil

    /// Runs the loop until it ends or the task is cancelled; never throws: what happened
    /// is in the trace.
    func run() async -> ExecutionTrace {
        var trace = ExecutionTrace(plan: plan)
        let rng = RandomStream.strategy.generator(seed: seed, index: UInt64(plan.index))
        var (loop, step) = key.map { key in key.withLock { rules.begin(createdAt: plan.createdAt, rng: rng, key: &$0) } }
            ?? rules.begin(createdAt: plan.createdAt, rng: rng)
        defer { key?.withLock { $0.executionEnded() } }
        let readsQuota = rules.strategy.spec.keyClient.headerPacing
        let request = HTTPRequest(
            url: target.statusURL(executionID),
            headers: [("Authorization", "Bearer " + target.apiKey(for: plan)), ("Accept", "application/json")],
            timeout: requestTimeout
        )
        while true {
            var intended: Nanoseconds
            switch step {
            case .send(let at): intended = at
            case .abandoned:
                trace.ending = .abandoned(at: clock.now())
                return trace
            case .detected, .errored:
                return trace
            }
            var due = clock.instant(at: intended)
            do {
                // On the transport's timers: this task runs on its loop thread (see
                // LiveStrategyRun), so the sleep costs no thread hop.
                try await transport.sleep(until: due)
                if let key {
                    // The key's turn: its budget may skip a retry (asked once), its send
                    // gate hold the poll back (asked until it lets it go).
                    var turn = key.withLock { rules.send(due: intended, key: &$0, state: &loop) }
                    while case .wait(let again) = turn {
                        intended = again
                        due = clock.instant(at: again)
                        try await transport.sleep(until: due)
                        turn = key.withLock { rules.sendAgain(at: again, key: &$0) }
                    }
                    if case .skipped(let next) = turn {
                        step = next
                        continue
                    }
                }
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
            trace.polls = loop.polls + 1
            var record = ExecutionTrace.Poll(
                sentAt: sentAt, limited: false, failure: nil, latency: Self.micros(receivedAt - sentAt),
                latencyFromIntended: Self.micros(receivedAt - intended), sendLateness: Self.micros(due, dispatchedAt),
                connectionWait: Self.micros(exchange.connectionWait), nextDelay: nil)

            let reply: PollReply
            switch exchange.outcome {
            case .success(let response):
                switch ResponseClass(status: response.status, rejectionStatus: rejectionStatus) {
                case .success:
                    trace.responses200 += 1
                    if let reading = ExecutionStatusReader.read(response.body) {
                        reply = .execution(terminal: reading.status.isTerminal, progress: reading.percentage)
                    } else {
                        record.failure = .badBody
                        reply = .failed
                    }
                case .rejected:
                    trace.responses429 += 1
                    record.limited = true
                    reply = .rejected(retryAfter: response.header("retry-after").flatMap { retryAfter($0, receivedAt: receivedAt) })
                case .refused:
                    trace.responsesOther4xx += 1
                    record.failure = .otherStatus
                    reply = .refused
                case .serverError:
                    trace.responses5xx += 1
                    record.failure = .http5xx
                    reply = .failed
                case .otherStatus:
                    trace.responsesOther4xx += 1
                    record.failure = .otherStatus
                    reply = .failed
                }
            case .failure(let transportFailure):
                trace.transportErrors += 1
                record.failure = transportFailure.failureKind
                reply = .failed
            }
            progress?.requestAnswered(rateLimited: record.limited, failed: record.failure != nil)
            // The next poll counts from when the answer would have come had the poll gone
            // out on time (see the type's comment).
            let scheduleFrom = receivedAt - Swift.max(0, sentAt - dueAt)
            if let key {
                var quota: QuotaReading?
                if readsQuota, case .success(let response) = exchange.outcome {
                    quota = QuotaReading(RateLimitHeaders.parse(response.headers.all.map { (name: $0.key, value: $0.value) }))
                }
                step = key.withLock {
                    rules.next(after: reply, quota: quota, sentAt: sentAt, receivedAt: receivedAt, scheduleFrom: scheduleFrom, key: &$0, state: &loop)
                }
            } else {
                step = rules.next(after: reply, sentAt: sentAt, receivedAt: receivedAt, scheduleFrom: scheduleFrom, state: &loop)
            }
            switch step {
            case .send: record.nextDelay = Self.micros(loop.lastDelay)
            case .abandoned: record.nextDelay = Self.micros(loop.lastDelay)
            case .detected(let at):
                if case .success(let response) = exchange.outcome {
                    let lag = target.finishedAt(plan).map { at - $0 }
                        ?? CompletedAtReader.completedAt(response.body).map { CompletedAtReader.now() - $0 }
                    trace.ending = .detected(at: at, lag: lag)
                }
            case .errored(let at):
                trace.ending = .errored(at: at)
            }
            trace.log.append(record)
        }
    }

    /// A `Retry-After` value as a wait in scenario time, read at scenario time
    /// `receivedAt`: seconds as they are; a date against the target's epoch when it runs
    /// on the scenario clock, else against this machine's clock (wall seconds, scaled).
    func retryAfter(_ value: String, receivedAt: Nanoseconds) -> Nanoseconds? {
        if let epoch = target.epoch {
            return RetryAfterValue.wait(Substring(value), now: Double(epoch + receivedAt) / 1e9)
        }
        return RetryAfterValue.wait(Substring(value), now: CompletedAtReader.unixSeconds()).map { wait in
            value.contains(",") ? Nanoseconds(Double(wait) * clock.timeScale) : wait
        }
    }

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
