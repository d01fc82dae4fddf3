// The Linux readiness APIs the transport's loop threads wait on: epoll for sockets and an
// eventfd for wakeups from other threads. Swift's Glibc module does not import
// <sys/epoll.h>, and `struct epoll_event` is packed on x86_64, so the loop sees only these
// plain functions and `c_event_poll_ready`.
#ifndef C_EVENT_POLL_H
#define C_EVENT_POLL_H

#include <stdint.h>

/// Readiness bits, as epoll reports them.
enum {
    C_EVENT_POLL_IN = 0x001,
    C_EVENT_POLL_OUT = 0x004,
    C_EVENT_POLL_ERR = 0x008,
    C_EVENT_POLL_HUP = 0x010,
};

/// One ready descriptor and its readiness bits.
typedef struct c_event_poll_ready {
    int fd;
    uint32_t events;
} c_event_poll_ready;

/// A new epoll instance (close-on-exec), or -1 with errno set.
int c_event_poll_create(void);

/// Watches `fd` for `events` (C_EVENT_POLL_IN / OUT), adding it or changing its events.
/// Returns 0, or -1 with errno set.
int c_event_poll_watch(int epoll_fd, int fd, uint32_t events, int already_watched);

/// Stops watching `fd`; a descriptor that is already closed is not an error.
void c_event_poll_unwatch(int epoll_fd, int fd);

/// Waits up to `timeout_ns` nanoseconds (negative: no limit; 0: do not block) and fills
/// `ready` with at most `capacity` descriptors. Returns their number (0 on a timeout or an
/// interrupted wait). The timeout has nanosecond resolution where the kernel has
/// epoll_pwait2 (Linux 5.11), else it is rounded up to milliseconds.
int c_event_poll_wait(int epoll_fd, c_event_poll_ready *ready, int capacity, int64_t timeout_ns);

/// A non-blocking, close-on-exec eventfd, or -1 with errno set.
int c_event_poll_eventfd(void);

/// Makes the eventfd readable (safe from any thread).
void c_event_poll_signal(int event_fd);

/// Reads the eventfd back to unreadable.
void c_event_poll_drain(int event_fd);

#endif
