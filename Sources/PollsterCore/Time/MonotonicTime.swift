#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's monotonic clock as plain nanoseconds, for time stamps that cross a
/// boundary inside one process: the live client stamps each request with the moment it was
/// handed to a connection, and the embedded server, reading the same clock, learns how long
/// the request waited before its handler ran.
public enum MonotonicTime {
    /// Nanoseconds since an arbitrary, fixed point (boot, on Linux).
    @inlinable public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The request header that carries the stamp (decimal nanoseconds of ``now()``).
    public static let dispatchHeader = "X-Pollster-Dispatched"
}
