/// Time stamps that cross a boundary inside one process: the live client stamps each request
/// with the moment it was handed to a connection, and the embedded server, reading the same
/// clock, evaluates the request at that moment (the model's send time s_n) and learns how
/// long the request waited before its handler ran.
///
/// A stamp is nanoseconds of the continuous clock since a fixed instant of this process.
public enum MonotonicTime {
    /// The instant stamps count from: the first use in this process.
    public static let origin = ContinuousClock.now

    /// The stamp of `instant`.
    @inlinable public static func stamp(_ instant: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = origin.duration(to: instant).components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The stamp of now.
    @inlinable public static func now() -> Int64 {
        stamp(.now)
    }

    /// The instant of `stamp`.
    @inlinable public static func instant(_ stamp: Int64) -> ContinuousClock.Instant {
        origin.advanced(by: .nanoseconds(stamp))
    }

    /// The request header that carries the stamp (decimal nanoseconds).
    public static let dispatchHeader = "X-Pollster-Dispatched"
}
