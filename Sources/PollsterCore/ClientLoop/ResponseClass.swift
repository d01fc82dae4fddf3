/// What an HTTP status means to a polling client, for counting and for the loop: the one
/// rule the simulator (on the statuses its model answers) and the live poller (on real
/// responses) both apply, so that a 503 means the same in both.
public enum ResponseClass: Sendable, Hashable {
    /// 2xx: the body should be an execution.
    case success
    /// A rate-limit rejection: 429, or the server's rejection status (503 for APIs that
    /// throttle with it, in which case every 503 counts as a rejection: a client cannot
    /// tell one 503 from another).
    case rejected
    /// 401, 403, 404: the client cannot go on with the execution.
    case refused
    /// Another 5xx.
    case serverError
    /// Anything else (1xx, 3xx, other 4xx).
    case otherStatus

    /// The class of `status` from a server whose rejections use `rejectionStatus`.
    @inlinable public init(status: Int, rejectionStatus: Int) {
        if status == 429 || status == rejectionStatus {
            self = .rejected
            return
        }
        switch status {
        case 200..<300: self = .success
        case 401, 403, 404: self = .refused
        case 500...: self = .serverError
        default: self = .otherStatus
        }
    }
}
