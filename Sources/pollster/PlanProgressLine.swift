import PollsterPlan

/// The progress line of sweep, tune and capacity on a terminal (stderr): simulations done
/// out of those planned so far; silent when stderr is not a terminal or with --quiet.
struct PlanProgressLine: Sendable {
    let enabled: Bool
    let label: String

    init(enabled: Bool, label: String) {
        self.enabled = enabled && Terminal.stderrIsTerminal
        self.label = label
    }

    /// Redraws `progress` until the calling task is cancelled, then erases the line.
    func follow(_ progress: PlanProgress) async {
        guard enabled else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let done = progress.simulationsFinished, planned = Swift.max(1, progress.simulationsPlanned)
            Terminal.error("\r\u{1B}[2K\(label): \(done)/\(planned) simulations (\(done * 100 / planned)%)", newline: false)
        }
        Terminal.error("\r\u{1B}[2K", newline: false)
    }
}
