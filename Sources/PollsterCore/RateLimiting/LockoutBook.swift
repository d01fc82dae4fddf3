/// The state of a ``LockoutRule`` for every API key: each key's recent rejections (a ring
/// of the last `after` instants) and the end of its lockout. Flat arrays, key-major, grown
/// on demand like ``RateLimitSet``'s per-key limiters.
struct LockoutBook: Sendable {
    let rule: LockoutRule
    var lockedUntil: [Nanoseconds] = []
    var ring: [Nanoseconds] = []
    var heads: [Int] = []
    var counts: [Int] = []

    init(rule: LockoutRule, apiKeys: Int) {
        self.rule = rule
        grow(to: max(0, apiKeys - 1))
    }

    mutating func grow(to key: Int) {
        while lockedUntil.count <= key {
            lockedUntil.append(.min)
            heads.append(0)
            counts.append(0)
            ring.append(contentsOf: repeatElement(0, count: rule.after))
        }
    }

    /// The time left of `key`'s lockout at `time`; nil when it is not locked out.
    mutating func remaining(key: Int, at time: Nanoseconds) -> Nanoseconds? {
        grow(to: key)
        let until = lockedUntil[key]
        return until > time ? until - time : nil
    }

    /// Notes a rate-limit rejection of `key` at `time`; the `after`-th within `within`
    /// locks the key out from `time` for `duration` (and starts the count afresh).
    mutating func noteRejection(key: Int, at time: Nanoseconds) {
        grow(to: key)
        let base = key * rule.after
        var head = heads[key]
        var count = counts[key]
        while count > 0, ring[base + head] <= time - rule.within {
            head = head + 1 == rule.after ? 0 : head + 1
            count -= 1
        }
        var slot = head + count
        if slot >= rule.after { slot -= rule.after }
        ring[base + slot] = time
        count += 1
        if count >= rule.after {
            lockedUntil[key] = time + rule.duration
            count = 0
            head = 0
        }
        heads[key] = head
        counts[key] = count
    }
}
