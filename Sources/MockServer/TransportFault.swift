import PollsterCore

/// How a faulted answer leaves the mock when it is not a plain HTTP response
/// (``FaultModel/Failure``, slow bodies and outages at the HTTP layer).
package enum TransportFault: Sendable, Hashable {
    /// The connection is reset (TCP RST) once the latency has passed: no answer.
    case reset
    /// The head and half the body are sent, then the connection is closed.
    case truncated
    /// The head and half the body are sent, the rest this much scenario time later.
    case slowBody(Nanoseconds)
}
