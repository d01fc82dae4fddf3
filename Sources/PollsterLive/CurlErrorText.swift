internal import CCurl

/// libcurl's own wording for its error codes.
enum CurlErrorText {
    /// The text of `curl_easy_strerror` for a `CURLcode` value.
    static func describe(_ code: Int) -> String {
        guard let code = UInt32(exactly: code), let text = curl_easy_strerror(CURLcode(rawValue: code)) else {
            return "unknown error"
        }
        return String(cString: text)
    }
}
