/// Why the mock server could not start.
public enum MockServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host is not a loopback address; the mock only listens on this machine.
    case notLoopback(String)
    /// The server stopped before it was listening (for instance, the port was taken).
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .notLoopback(let host):
            return "refusing to listen on '\(host)': the mock only binds loopback addresses (127.0.0.1, ::1, localhost)"
        case .stoppedBeforeListening:
            return "the mock server stopped before it was listening (is the port in use?)"
        }
    }
}
