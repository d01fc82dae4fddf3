import HTTPTypes
import PollsterCore

/// The mock's answer to a request, decided at the scenario time the request arrived and
/// sent after `latency` of scenario time.
package struct APIResult: Sendable {
    package var status: HTTPResponse.Status
    /// Content type, rate-limit fields, `Location`, `Allow`, `WWW-Authenticate`.
    package var headers: HTTPFields
    /// The JSON body.
    package var body: [UInt8]
    /// Scenario time to wait before responding.
    package var latency: Nanoseconds
    /// The rate limiters' decision; nil when the request was rejected before reaching them.
    package var decision: RateLimitDecision?
    /// The API-key index whose concurrency slot is freed once the response is sent.
    package var releaseKey: Int?
    /// A fault's extra latency (spikes, slow bodies), added after any wait for a worker.
    package var faultDelay: Nanoseconds = 0
    /// How a faulted answer breaks at the HTTP layer; nil: a plain response.
    package var transportFault: TransportFault?

    init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: [UInt8], latency: Nanoseconds = 0,
         decision: RateLimitDecision? = nil, releaseKey: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        self.decision = decision
        self.releaseKey = releaseKey
    }

    init(_ error: APIError) {
        var headers = error.headers
        headers[.contentType] = "application/json"
        self.init(status: error.status, headers: headers, body: error.body())
    }
}
