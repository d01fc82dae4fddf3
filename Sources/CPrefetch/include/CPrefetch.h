// A hint to the CPU to start loading a cache line the simulator will read soon (the state
// of the execution whose event comes next). Swift has no prefetch; this inline function is
// compiled into its caller, so the hint costs one instruction.
#ifndef C_PREFETCH_H
#define C_PREFETCH_H

/// Starts loading `bytes` bytes from `address` into the cache, for reading and writing.
static inline void c_prefetch(const void *address, long bytes) {
    const char *p = (const char *)address;
    for (long offset = 0; offset < bytes; offset += 64) __builtin_prefetch(p + offset, 1, 3);
}

#endif
