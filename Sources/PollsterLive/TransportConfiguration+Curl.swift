internal import CCurl

extension TransportConfiguration.HTTPVersion {
    /// The `CURLOPT_HTTP_VERSION` value.
    var curlValue: Int {
        switch self {
        case .http1_1: return Int(CURL_HTTP_VERSION_1_1)
        case .http2OverTLS: return Int(CURL_HTTP_VERSION_2TLS)
        case .http2PriorKnowledge: return Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        }
    }
}
