public import PollsterCore

/// curl's timing points for one request, each from the start of the transfer.
///
/// The points are cumulative, as curl reports them: `connect` includes `nameLookup`, and
/// on a reused connection the lookup, connect and TLS points are near zero.
public struct RequestTimings: Sendable, Hashable {
    /// Until the host name was resolved.
    public var nameLookup: Nanoseconds
    /// Until the TCP connection was established.
    public var connect: Nanoseconds
    /// Until the TLS handshake finished; zero for plain HTTP.
    public var tls: Nanoseconds
    /// Until the first response byte arrived (time to first byte).
    public var firstByte: Nanoseconds
    /// Until the response was complete.
    public var total: Nanoseconds

    /// Timings from their parts; all zero by default.
    public init(
        nameLookup: Nanoseconds = 0,
        connect: Nanoseconds = 0,
        tls: Nanoseconds = 0,
        firstByte: Nanoseconds = 0,
        total: Nanoseconds = 0
    ) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}
