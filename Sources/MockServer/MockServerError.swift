#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the mock server could not start.
public enum MockServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host is not a loopback address; the mock only listens on this machine.
    case notLoopback(String)
    /// The server stopped before it was listening (for instance, the port was taken).
    case stoppedBeforeListening
    /// Binding `address` failed with the system error `errno`.
    case cannotListen(address: String, errno: Int32)

    public var description: String {
        switch self {
        case .notLoopback(let host):
            return "refusing to listen on '\(host)': the mock only binds loopback addresses (127.0.0.1, ::1, localhost)"
        case .stoppedBeforeListening:
            return "the mock server stopped before it was listening (is the port in use?)"
        case .cannotListen(let address, let code):
            switch code {
            case EADDRINUSE:
                return "cannot listen on \(address): the port is in use; choose another with --port N, or --port 0 for a free one"
            case EACCES:
                return "cannot listen on \(address): permission denied (ports below 1024 need privileges); choose another with --port N, or --port 0 for a free one"
            case EADDRNOTAVAIL:
                return "cannot listen on \(address): this machine has no such address; listen on 127.0.0.1 or ::1"
            default:
                return "cannot listen on \(address): \(String(cString: strerror(code))) (errno \(code))"
            }
        }
    }
}
