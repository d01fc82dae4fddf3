/// Every rate limit of one server: for each ``RateLimitRule``, one limiter for the whole
/// server (`global`) or one per API key (`apiKey`), decided together per request.
///
/// API keys are indices `0..<apiKeys`; per-key limiters live in one flat array (key-major),
/// grown on demand when a larger key shows up, so a decision touches no dictionary and
/// allocates nothing.
public struct RateLimitSet: Sendable {
    /// Where a rule's limiter lives: `globals[index]`, or `keyed[key * keyedStride + index]`.
    struct Slot: Sendable {
        var isGlobal: Bool
        var index: Int
    }

    let slots: [Slot]
    var globals: [RateLimiter]
    var keyed: [RateLimiter]
    /// A fresh limiter for each per-key rule, copied in for each new key.
    let keyedTemplates: [RateLimiter]
    let concurrencySlots: [Slot]
    /// The `RateLimit-Policy` value, built once and shared by every decision.
    let policy: String
    let policyNames: [String]
    /// Whether denied requests are counted by the limiters (`rejection.countRejected`).
    let countsRejected: Bool
    /// Per-key lockouts after repeated rejections (`server.faults`, kind lockout).
    var lockouts: LockoutBook?

    /// The limiters of `server`: its rules, whether rejected requests count, its lockout.
    public init(server: ServerModel, apiKeys: Int) {
        self.init(rules: server.rateLimits, apiKeys: apiKeys, countsRejected: server.rejection.countsRejected,
                  lockout: FaultModel(server.faults).lockout)
    }

    /// Limiters for `rules`, in their initial state, with room for `apiKeys` keys; denied
    /// requests count when `countsRejected`; `lockout` shuts out keys rejected too often.
    public init(rules: [RateLimitRule], apiKeys: Int, countsRejected: Bool = false, lockout: LockoutRule? = nil) {
        self.countsRejected = countsRejected
        self.lockouts = lockout.map { LockoutBook(rule: $0, apiKeys: apiKeys) }
        var slots: [Slot] = []
        var globals: [RateLimiter] = []
        var templates: [RateLimiter] = []
        var concurrencySlots: [Slot] = []
        for rule in rules {
            let limiter = RateLimiter(rule.algorithm)
            let slot: Slot
            switch rule.scope {
            case .global:
                slot = Slot(isGlobal: true, index: globals.count)
                globals.append(limiter)
            case .apiKey:
                slot = Slot(isGlobal: false, index: templates.count)
                templates.append(limiter)
            }
            slots.append(slot)
            if limiter.isConcurrencyLimit { concurrencySlots.append(slot) }
        }
        self.slots = slots
        self.globals = globals
        self.keyedTemplates = templates
        self.concurrencySlots = concurrencySlots
        var keyed: [RateLimiter] = []
        if !templates.isEmpty {
            keyed.reserveCapacity(max(0, apiKeys) * templates.count)
            for _ in 0..<max(0, apiKeys) { keyed.append(contentsOf: templates) }
        }
        self.keyed = keyed
        policyNames = RateLimitHeaders.policyNames(for: rules)
        policy = RateLimitHeaders.policyField(for: rules)
    }

    /// True when some rule limits requests in flight, so finished requests must be
    /// reported with ``release(apiKey:at:)``.
    public var hasConcurrencyLimit: Bool { !concurrencySlots.isEmpty }

