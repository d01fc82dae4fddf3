import PollsterCore

extension ScenarioClock {
    /// Sleeps until scenario time `time` (at once if it has passed); throws when the task
    /// is cancelled.
    func sleep(until time: Nanoseconds) async throws {
        try await ContinuousClock().sleep(until: instant(at: time), tolerance: nil)
    }
}
