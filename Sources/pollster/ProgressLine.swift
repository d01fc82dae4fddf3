import PollsterCore
import PollsterLive
import PollsterSim

/// The one-line progress display on a terminal (stderr), redrawn in place a few times a
/// second and erased at the end; silent when stderr is not a terminal or with --quiet.
struct ProgressLine: Sendable {
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled && Terminal.stderrIsTerminal
    }

    /// Redraws `render(elapsed wall seconds, seconds since the last draw)` until the calling
    /// task is cancelled, then erases the line.
    func follow(_ render: @Sendable (_ elapsed: Double, _ interval: Double) -> String) async {
        guard enabled else { return }
        let clock = ContinuousClock()
        let start = clock.now
        var last = start
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let now = clock.now
            draw(render(Self.seconds(now - start), Self.seconds(now - last)))
            last = now
        }
        clear()
    }

    /// The simulator's progress: scenario time reached, executions done, requests/s.
    func follow(_ progress: SimulationProgress, totalExecutions total: Int) async {
        let lastRequests = Counter()
        await follow { _, interval in
            let requests = progress.requests
            let rate = interval > 0 ? Double(requests - lastRequests.swap(requests)) / interval : 0
            let time = Time.describe((progress.scenarioTime / Time.nanosecondsPerSecond) * Time.nanosecondsPerSecond)
            return "simulating: scenario time \(time), \(progress.executionsFinished)/\(total) executions done, \(Self.compact(Double(requests))) requests (\(Self.compact(rate))/s)"
        }
    }

    /// A live run's progress: elapsed, strategy, executions in flight and done, requests/s,
    /// 429 rate so far.
    func follow(_ progress: LiveProgress, strategy: @escaping @Sendable () -> String, totalExecutions total: Int) async {
        let lastRequests = Counter()
        await follow { elapsed, interval in
            let requests = progress.requests
            let rate = interval > 0 ? Double(requests - lastRequests.swap(requests)) / interval : 0
            let share = requests > 0 ? Double(progress.requests429) / Double(requests) * 100 : 0
            let failed = progress.failures
            return "live \(Time.trimmed((elapsed * 10).rounded() / 10))s [\(strategy())]: \(progress.inFlight) in flight, \(progress.finished)/\(total) done, \(Self.compact(rate)) req/s, 429s \(Time.trimmed((share * 10).rounded() / 10))%"
                + (failed > 0 ? ", \(failed) failed" : "")
        }
    }

    func draw(_ text: String) {
        Terminal.error("\r\u{1B}[2K" + text, newline: false)
    }

    func clear() {
        guard enabled else { return }
        Terminal.error("\r\u{1B}[2K", newline: false)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// 1234567 as "1.23M".
    static func compact(_ value: Double) -> String {
        if value >= 1e9 { return Time.trimmed((value / 1e7).rounded() / 100) + "G" }
        if value >= 1e6 { return Time.trimmed((value / 1e4).rounded() / 100) + "M" }
        if value >= 1e4 { return Time.trimmed((value / 1e2).rounded() / 10) + "k" }
        return String(Int(value))
    }
}
