import Yams

extension ScenarioDecoder {
    static let rejectionKeys = ["status", "retryAfter", "countRejected", "headers"]
    static let faultKinds = ["error", "outage", "latencySpike", "reset", "truncated", "slowBody", "lockout", "notFound"]
    static let faultWindowKeys = ["from", "for", "every"]

    /// `server.rejection`: `{status: 503, retryAfter: date, countRejected: true, headers: github}`.
    mutating func rejectionStyle(_ node: Node, at path: String, line: Int?) -> RejectionStyle? {
        guard let fields = mapping(node, at: path, line: line,
                                   expected: "a mapping such as {status: 429, retryAfter: seconds, countRejected: false, headers: [ietf, xRateLimit]}")
        else { return nil }
        checkKeys(fields, allowed: Self.rejectionKeys)
        var style = RejectionStyle.standard
        var valid = true
        if fields.has("status") {
            if let status = integer(fields, "status", minimum: 100) {
                if RejectionStyle.statuses.contains(status) {
                    style.status = status
                } else {
                    report(fields.path("status"), line: fields.line(of: "status"), "must be 429 or 503, got \(status)")
                    valid = false
                }
            } else {
                valid = false
            }
        }
        if fields.has("retryAfter") {
            let forms = RejectionStyle.RetryAfterForm.allCases.map(\.rawValue)
            if let form = choice(fields, "retryAfter", options: forms).flatMap(RejectionStyle.RetryAfterForm.init(rawValue:)) {
                style.retryAfter = form
            } else {
                valid = false
            }
        }
        if fields.has("countRejected") {
            if let flag = choice(fields, "countRejected", options: ["true", "false"]) {
                style.countsRejected = flag == "true"
            } else {
                valid = false
            }
        }
        if let headers = fields.value("headers") {
            if let families = headerFamilies(headers, at: fields.path("headers"), line: fields.line(of: "headers")) {
                style.headers = families
            } else {
                valid = false
            }
        }
        return valid ? style : nil
    }

    /// `headers`: one family, a list of them, or `none`.
    mutating func headerFamilies(_ node: Node, at path: String, line: Int?) -> [RejectionStyle.HeaderFamily]? {
        let names = RejectionStyle.HeaderFamily.allCases.map(\.rawValue)
        let items: [Node]
        if node.scalarText != nil {
            items = [node]
        } else if let list = sequence(node, at: path, line: line, expected: "a header family or a list of them: \(names.joined(separator: ", ")), or none") {
            items = list
        } else {
            return nil
        }
        var families: [RejectionStyle.HeaderFamily] = []
        for item in items {
            guard let text = item.scalarText else {
                report(path, line: item.line ?? line, "expected a header family, got \(item.described)")
                return nil
            }
            if text == "none" && items.count == 1 { return [] }
            guard let family = RejectionStyle.HeaderFamily(rawValue: text) else {
                report(path, line: item.line ?? line, Self.unknown("header family", text, allowed: names + ["none"]))
                return nil
            }
            if !families.contains(family) { families.append(family) }
        }
        if families.contains(.xRateLimit) && families.contains(.github) {
            report(path, line: line, "xRateLimit and github both use the X-RateLimit-* fields; choose one")
            return nil
        }
        return families
    }

