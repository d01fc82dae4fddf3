/// A rate of events, written `N/s`, `N/m` or `N/h` in scenario files.
public struct Rate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Events per second.
    public var perSecond: Double

    public init(perSecond: Double) { self.perSecond = perSecond }

    public static func perMinute(_ value: Double) -> Rate { Rate(perSecond: value / 60) }
    public static func perHour(_ value: Double) -> Rate { Rate(perSecond: value / 3600) }

    /// The mean time between events.
    public var interval: Nanoseconds { Time.seconds(1 / perSecond) }

    public var description: String {
        if perSecond >= 1 || perSecond == 0 { return Time.trimmed(perSecond) + "/s" }
        if perSecond * 60 >= 1 { return Time.trimmed(perSecond * 60) + "/m" }
        return Time.trimmed(perSecond * 3600) + "/h"
    }
}
