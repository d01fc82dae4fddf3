extension Time {
    /// A positive duration as whole seconds, rounded up (`Retry-After`, reset times);
    /// 0 for durations of zero or less.
    @inlinable static func wholeSecondsRoundedUp(_ value: Nanoseconds) -> Int {
        guard value > 0 else { return 0 }
        return Int(value / nanosecondsPerSecond + (value % nanosecondsPerSecond == 0 ? 0 : 1))
    }
}
