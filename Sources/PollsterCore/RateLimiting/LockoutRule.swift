/// A lockout: once an API key has been rejected `after` times within `within`, every
/// request of that key is rejected for `duration` (Retry-After: the time left), whatever
/// the rate limits say. Requests rejected by the lockout itself do not count towards the
/// next one.
public struct LockoutRule: Sendable, Hashable {
    public var after: Int
    public var within: Nanoseconds
    public var duration: Nanoseconds

    public init(after: Int, within: Nanoseconds, duration: Nanoseconds) {
        self.after = after
        self.within = within
        self.duration = duration
    }
}