    /// Decides a request of `apiKey` at `time`: allowed only if every applicable limiter
    /// allows it, and only then counted by each. A denial carries the largest Retry-After
    /// of the limiters that denied; `limit`, `remaining` and `reset` come from the most
    /// constraining limiter (fewest remaining; on a tie the longest reset, then the
    /// earlier rule).
    public mutating func decide(apiKey: Int, at time: Nanoseconds) -> RateLimitDecision {
        if slots.isEmpty { return .unlimited }
        let base = keyBase(apiKey)
        var allowed = true
        var retryAfter = 0
        var chosen = -1
        var chosenVerdict = RateLimiterVerdict(allowed: true, retryAfter: 0, limit: 0, remaining: 0, reset: 0,
                                               policy: RateLimitPolicy(quota: 0, window: nil))
        for rule in slots.indices {
            let slot = slots[rule]
            let verdict = slot.isGlobal
                ? globals[slot.index].evaluate(at: time)
                : keyed[base + slot.index].evaluate(at: time)
            if !verdict.allowed {
                allowed = false
                retryAfter = max(retryAfter, verdict.retryAfter)
            }
            if chosen < 0 || verdict.remaining < chosenVerdict.remaining
                || (verdict.remaining == chosenVerdict.remaining && verdict.reset > chosenVerdict.reset) {
                chosen = rule
                chosenVerdict = verdict
            }
        }
        if let locked = lockedOut(apiKey: apiKey, at: time) {
            return RateLimitDecision(allowed: false, retryAfter: max(retryAfter, locked), limit: chosenVerdict.limit, remaining: 0,
                                     reset: max(chosenVerdict.reset, locked), policy: policy, policyName: policyNames[chosen])
        }
        count(allowed: allowed, apiKey: apiKey, base: base, at: time)
        if !allowed, lockouts != nil, let locked = lockedOut(apiKey: apiKey, at: time) {
            // This rejection started a lockout: its Retry-After is the lockout's length.
            return RateLimitDecision(allowed: false, retryAfter: max(retryAfter, locked), limit: chosenVerdict.limit, remaining: 0,
                                     reset: max(chosenVerdict.reset, locked), policy: policy, policyName: policyNames[chosen])
        }
        return RateLimitDecision(allowed: allowed, retryAfter: retryAfter,
                                 limit: chosenVerdict.limit, remaining: chosenVerdict.remaining,
                                 reset: chosenVerdict.reset, policy: policy, policyName: policyNames[chosen])
    }

    /// Whole seconds left of `apiKey`'s lockout at `time`, at least 1; nil when the key is
    /// not locked out.
    @inline(__always) mutating func lockedOut(apiKey: Int, at time: Nanoseconds) -> Int? {
        guard lockouts != nil, let left = lockouts!.remaining(key: apiKey, at: time) else { return nil }
        return max(1, Time.wholeSecondsRoundedUp(left))
    }

    /// Counts a decided request: an allowed one in every limiter; a denied one in every
    /// limiter when rejected requests count, and towards the key's lockout.
    @inline(__always) mutating func count(allowed: Bool, apiKey: Int, base: Int, at time: Nanoseconds) {
        if allowed {
            for slot in slots {
                if slot.isGlobal {
                    globals[slot.index].consume(at: time)
                } else {
                    keyed[base + slot.index].consume(at: time)
                }
            }
            return
        }
        if countsRejected {
            for slot in slots {
                if slot.isGlobal {
                    globals[slot.index].consumeRejected(at: time)
                } else {
                    keyed[base + slot.index].consumeRejected(at: time)
                }
            }
        }
        if lockouts != nil { lockouts!.noteRejection(key: apiKey, at: time) }
    }

    /// Reports that an allowed request of `apiKey` finished at `time`, freeing its slot in
    /// every concurrency limit that applies. Call once per allowed request, never for a
    /// denied one (it took no slot).
    public mutating func release(apiKey: Int, at time: Nanoseconds) {
        if concurrencySlots.isEmpty { return }
        let base = keyBase(apiKey)
        for slot in concurrencySlots {
            if slot.isGlobal {
                globals[slot.index].release(at: time)
            } else {
                keyed[base + slot.index].release(at: time)
            }
        }
    }

    /// The offset of `apiKey`'s limiters in `keyed`, adding limiters for new keys.
    @inline(__always) mutating func keyBase(_ apiKey: Int) -> Int {
        let stride = keyedTemplates.count
        guard stride > 0 else { return 0 }
        precondition(apiKey >= 0, "API keys are indices from 0, got \(apiKey)")
        let base = apiKey * stride
        if base >= keyed.count {
            while keyed.count <= base { keyed.append(contentsOf: keyedTemplates) }
        }
        return base
    }
}
