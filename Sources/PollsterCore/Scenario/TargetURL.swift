/// Checks a live target's base URL: http or https, a host, an optional port and path, and
/// no credentials (the API key comes from the variable named by `apiKeyEnv`).
enum TargetURL {
    /// Why `text` is not a usable target URL, or nil when it is one.
    static func problem(with text: String) -> String? {
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else {
            return "\(DurationParser.quoted(text, whole: true)) is not embedded and not an http(s) URL"
        }
        if text.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            return "the URL \(DurationParser.quoted(text, whole: true)) contains spaces"
        }
        let rest = text.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            return "credentials do not belong in a scenario URL; put the API key in an environment variable and name it with apiKeyEnv"
        }
        var host = Substring(authority)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return "the URL \(DurationParser.quoted(text, whole: true)) has an unterminated IPv6 address" }
            let after = host[host.index(after: close)...]
            host = host[...close]
            if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty { return "the URL \(DurationParser.quoted(text, whole: true)) has an invalid host" }
        } else if let colon = host.lastIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        if host.isEmpty { return "the URL \(DurationParser.quoted(text, whole: true)) has no host" }
        let hostCharacters = host.hasPrefix("[")
            || host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        if !hostCharacters || host.hasPrefix(".") || host.hasPrefix("-") {
            return "the URL \(DurationParser.quoted(text, whole: true)) has an invalid host \(DurationParser.quoted(String(host), whole: true))"
        }
        if let port {
            guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isASCIIDigit) else {
                return "the URL \(DurationParser.quoted(text, whole: true)) has an invalid port \(DurationParser.quoted(String(port), whole: true)); ports are 1-65535"
            }
        }
        return nil
    }
}
