extension RateLimitHeaders {
    /// Reads the rate-limit numbers out of a response's header fields (names compared
    /// case-insensitively; a field may repeat, as lists may be split over lines).
    ///
    /// `remaining`, `reset` and `limit` come from the first of: the draft's `RateLimit` and
    /// `RateLimit-Policy` (the member with the fewest remaining, ties broken by the longer
    /// reset; also the older `RateLimit: limit=10, remaining=5, reset=3` dictionary form),
    /// the older drafts' `RateLimit-Limit/-Remaining/-Reset`, then `X-RateLimit-*`. Parsing
    /// is clock-free, so an `X-RateLimit-Reset` that is an epoch time (GitHub style, at
    /// least 10^9) and a `Retry-After` given as an HTTP date are left out rather than
    /// turned into seconds.
    public static func parse(_ fields: some Sequence<(name: String, value: String)>) -> RateLimitHeaders {
        var retryAfter: Int?
        var members: [Member] = []
        var policies: [Member] = []
        var legacy: [String: Int] = [:]
        var vendor: [String: Int] = [:]
        for field in fields {
            switch field.name.lowercased() {
            case "retry-after":
                retryAfter = retryAfter ?? wholeNumber(field.value)
            case "ratelimit":
                members += parseList(field.value)
            case "ratelimit-policy":
                policies += parseList(field.value)
            case "ratelimit-limit": legacy["limit"] = legacy["limit"] ?? wholeNumber(leadingMember(field.value))
            case "ratelimit-remaining": legacy["remaining"] = legacy["remaining"] ?? wholeNumber(field.value)
            case "ratelimit-reset": legacy["reset"] = legacy["reset"] ?? wholeNumber(field.value)
            case "x-ratelimit-limit": vendor["limit"] = vendor["limit"] ?? wholeNumber(leadingMember(field.value))
            case "x-ratelimit-remaining": vendor["remaining"] = vendor["remaining"] ?? wholeNumber(field.value)
            case "x-ratelimit-reset":
                if let seconds = wholeNumber(field.value), seconds < 1_000_000_000 {
                    vendor["reset"] = vendor["reset"] ?? seconds
                }
            default:
                break
            }
        }

        var result = RateLimitHeaders(retryAfter: retryAfter)
        // The draft-07 dictionary form arrives as members named by their key.
        var dictionary: [String: Int] = [:]
        var reported: Member?
        for member in members {
            if let value = member.value {
                dictionary[member.name.lowercased()] = value
                continue
            }
            guard let remaining = member.parameters["r"] else { continue }
            if let best = reported, let bestRemaining = best.parameters["r"] {
                let reset = member.parameters["t"] ?? 0
                let bestReset = best.parameters["t"] ?? 0
                if remaining > bestRemaining || (remaining == bestRemaining && reset <= bestReset) { continue }
            }
            reported = member
        }
        if let reported {
            result.remaining = reported.parameters["r"]
            result.reset = reported.parameters["t"]
            let policy = policies.first { $0.name == reported.name } ?? (policies.count == 1 ? policies[0] : nil)
            result.limit = policy?.parameters["q"]
        }
        for source in [dictionary, legacy, vendor] {
            result.limit = result.limit ?? source["limit"]
            result.remaining = result.remaining ?? source["remaining"]
            result.reset = result.reset ?? source["reset"]
        }
        return result
    }

    /// One Structured Field list member: a name (string or token) with its integer
    /// parameters, or a `key=value` pair of the older dictionary syntax.
    struct Member {
        var name: String
        var value: Int?
        var parameters: [String: Int]
    }

    /// Splits a Structured Field list into members, tolerating what real servers send
    /// (spaces around `;` and `=`, tokens instead of strings); parameters that are not
    /// integers are skipped since only `q`, `w`, `r` and `t` matter here.
    static func parseList(_ value: String) -> [Member] {
        splitOutsideQuotes(value, on: ",").compactMap { text in
            let parts = splitOutsideQuotes(text, on: ";")
            guard let head = parts.first.map(trimmed), !head.isEmpty else { return nil }
            var member: Member
            if head.hasPrefix("\"") {
                member = Member(name: unquote(head), value: nil, parameters: [:])
            } else if let equals = head.firstIndex(of: "=") {
                let key = trimmed(head[..<equals])
                member = Member(name: key, value: wholeNumber(String(head[head.index(after: equals)...])), parameters: [:])
                guard member.value != nil else { return nil }
            } else {
                member = Member(name: head, value: nil, parameters: [:])
            }
            for parameter in parts.dropFirst() {
                guard let equals = parameter.firstIndex(of: "=") else { continue }
                let key = trimmed(parameter[..<equals]).lowercased()
                if let number = wholeNumber(String(parameter[parameter.index(after: equals)...])) {
                    member.parameters[key] = number
                }
            }
            return member
        }
    }

    /// Splits at `separator` except inside double-quoted strings (which may escape `"`).
    static func splitOutsideQuotes(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if quoted {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                current.append(character)
            } else if character == "\"" {
                quoted = true
                current.append(character)
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    static func unquote(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func trimmed(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// A non-negative decimal integer, or nil (dates, negatives, decimals, garbage).
    static func wholeNumber(_ text: String) -> Int? {
        let digits = trimmed(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The first member of a list-valued field: some servers send `X-RateLimit-Limit:
    /// 100, 100;w=60`, and the first number is the one in force.
    static func leadingMember(_ text: String) -> String {
        let first = splitOutsideQuotes(text, on: ",")[0]
        return splitOutsideQuotes(first, on: ";")[0]
    }
}
