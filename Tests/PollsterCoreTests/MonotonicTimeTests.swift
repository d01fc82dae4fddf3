import PollsterCore
import Testing

@Suite struct MonotonicTimeTests {
    @Test func aStampNamesItsInstantToTheNanosecond() {
        let instant = ContinuousClock.now
        let stamp = MonotonicTime.stamp(instant)
        #expect(MonotonicTime.instant(stamp) == instant)
        #expect(MonotonicTime.stamp(instant + .milliseconds(3)) - stamp == 3_000_000)
    }
}
