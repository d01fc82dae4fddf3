/// One request of a probe as it was seen from the client: when it left and came back
/// (seconds from the probe's start, on the monotonic clock), its status and what its
/// rate-limit header fields said.
public struct ProbeRequest: Sendable, Hashable, Codable {
    /// 0-based, in the order the requests were sent.
    public var index: Int
    /// The step of the probe that sent it: `setup`, `passive`, `burst 2`, `recover 2`, `parallel 8`.
    public var phase: String
    /// When the request was handed to the connection, seconds from the start.
    public var sentAt: Double
    /// When the response was complete.
    public var receivedAt: Double
    /// The HTTP status; 0 when no response came (a transport failure).
    public var status: Int
    /// The rate-limit header fields as received (names lowercased), for the evidence.
    public var fields: [String: String]
    /// What they say.
    public var reading: HeaderReading

    public init(index: Int, phase: String, sentAt: Double, receivedAt: Double, status: Int,
                fields: [String: String] = [:], reading: HeaderReading = HeaderReading()) {
        self.index = index
        self.phase = phase
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.status = status
        self.fields = fields
        self.reading = reading
    }

    /// A 2xx answer.
    public var isAccepted: Bool { (200..<300).contains(status) }
    /// A rate-limit rejection: 429, or 503 as some APIs throttle.
    public var isRejected: Bool { status == 429 || status == 503 }
    /// Either: a request the rate limits decided.
    public var isDecided: Bool { isAccepted || isRejected }

    /// The header fields worth keeping: rate limits, retries, call limits.
    public static func isRateLimitField(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("ratelimit") || lower.contains("rate-limit") || lower.contains("retry-after")
            || lower.contains("call-limit")
    }
}
