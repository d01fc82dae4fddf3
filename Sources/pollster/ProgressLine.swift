import PollsterCore
import PollsterSim

/// The one-line progress display on a terminal (stderr), redrawn in place a few times a
/// second and erased at the end; silent when stderr is not a terminal or with --quiet.
struct ProgressLine: Sendable {
    let enabled: Bool
    let total: Int

    init(enabled: Bool, totalExecutions: Int) {
        self.enabled = enabled && Terminal.stderrIsTerminal
        self.total = totalExecutions
    }

    /// Redraws the simulator's progress until the calling task is cancelled.
    func follow(_ progress: SimulationProgress) async {
        guard enabled else { return }
        let clock = ContinuousClock()
        let start = clock.now
        var lastRequests = 0
        var lastInstant = start
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let now = clock.now
            let requests = progress.requests
            let interval = (now - lastInstant) / .milliseconds(1) / 1000
            let rate = interval > 0 ? Double(requests - lastRequests) / interval : 0
            lastRequests = requests
            lastInstant = now
            let time = Time.describe((progress.scenarioTime / Time.nanosecondsPerSecond) * Time.nanosecondsPerSecond)
            draw("simulating: scenario time \(time), \(progress.executionsFinished)/\(total) executions done, \(Self.compact(Double(requests))) requests (\(Self.compact(rate))/s)")
        }
        clear()
    }

    func draw(_ text: String) {
        Terminal.error("\r\u{1B}[2K" + text, newline: false)
    }

    func clear() {
        guard enabled else { return }
        Terminal.error("\r\u{1B}[2K", newline: false)
    }

    /// 1234567 as "1.23M".
    static func compact(_ value: Double) -> String {
        if value >= 1e9 { return Time.trimmed((value / 1e7).rounded() / 100) + "G" }
        if value >= 1e6 { return Time.trimmed((value / 1e4).rounded() / 100) + "M" }
        if value >= 1e4 { return Time.trimmed((value / 1e2).rounded() / 10) + "k" }
        return String(Int(value))
    }
}
