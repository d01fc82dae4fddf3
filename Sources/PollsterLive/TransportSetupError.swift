/// Why a ``CurlTransport`` could not be created.
public enum TransportSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A configuration value is out of range; the text names the field and what is allowed.
    case invalidConfiguration(String)
    /// `curl_global_init` failed with this `CURLcode` value.
    case curlInitializationFailed(code: Int)
    /// libcurl could not create a multi handle (out of memory).
    case multiHandleUnavailable
    /// The loop thread could not be started; the value is the `pthread_create` error number.
    case threadStartFailed(errno: Int32)
    /// The loop's epoll set or eventfd could not be created (errno; usually too many open files).
    case eventPollUnavailable(errno: Int32)

    /// A one-line message a user can act on.
    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return "invalid transport configuration: \(message)"
        case .curlInitializationFailed(let code):
            return "libcurl failed to initialise: \(CurlErrorText.describe(code))"
        case .multiHandleUnavailable:
            return "libcurl could not create a multi handle"
        case .threadStartFailed(let errno):
            return "could not start the transport thread (errno \(errno))"
        case .eventPollUnavailable(let errno):
            return "could not create the transport's epoll set (errno \(errno)); raise the open-file limit (ulimit -n)"
        }
    }
}
