/// Why a request failed, as the live engine counts it. A 429 is not a failure (it is the
/// rate limit doing its job) and neither is a request cut off by a stop.
public enum FailureKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable, Comparable {
    /// Nothing listens on the target's port, or the connection could not be made.
    case connectionRefused = "connection_refused"
    /// The request did not finish within its timeout.
    case timeout
    /// The peer closed or reset the connection before a whole response arrived.
    case connectionReset = "connection_reset"
    /// The host name could not be resolved.
    case dns
    /// The TLS handshake or the certificate check failed.
    case tls
    /// The response was cut short or was not valid HTTP.
    case malformedResponse = "malformed_response"
    /// Any other transport error.
    case otherTransport = "other_transport"
    /// A 5xx response.
    case http5xx = "http_5xx"
    /// A 4xx other than 429 (401, 403 and 404 among them, which also end the execution's
    /// loop), or a 1xx/3xx final response.
    case otherStatus = "http_other"
    /// A 2xx whose body is not an execution (not JSON, truncated, no known status).
    case badBody = "bad_body"

    /// In words, for the console and the report.
    public var label: String {
        switch self {
        case .connectionRefused: return "connection refused"
        case .timeout: return "timeout"
        case .connectionReset: return "connection reset"
        case .dns: return "DNS failure"
        case .tls: return "TLS failure"
        case .malformedResponse: return "malformed response"
        case .otherTransport: return "other transport error"
        case .http5xx: return "5xx"
        case .otherStatus: return "other 4xx"
        case .badBody: return "bad body"
        }
    }

    /// True for failures without an HTTP response (they count as transport errors).
    public var isTransport: Bool {
        switch self {
        case .connectionRefused, .timeout, .connectionReset, .dns, .tls, .malformedResponse, .otherTransport: return true
        case .http5xx, .otherStatus, .badBody: return false
        }
    }

    public static func < (lhs: FailureKind, rhs: FailureKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
