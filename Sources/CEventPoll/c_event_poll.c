#define _GNU_SOURCE
#include "CEventPoll.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int c_event_poll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int c_event_poll_watch(int epoll_fd, int fd, uint32_t events, int already_watched) {
    struct epoll_event event = {.events = events, .data = {.fd = fd}};
    int result = epoll_ctl(epoll_fd, already_watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    // The bookkeeping of the caller can lag behind a descriptor number that was closed and
    // reused; try the other operation once.
    if (result != 0 && already_watched && errno == ENOENT) {
        result = epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
    } else if (result != 0 && !already_watched && errno == EEXIST) {
        result = epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &event);
    }
    return result;
}

void c_event_poll_unwatch(int epoll_fd, int fd) {
    struct epoll_event unused = {0};
    (void)epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, &unused);
}

/// 1 while epoll_pwait2 may exist, 0 once the kernel said ENOSYS.
static atomic_int has_pwait2 = 1;

int c_event_poll_wait(int epoll_fd, c_event_poll_ready *ready, int capacity, int64_t timeout_ns) {
    enum { batch = 256 };
    struct epoll_event events[batch];
    if (capacity > batch) capacity = batch;
    int count = -1;
#ifdef SYS_epoll_pwait2
    if (has_pwait2) {
        struct timespec timeout = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
        count = (int)syscall(SYS_epoll_pwait2, epoll_fd, events, capacity, timeout_ns < 0 ? NULL : &timeout, NULL, 0);
        if (count < 0 && errno == ENOSYS) has_pwait2 = 0;
    }
#else
    has_pwait2 = 0;
#endif
    if (!has_pwait2) {
        int milliseconds = timeout_ns < 0 ? -1 : (int)((timeout_ns + 999999) / 1000000);
        count = epoll_wait(epoll_fd, events, capacity, milliseconds);
    }
    if (count < 0) return 0;
    for (int i = 0; i < count; i++) {
        ready[i].fd = events[i].data.fd;
        ready[i].events = events[i].events;
    }
    return count;
}

int c_event_poll_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void c_event_poll_signal(int event_fd) {
    uint64_t one = 1;
    ssize_t written = write(event_fd, &one, sizeof one);
    (void)written;
}

void c_event_poll_drain(int event_fd) {
    uint64_t value;
    ssize_t got = read(event_fd, &value, sizeof value);
    (void)got;
}
