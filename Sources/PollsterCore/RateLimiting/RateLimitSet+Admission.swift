/// The allow/deny part of a decision, without the header values.
public struct RateLimitAdmission: Sendable, Hashable {
    public var allowed: Bool
    /// Whole seconds until the request would be allowed; 0 when allowed.
    public var retryAfter: Int

    public init(allowed: Bool, retryAfter: Int) {
        self.allowed = allowed
        self.retryAfter = retryAfter
    }
}

extension RateLimitSet {
    /// The same decision as ``decide(apiKey:at:)`` (and the same state change), without the
    /// header values: the simulator's path, which needs only allow/deny and Retry-After and
    /// runs millions of times a second.
    public mutating func admit(apiKey: Int, at time: Nanoseconds) -> RateLimitAdmission {
        if slots.isEmpty { return RateLimitAdmission(allowed: true, retryAfter: 0) }
        let base = keyBase(apiKey)
        if slots.count == 1 && lockouts == nil {
            // One limit: it decides and counts in one step.
            let slot = slots[0]
            return slot.isGlobal
                ? globals[slot.index].admit(at: time, countsRejected: countsRejected)
                : keyed[base + slot.index].admit(at: time, countsRejected: countsRejected)
        }
        var allowed = true
        var retryAfter = 0
        for slot in slots {
            let verdict = slot.isGlobal
                ? globals[slot.index].evaluate(at: time)
                : keyed[base + slot.index].evaluate(at: time)
            if !verdict.allowed {
                allowed = false
                retryAfter = Swift.max(retryAfter, verdict.retryAfter)
            }
        }
        if lockouts != nil, let locked = lockedOut(apiKey: apiKey, at: time) {
            return RateLimitAdmission(allowed: false, retryAfter: Swift.max(retryAfter, locked))
        }
        count(allowed: allowed, apiKey: apiKey, base: base, at: time)
        if !allowed, lockouts != nil, let locked = lockedOut(apiKey: apiKey, at: time) {
            return RateLimitAdmission(allowed: false, retryAfter: Swift.max(retryAfter, locked))
        }
        return RateLimitAdmission(allowed: allowed, retryAfter: retryAfter)
    }
}
