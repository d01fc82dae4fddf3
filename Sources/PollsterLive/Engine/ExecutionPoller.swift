import PollsterCore

/// One execution's polling loop over real HTTP, following DESIGN.md's semantics with real
/// sleeps: poll n is sent at r_{n-1} + delay_n (scenario time on the run's clock), a 200
/// with a terminal status ends the loop, a 429 observes nothing (and its Retry-After is
/// honored if the client policy says so), 401/403/404 end it as errors, 5xx and transport
/// failures are counted and the loop goes on, and the client gives up at its timeout.
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
            do {
                // On the transport's timers: this task runs on its loop thread (see
                // LiveStrategyRun), so the sleep costs no thread hop.
                try await transport.sleep(until: clock.instant(at: intended))
                if let pacer { try await pacer.waitForSlot() }
            } catch {
                trace.ending = .stopped(at: clock.now())
                return trace
            }
            guard budget.take() else {
                trace.ending = .stopped(at: clock.now())
                return trace
            }
            let sentAt = clock.now()
            let outcome = await transport.send(request)
            let receivedAt = clock.now()
            if case .failure(.cancelled) = outcome {
                trace.ending = .stopped(at: receivedAt)
                return trace
            }
            poll += 1
            trace.polls = poll
            trace.latencies.append(Self.micros(receivedAt - sentAt))
            trace.latenciesFromIntended.append(Self.micros(receivedAt - intended))

            var observation = PollObservation(poll: poll - 1, sentAt: sentAt, receivedAt: receivedAt, createdAt: plan.createdAt)
            var retryAfter: Nanoseconds = 0
            var limited = false
            switch outcome {
            case .success(let response):
                switch response.status {
                case 200..<300:
                    trace.responses200 += 1
                    if let reading = ExecutionStatusReader.read(response.body) {
                        if reading.status.isTerminal {
                            trace.sends.append((sentAt, false))
                            progress?.requestAnswered(rateLimited: false)
                            let lag = target.finishedAt(plan).map { receivedAt - $0 }
                                ?? CompletedAtReader.completedAt(response.body).map { CompletedAtReader.now() - $0 }
                            trace.ending = .detected(at: receivedAt, lag: lag)
                            return trace
                        }
                        observation.progress = reading.percentage
                    }
                case 429:
                    trace.responses429 += 1
                    limited = true
                    if let seconds = response.header("retry-after").flatMap({ Int($0.trimmingSpaces) }) {
                        retryAfter = Nanoseconds(seconds) * Time.nanosecondsPerSecond
                    }
                case 401, 403, 404:
                    trace.responsesOther4xx += 1
                    trace.sends.append((sentAt, false))
                    progress?.requestAnswered(rateLimited: false)
                    trace.ending = .errored(at: receivedAt)
                    return trace
                case 500...:
                    trace.responses5xx += 1
                default:
                    trace.responsesOther4xx += 1
                }
            case .failure:
                trace.transportErrors += 1
            }
            trace.sends.append((sentAt, limited))
            progress?.requestAnswered(rateLimited: limited)

            var delay = strategy.delay(beforePoll: poll, after: observation, state: &state, rng: &rng)
            if limited && client.retryAfter == .honor { delay = Swift.max(delay, retryAfter) }
            intended = receivedAt + delay
        }
    }

    @inline(__always) static func micros(_ value: Nanoseconds) -> UInt64 {
        UInt64(Swift.max(0, value) / 1000)
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
