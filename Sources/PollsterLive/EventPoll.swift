internal import CEventPoll
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The epoll instance of one loop thread: curl's sockets, and the eventfd through which
/// other threads wake the loop. Confined to the loop thread, except ``wake(_:)``.
final class EventPoll {
    /// The eventfd other threads signal; owned by whoever created it (it must outlive every
    /// thread that may still call ``wake(_:)``).
    let wakeDescriptor: Int32
    private let descriptor: Int32
    private var ready = [c_event_poll_ready](repeating: c_event_poll_ready(), count: 256)
    /// Per file descriptor: 1 while it is in the epoll set.
    private var watched: [UInt8] = []

    /// A new epoll set watching `wakeDescriptor`.
    init(wakeDescriptor: Int32) throws(TransportSetupError) {
        let descriptor = c_event_poll_create()
        guard descriptor >= 0 else { throw .eventPollUnavailable(errno: errno) }
        guard c_event_poll_watch(descriptor, wakeDescriptor, UInt32(C_EVENT_POLL_IN), 0) == 0 else {
            let error = errno
            Glibc.close(descriptor)
            throw .eventPollUnavailable(errno: error)
        }
        self.descriptor = descriptor
        self.wakeDescriptor = wakeDescriptor
    }

    /// A non-blocking eventfd for ``wake(_:)``.
    static func makeWakeDescriptor() throws(TransportSetupError) -> Int32 {
        let descriptor = c_event_poll_eventfd()
        guard descriptor >= 0 else { throw .eventPollUnavailable(errno: errno) }
        return descriptor
    }

    /// Makes the loop's next (or current) wait return; safe from any thread.
    static func wake(_ wakeDescriptor: Int32) {
        c_event_poll_signal(wakeDescriptor)
    }

    /// Watches `socket` for reading and/or writing; neither stops watching it.
    func watch(_ socket: Int32, readable: Bool, writable: Bool) {
        let index = Int(socket)
        guard index >= 0 else { return }
        if index >= watched.count { watched.append(contentsOf: repeatElement(0, count: index - watched.count + 64)) }
        guard readable || writable else {
            if watched[index] != 0 { c_event_poll_unwatch(descriptor, socket) }
            watched[index] = 0
            return
        }
        let events = (readable ? UInt32(C_EVENT_POLL_IN) : 0) | (writable ? UInt32(C_EVENT_POLL_OUT) : 0)
        if c_event_poll_watch(descriptor, socket, events, Int32(watched[index])) == 0 { watched[index] = 1 }
    }

    /// Waits until a watched descriptor is ready or `timeout` passes (nil: up to a second),
    /// then calls `body` with each ready socket and whether it can be read, written, or
    /// failed. A wakeup is consumed here and not passed on.
    func wait(timeout: Duration?, _ body: (_ socket: Int32, _ events: UInt32) -> Void) {
        var nanoseconds: Int64 = 1_000_000_000
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            nanoseconds = seconds >= 1 ? 1_000_000_000 : Swift.max(0, attoseconds / 1_000_000_000)
        }
        let count = ready.withUnsafeMutableBufferPointer { buffer in
            c_event_poll_wait(descriptor, buffer.baseAddress, Int32(buffer.count), nanoseconds)
        }
        for index in 0..<Int(count) {
            let event = ready[index]
            if event.fd == wakeDescriptor {
                c_event_poll_drain(wakeDescriptor)
            } else {
                body(event.fd, event.events)
            }
        }
    }

    /// Closes the epoll set (not the wake descriptor).
    func close() {
        _ = Glibc.close(descriptor)
    }
}
