internal import CCurl

/// libcurl's process-wide initialisation.
enum CurlGlobal {
    /// The result of `curl_global_init`, which must run once before any other curl call and
    /// is not thread-safe; a static `let` is initialised lazily, exactly once, atomically.
    private static let initCode: UInt32 = c_curl_global_init_all().rawValue

    /// Initialises libcurl on first use and reports a failure every time after it.
    static func ensureInitialized() throws(TransportSetupError) {
        guard initCode == CURLE_OK.rawValue else {
            throw .curlInitializationFailed(code: Int(initCode))
        }
    }
}
