/// Maps wall-clock time to scenario time for live runs and the mock server.
///
/// Scenario time starts at `origin` and runs `timeScale` times faster than the wall
/// clock, so a ten-minute scenario at `timeScale: 60` takes ten seconds. Every component
/// that shares one clock value (the mock server, the live engine) sees the same scenario
/// instant for the same wall instant.
public struct ScenarioClock: Sendable {
    /// The wall instant at which scenario time is zero.
    public let origin: ContinuousClock.Instant
    /// Scenario seconds per wall-clock second (greater than zero).
    public let timeScale: Double

    /// A clock whose scenario time zero is `origin` (now by default).
    public init(origin: ContinuousClock.Instant = ContinuousClock.now, timeScale: Double = 1) {
        precondition(timeScale > 0 && timeScale.isFinite, "timeScale must be a positive number")
        self.origin = origin
        self.timeScale = timeScale
    }

    /// The current scenario time: wall time elapsed since `origin`, times `timeScale`.
    @inlinable public func now() -> Nanoseconds {
        scenarioTime(of: origin.duration(to: ContinuousClock.now))
    }

    /// The scenario time at wall instant `instant`.
    @inlinable public func time(at instant: ContinuousClock.Instant) -> Nanoseconds {
        scenarioTime(of: origin.duration(to: instant))
    }

    /// The wall instant at which scenario time reaches `time`.
    @inlinable public func instant(at time: Nanoseconds) -> ContinuousClock.Instant {
        origin.advanced(by: wallDuration(of: time))
    }

    /// How long a scenario duration lasts on the wall clock (`duration / timeScale`).
    @inlinable public func wallDuration(of duration: Nanoseconds) -> Duration {
        if timeScale == 1 { return .nanoseconds(duration) }
        return .nanoseconds(Int64((Double(duration) / timeScale).rounded()))
    }

    /// The scenario duration that passes during `wall` on the wall clock.
    @inlinable public func scenarioTime(of wall: Duration) -> Nanoseconds {
        let (seconds, attoseconds) = wall.components
        let nanoseconds = seconds * Time.nanosecondsPerSecond + attoseconds / 1_000_000_000
        if timeScale == 1 { return nanoseconds }
        return Nanoseconds((Double(nanoseconds) * timeScale).rounded())
    }
}
