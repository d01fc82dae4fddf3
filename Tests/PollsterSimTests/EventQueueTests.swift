import PollsterCore
import Testing

@testable import PollsterSim

/// The agenda's order is the simulation's order: every event must come out in exactly the
/// order of ``SimEvent/precedes(_:_:)``, across the current bucket, the wheel and the heap
/// of far events, whatever mix of delays pushes them.
@Suite struct EventQueueTests {
    /// A reference agenda: the minimum by a linear scan.
    struct Reference {
        var events: [SimEvent] = []
        mutating func pop() -> SimEvent? {
            guard let index = events.indices.min(by: { SimEvent.precedes(events[$0], events[$1]) }) else { return nil }
            return events.remove(at: index)
        }
    }

    /// Runs an engine-like workload: pop the earliest, push its successor at a later time
    /// drawn by `delay`, sometimes peek first and then push an event before the peeked one
    /// (an arrival admitted before the next event). Returns the (time, order) sequence.
    func drive(delay: (inout Xoshiro256StarStar) -> Nanoseconds, seed: UInt64, executions: Int, steps: Int) {
        var rng = Xoshiro256StarStar(seed: seed)
        let queue = EventQueue(capacity: 16)
        var reference = Reference()
        var nextIndex = 0
        func add(_ event: SimEvent) {
            queue.push(event)
            reference.events.append(event)
        }
        for _ in 0..<executions {
            add(SimEvent(time: delay(&rng), kind: .poll, execution: nextIndex, slot: Int32(nextIndex)))
            nextIndex += 1
        }
        var now: Nanoseconds = 0
        for step in 0..<steps {
            if step % 7 == 0, let peeked = queue.first {
                // An arrival between now and the next event, with a poll soon after it.
                let arrival = now + Nanoseconds(Double(peeked.time - now) * rng.nextUnit())
                add(SimEvent(time: arrival + delay(&rng) / 1000, kind: .poll, execution: nextIndex, slot: Int32(nextIndex % 1000)))
                nextIndex += 1
            }
            let got = queue.pop()
            let expected = reference.pop()
            #expect(got?.time == expected?.time && got?.order == expected?.order, "step \(step)")
            guard let event = got, event.time == expected?.time, event.order == expected?.order else { return }
            #expect(event.time >= now)
            now = event.time
            // A release at the same instant sometimes, then the next poll after a delay.
            if step % 5 == 0 {
                add(SimEvent(time: now, kind: .release, execution: Int(event.order >> 27 & ((1 << 35) - 1)), slot: event.slot))
            } else if event.kind == .poll {
                add(SimEvent(time: now + delay(&rng), kind: .poll, execution: Int(event.order >> 27 & ((1 << 35) - 1)), slot: event.slot))
            }
            #expect(queue.count == reference.events.count)
        }
        // Drain: everything left comes out in order too.
        while let expected = reference.pop() {
            let got = queue.pop()
            #expect(got?.time == expected.time && got?.order == expected.order)
        }
        #expect(queue.pop() == nil && queue.isEmpty)
    }

    @Test func pollDelaysWithinTheWheel() {
        // Up to 30 s: every event goes through the wheel or the current bucket.
        drive(delay: { Nanoseconds(Double(Time.seconds(30)) * $0.nextUnit()) }, seed: 1, executions: 300, steps: 20_000)
    }

    @Test func delaysBeyondTheWheelAndTies() {
        // A mix: same-instant ties (whole seconds), sub-millisecond gaps (one bucket) and
        // delays of minutes (the heap of far events).
        drive(delay: { rng in
            switch rng.next() % 4 {
            case 0: return Time.seconds(Double(rng.next() % 3))
            case 1: return Nanoseconds(rng.next() % 500_000)
            case 2: return Time.seconds(60 + Double(rng.next() % 600))
            default: return Nanoseconds(Double(Time.seconds(10)) * rng.nextUnit())
            }
        }, seed: 2, executions: 200, steps: 20_000)
    }

    @Test func sparseEventsFarApart() {
        // One event at a time, hours apart: the wheel is empty and every event waits in the
        // far heap.
        drive(delay: { _ in Time.seconds(3 * 3600) }, seed: 3, executions: 1, steps: 500)
    }
}