    /// `server.faults`: a list of faults, each `{kind: ..., ...}`.
    mutating func serverFaults(_ node: Node, at path: String, line: Int?) -> [ServerFault]? {
        guard let items = sequence(node, at: path, line: line,
                                   expected: "a list such as [{kind: error, status: 500, rate: 0.01}, {kind: outage, from: 2m, for: 15s}]")
        else { return nil }
        var faults: [ServerFault] = []
        var valid = true
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let fault = serverFault(item, at: itemPath) else {
                valid = false
                continue
            }
            switch fault.kind {
            case .lockout, .notFound:
                let name = fault.kind.isLockout ? "lockout" : "notFound"
                if seen.contains(name) {
                    report(itemPath, line: item.line, "only one fault of kind \(name) is allowed")
                    valid = false
                }
                seen.insert(name)
            default: break
            }
            faults.append(fault)
        }
        return valid ? faults : nil
    }

    /// One fault: its kind, the kind's parameters, and when it applies.
    mutating func serverFault(_ node: Node, at path: String) -> ServerFault? {
        guard let fields = mapping(node, at: path, line: node.line, expected: "a fault such as {kind: error, status: 500, rate: 0.01}") else {
            return nil
        }
        guard let kind = choice(fields, "kind", options: Self.faultKinds, noun: "fault kind") else { return nil }
        let context = " for a fault of kind \(kind)"
        switch kind {
        case "error":
            checkKeys(fields, allowed: ["kind", "status", "rate"] + Self.faultWindowKeys, context: context)
            var status = integer(fields, "status", required: false, minimum: 500) ?? (fields.has("status") ? nil : 500)
            if let code = status, code > 599 {
                report(fields.path("status"), line: fields.line(of: "status"), "must be a 5xx status (500-599), got \(code)")
                status = nil
            }
            return status.flatMap { faultTiming(.error(status: $0), fields) }
        case "outage":
            checkKeys(fields, allowed: ["kind", "from", "for", "every"], context: context)
            guard fields.has("for") else {
                report(fields.path("for"), line: fields.line, "an outage needs its length, e.g. {kind: outage, from: 2m, for: 15s}")
                return nil
            }
            return faultTiming(.outage, fields, allowsRate: false)
        case "latencySpike", "slowBody":
            checkKeys(fields, allowed: ["kind", "extra", "rate"] + Self.faultWindowKeys, context: context)
            guard let extra = duration(fields, "extra") else { return nil }
            return faultTiming(kind == "slowBody" ? .slowBody(extra: extra) : .latencySpike(extra: extra), fields)
        case "reset", "truncated":
            checkKeys(fields, allowed: ["kind", "rate"] + Self.faultWindowKeys, context: context)
            return faultTiming(kind == "reset" ? .reset : .truncated, fields)
        case "lockout":
            checkKeys(fields, allowed: ["kind", "after", "within", "for"], context: context)
            let after = integer(fields, "after", minimum: 1)
            let within = duration(fields, "within")
            let length = duration(fields, "for")
            guard let after, let within, let length else { return nil }
            if after > 100_000 {
                report(fields.path("after"), line: fields.line(of: "after"), "must be at most 100000, got \(after)")
                return nil
            }
            return ServerFault(.lockout(LockoutRule(after: after, within: within, duration: length)))
        default:  // notFound
            checkKeys(fields, allowed: ["kind", "share"], context: context)
            guard let share = number(fields, "share", expected: "a share between 0 and 1") else { return nil }
            guard share >= 0 && share <= 1 else {
                report(fields.path("share"), line: fields.line(of: "share"), "must be between 0 and 1, got \(share)")
                return nil
            }
            return ServerFault(.notFound(share: share))
        }
    }

    /// The `rate` and the window (`from`, `for`, `every`) of a fault of `kind`.
    private mutating func faultTiming(_ kind: ServerFault.Kind, _ fields: MappingFields, allowsRate: Bool = true) -> ServerFault? {
        var rate = 1.0
        var valid = true
        if allowsRate, fields.has("rate") {
            if let value = number(fields, "rate", expected: "a share of requests between 0 and 1") {
                if value > 0 && value <= 1 {
                    rate = value
                } else {
                    report(fields.path("rate"), line: fields.line(of: "rate"), "must be more than 0 and at most 1, got \(value)")
                    valid = false
                }
            } else {
                valid = false
            }
        }
        var window: FaultWindow?
        if fields.has("from") || fields.has("for") || fields.has("every") {
            let start = fields.has("from") ? duration(fields, "from", positive: false) : 0
            let length = duration(fields, "for")
            let period = fields.has("every") ? duration(fields, "every") : nil
            if let start, let length, fields.has("every") == (period != nil) {
                if let period, period < length {
                    report(fields.path("every"), line: fields.line(of: "every"), "must be at least the window's length (for), got a shorter one")
                    valid = false
                }
                window = FaultWindow(start: start, length: length, period: period)
            } else {
                valid = false
            }
        }
        return valid ? ServerFault(kind, rate: rate, window: window) : nil
    }
}

extension ServerFault.Kind {
    var isLockout: Bool {
        if case .lockout = self { return true }
        return false
    }
}
