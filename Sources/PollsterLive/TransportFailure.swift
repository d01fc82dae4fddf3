public import PollsterCore

/// Why a request produced no HTTP response, classified for error counts.
public enum TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens on the port, or the connection could not be made.
    case connectionRefused
    /// The peer closed or reset the connection before it sent a response.
    case connectionReset
    /// The request did not finish within its timeout.
    case timeout
    /// The TLS handshake or certificate check failed.
    case tls
    /// The host name could not be resolved.
    case dns
    /// The response was cut short or was not valid HTTP.
    case malformedResponse
    /// The calling task was cancelled or the transport shut down first.
    case cancelled
    /// Any other libcurl error, by its `CURLcode` value.
    case other(code: Int)

    /// A short name for counts by kind, such as `timeout` or `curl_35`.
    public var kind: String {
        switch self {
        case .connectionRefused: return "connection_refused"
        case .connectionReset: return "connection_reset"
        case .timeout: return "timeout"
        case .tls: return "tls"
        case .dns: return "dns"
        case .malformedResponse: return "malformed_response"
        case .cancelled: return "cancelled"
        case .other(let code): return "curl_\(code)"
        }
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .connectionRefused: return "connection refused"
        case .connectionReset: return "connection closed or reset by the peer"
        case .timeout: return "request timed out"
        case .tls: return "TLS handshake or certificate failure"
        case .dns: return "host name could not be resolved"
        case .malformedResponse: return "response incomplete or not valid HTTP"
        case .cancelled: return "request cancelled"
        case .other(let code): return "curl error \(code): \(CurlErrorText.describe(code))"
        }
    }
}

extension TransportFailure {
    /// The kind a live run counts this failure as; nil for ``cancelled`` (a stop, not a failure).
    public var failureKind: FailureKind? {
        switch self {
        case .connectionRefused: return .connectionRefused
        case .connectionReset: return .connectionReset
        case .timeout: return .timeout
        case .tls: return .tls
        case .dns: return .dns
        case .malformedResponse: return .malformedResponse
        case .cancelled: return nil
        case .other: return .otherTransport
        }
    }
}
