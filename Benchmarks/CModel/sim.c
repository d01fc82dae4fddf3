/*
 * sim.c: a single-threaded C implementation of the model PollsterBench simulates, for
 * Benchmarks/c-model.sh to run beside it (plain C11, libc and libm only).
 *
 *   cc -std=c11 -O2 -march=native -ffp-contract=off -o sim sim.c -lm
 *   ./sim [EXECUTIONS [SEED]]        # defaults: 1000000 executions, seed 1
 *
 * The model (Benchmarks/PollsterBench/main.swift; DESIGN.md, "Semantics"):
 *   - N executions, Poisson arrivals at N per hour;
 *   - per execution: a lognormal run time (median 30 s, p95 120 s), an outcome
 *     (completed 0.9, failed 0.08, cancelled 0.02; drawn, but it does not change polling),
 *     API key = index % 1000;
 *   - one strategy, exponential backoff: initial 1 s, multiplier 2, max 30 s, full jitter;
 *     poll 0 at created + delay_1 (the strategy's first delay; no fixed initial delay);
 *   - one per-key token bucket, rate 1/s, burst 5, evaluated at the send time s_n; a
 *     rejected request consumes nothing and carries Retry-After = ceil((1 - tokens) / r)
 *     whole seconds (at least 1), which the client honors: its next delay is
 *     max(strategy delay, Retry-After);
 *   - latency L_n lognormal (median 40 ms, p99 250 ms), drawn for every poll (429s too);
 *     the response arrives at r_n = s_n + L_n and the next poll goes out at r_n + delay;
 *   - a 200 whose send time is at or after the execution's end (s_n >= f_e) detects it at
 *     r_n (detection lag r_n - f_e); when the next send would be more than 10 minutes
 *     after creation, the client gives up (abandoned).
 *
 * "The same model" is meant literally: the same random generators (SplitMix64 seeding,
 * xoshiro256**), the same per-execution stream derivation (RandomStream.generator(seed:
 * index:) with the same purpose constants: arrivals 1, execution 2, strategy 3, latency 4),
 * the same sampling formulas in the same order (Box-Muller with a kept spare, 53-bit
 * uniforms, truncation to integer nanoseconds where Swift's Int64(Double) truncates), the
 * same exact-integer token bucket (Sources/PollsterCore/RateLimiting/TokenBucket.swift,
 * ExactRate.swift) and the same event order: events ordered by (time, execution index),
 * arrivals admitted lazily, before any event at the same or a later time. So for the same
 * seed it counts exactly the same polls, 429s, detections and abandonments as
 * StrategySimulation; Benchmarks/c-model.sh checks that on every run.
 *
 * Exactness needs the same libm (glibc's log, exp, sin, cos, pow, which Swift on Linux
 * calls too) and no floating-point contraction: compile with -ffp-contract=off (GCC
 * contracts a*b+c into FMA by default outside strict ISO mode, and -march=native offers
 * FMA) and never with -ffast-math.
 *
 * What is deliberately simpler than the Swift engine (it is a throughput baseline, not a
 * second pollster): no histograms (a detection-lag sum instead), no time series, no
 * progress reporting, no cancellation checks, only this one strategy and limiter. Those
 * cost the Swift engine a little per poll (it records a latency histogram value and a
 * time-series bucket per request); the C model's figure is what the bare model costs.
 *
 * Output: machine-readable lines, `name value`, on stdout.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, getrusage under -std=c11 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* pi as Swift's Double.pi (M_PI is not in strict C11). */
#define PI 3.141592653589793115997963468544185161590576171875

/* ---- model parameters (PollsterBench's scenario) ---------------------------------- */

#define NS_PER_SECOND 1000000000LL
#define API_KEYS 1000
#define HOUR_SECONDS 3600.0
#define P95_Z 1.6448536269514722
#define P99_Z 2.3263478740408408
/* Run time: lognormal, median 30 s, p95 120 s. */
#define RUN_MEDIAN_NS (30LL * NS_PER_SECOND)
#define RUN_P95_NS (120LL * NS_PER_SECOND)
/* Latency: lognormal, median 40 ms, p99 250 ms. */
#define LATENCY_MEDIAN_NS 40000000LL
#define LATENCY_P99_NS 250000000LL
/* Outcome mix: completed 0.9, failed 0.08, cancelled 0.02 (drawn; polls ignore it). */
#define OUTCOME_COMPLETED 0.9
#define OUTCOME_FAILED 0.08
/* Exponential backoff: initial 1 s, multiplier 2, max 30 s, full jitter. */
#define BACKOFF_INITIAL_NS (1LL * NS_PER_SECOND)
#define BACKOFF_MULTIPLIER 2.0
#define BACKOFF_MAX_NS (30LL * NS_PER_SECOND)
/* Client: gives up 10 minutes after creation; honors Retry-After. */
#define TIMEOUT_NS (600LL * NS_PER_SECOND)
/* Token bucket per API key: rate RATE_NUM / RATE_DEN tokens per second, burst 5. As in
 * ExactRate, credit is counted in units of 1 / (RATE_DEN * 1e9) token: one nanosecond
 * refills RATE_NUM units, one token costs RATE_DEN * 1e9 units (1/s is 1/1 exactly). */
#define RATE_NUM 1LL
#define RATE_DEN 1LL
#define BURST 5LL
#define UNITS_PER_NS RATE_NUM
#define UNITS_PER_TOKEN (RATE_DEN * NS_PER_SECOND)
#define BUCKET_CAPACITY (BURST * UNITS_PER_TOKEN)

/* Purposes of the random streams (Sources/PollsterCore/Random/RandomStream.swift). */
enum { STREAM_ARRIVALS = 1, STREAM_EXECUTION = 2, STREAM_STRATEGY = 3, STREAM_LATENCY = 4 };

/* ---- random numbers (SplitMix64.swift, Xoshiro256StarStar.swift) ------------------- */

static inline uint64_t splitmix64_next(uint64_t *state) {
    *state += 0x9E3779B97F4A7C15ULL;
    uint64_t z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* The SplitMix64 finaliser of one value (SplitMix64.mix). */
static inline uint64_t splitmix64_mix(uint64_t value) { return splitmix64_next(&value); }

typedef struct {
    uint64_t s[4];
    /* Box-Muller's second normal, not yet used (has_spare says whether it is valid;
     * Swift keeps NaN for "none"). */
    double spare;
    int has_spare;
} Xoshiro;

static inline void xoshiro_seed(Xoshiro *g, uint64_t seed) {
    uint64_t expander = seed;
    for (int i = 0; i < 4; i++) g->s[i] = splitmix64_next(&expander);
    g->spare = 0;
    g->has_spare = 0;
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t xoshiro_next(Xoshiro *g) {
    uint64_t *s = g->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1) with 53 bits (nextUnit). */
static inline double next_unit(Xoshiro *g) { return (double)(xoshiro_next(g) >> 11) * 0x1.0p-53; }

/* Uniform in (0, 1], safe to take the log of (nextOpenUnit). */
static inline double next_open_unit(Xoshiro *g) { return (double)((xoshiro_next(g) >> 11) + 1) * 0x1.0p-53; }

/* A standard normal (Box-Muller, the second of each pair kept for the next call). */
static inline double standard_normal(Xoshiro *g) {
    if (g->has_spare) {
        g->has_spare = 0;
        return g->spare;
    }
    double u1 = next_open_unit(g);
    double u2 = next_unit(g);
    double radius = sqrt(-2.0 * log(u1));
    double angle = 2.0 * PI * u2;
    g->spare = radius * sin(angle);
    g->has_spare = 1;
    return radius * cos(angle);
}

/* The generator for `purpose` of execution `index` (RandomStream.generator(seed:index:)). */
static inline void stream_generator(Xoshiro *g, uint64_t seed, uint64_t purpose, uint64_t index) {
    uint64_t a = splitmix64_mix(seed ^ (purpose * 0xD6E8FEB86659FD93ULL));
    uint64_t b = splitmix64_mix(a ^ (index * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL));
    xoshiro_seed(g, b);
}

/* A lognormal draw in nanoseconds, never negative (Distribution.sample, then max(0, _)):
 * Int64(median * exp(sigma * z)); C's cast truncates toward zero as Swift's does. */
static inline int64_t lognormal_ns(Xoshiro *g, int64_t median, double sigma) {
    int64_t v = (int64_t)((double)median * exp(sigma * standard_normal(g)));
    return v < 0 ? 0 : v;
}

/* sigma of a lognormal with the given median whose z-quantile is `upper`. */
static double lognormal_sigma(int64_t median, int64_t upper, double z) {
    return log((double)upper / (double)median) / z;
}

/* Seconds as integer nanoseconds, rounded to nearest, ties away from zero (Time.seconds). */
static inline int64_t seconds_to_ns(double seconds) { return (int64_t)round(seconds * 1e9); }

/* ---- the strategy (PollingStrategy.swift) ------------------------------------------ */

/* delay_n = U(0, v_n), v_n = min(max, initial * multiplier^(n-1)); n >= 1. The cap is
 * reached from n = 6 on, so pow is needed only for the first five steps; the table holds
 * exactly what the Swift code computes (Int64(1e9 * pow(2, n - 1)) below the cap). */
static int64_t backoff_table[8];

static void init_backoff(void) {
    for (int n = 1; n < 8; n++) {
        double value = (double)BACKOFF_INITIAL_NS * pow(BACKOFF_MULTIPLIER, (double)(n - 1));
        backoff_table[n] = value >= (double)BACKOFF_MAX_NS ? BACKOFF_MAX_NS : (int64_t)value;
    }
}

static inline int64_t strategy_delay(uint32_t n, Xoshiro *rng) {
    int64_t v = n < 8 ? backoff_table[n] : BACKOFF_MAX_NS;
    return (int64_t)((double)v * next_unit(rng));
}

/* ---- the token bucket (TokenBucket.swift, ExactRate.swift) ------------------------- */

typedef struct {
    int64_t credit;  /* tokens held, in credit units */
    int64_t updated; /* last refill time; INT64_MIN before the first request */
} Bucket;

static inline void bucket_advance(Bucket *b, int64_t time) {
    if (b->updated == INT64_MIN) {
        b->updated = time;
        return;
    }
    if (time <= b->updated) return;
    int64_t elapsed = time - b->updated;
    b->updated = time;
    int64_t missing = BUCKET_CAPACITY - b->credit;
    if (missing <= 0) return;
    if (elapsed > missing / UNITS_PER_NS) {
        b->credit = BUCKET_CAPACITY;
    } else {
        int64_t credit = b->credit + elapsed * UNITS_PER_NS;
        b->credit = credit < BUCKET_CAPACITY ? credit : BUCKET_CAPACITY;
    }
}

/* Whole seconds, rounded up, that refilling `units` takes (ExactRate.secondsToRefill). */
static inline int64_t seconds_to_refill(int64_t units) {
    if (units <= 0) return 0;
    int64_t ns = units / UNITS_PER_NS + (units % UNITS_PER_NS == 0 ? 0 : 1);
    return ns / NS_PER_SECOND + (ns % NS_PER_SECOND == 0 ? 0 : 1);
}

/* Decides a request at `time`: 0 when allowed (and takes the token), otherwise the
 * Retry-After in whole seconds (at least 1); a rejection takes nothing. */
static inline int64_t bucket_admit(Bucket *b, int64_t time) {
    bucket_advance(b, time);
    if (b->credit >= UNITS_PER_TOKEN) {
        b->credit -= UNITS_PER_TOKEN;
        return 0;
    }
    int64_t wait = seconds_to_refill(UNITS_PER_TOKEN - b->credit);
    return wait < 1 ? 1 : wait;
}

/* ---- executions and the event queue ------------------------------------------------ */

/* An execution that is being polled (its slot is recycled when it leaves). */
typedef struct {
    Xoshiro strategy_rng; /* RandomStream.strategy: the jitter */
    Xoshiro latency_rng;  /* RandomStream.latency: the latency draws */
    int64_t created;      /* c_e */
    int64_t finished;     /* f_e = c_e + run time (no queue time in this workload) */
    uint32_t index;       /* creation order */
    uint32_t key;         /* API key */
    uint32_t polls;       /* polls sent so far */
} Execution;

/* The next execution to arrive, planned but not admitted (ExecutionSchedule.next). */
typedef struct {
    int64_t created, finished;
    uint32_t index, key;
} Plan;

/* One pending poll: ordered by (time, execution index), as SimEvent is; an execution has
 * at most one poll pending, so the order is total and the heap's shape cannot change the
 * results. 16 bytes, four to a cache line. */
typedef struct {
    int64_t time;
    uint32_t index;
    uint32_t slot;
} Event;

/* Binary min-heap by default; -DHEAP_ARITY=4 gives the Swift engine's 4-ary heap. */
#ifndef HEAP_ARITY
#define HEAP_ARITY 2
#endif

typedef struct {
    Event *items;
    size_t count, capacity;
} Heap;

static inline int precedes(const Event *a, const Event *b) {
    return a->time < b->time || (a->time == b->time && a->index < b->index);
}

static void *checked_realloc(void *p, size_t bytes) {
    void *q = realloc(p, bytes);
    if (!q) {
        fprintf(stderr, "sim: out of memory\n");
        exit(1);
    }
    return q;
}

static inline void heap_push(Heap *h, Event e) {
    if (h->count == h->capacity) {
        h->capacity = h->capacity ? h->capacity * 2 : 4096;
        h->items = checked_realloc(h->items, h->capacity * sizeof(Event));
    }
    Event *a = h->items;
    size_t child = h->count++;
    while (child > 0) {
        size_t parent = (child - 1) / HEAP_ARITY;
        if (!precedes(&e, &a[parent])) break;
        a[child] = a[parent];
        child = parent;
    }
    a[child] = e;
}

/* Removes the minimum (the heap must not be empty). */
static inline Event heap_pop(Heap *h) {
    Event *a = h->items;
    Event top = a[0];
    Event last = a[--h->count];
    size_t count = h->count;
    if (count == 0) return top;
    size_t parent = 0;
    for (;;) {
        size_t first = HEAP_ARITY * parent + 1;
        if (first >= count) break;
        size_t best = first;
        size_t end = first + HEAP_ARITY < count ? first + HEAP_ARITY : count;
        for (size_t child = first + 1; child < end; child++)
            if (precedes(&a[child], &a[best])) best = child;
        if (!precedes(&a[best], &last)) break;
        a[parent] = a[best];
        parent = best;
    }
    a[parent] = last;
    return top;
}

/* ---- the run ------------------------------------------------------------------------ */

typedef struct {
    uint64_t executions, polls, responses429, detected, abandoned;
    double detection_lag_sum_s;
    size_t peak_active;
} Counters;

typedef struct {
    uint64_t seed;
    uint64_t total; /* executions to create */
    uint64_t next_index;
    double rate_per_second; /* arrivals */
    double clock;           /* arrival clock in seconds (a Double, as in Swift) */
    Xoshiro arrival_rng;
    double run_sigma;
} Schedule;

/* Plans the next execution (ExecutionSchedule.next and .plan); 0 after the last. */
static int schedule_next(Schedule *s, Plan *plan) {
    if (s->next_index >= s->total) return 0;
    uint64_t index = s->next_index++;
    if (index > 0) s->clock += -log(next_open_unit(&s->arrival_rng)) / s->rate_per_second;
    int64_t created = seconds_to_ns(s->clock);
    Xoshiro rng;
    stream_generator(&rng, s->seed, STREAM_EXECUTION, index);
    int64_t run_time = lognormal_ns(&rng, RUN_MEDIAN_NS, s->run_sigma);
    /* No queue time in this workload: no draw. The outcome takes one uniform and is not
     * needed for polling (every outcome is terminal); drawn to keep the stream's order. */
    double u = next_unit(&rng);
    int outcome = u < OUTCOME_COMPLETED ? 0 : u < OUTCOME_COMPLETED + OUTCOME_FAILED ? 1 : 2;
    (void)outcome; /* 0 completed, 1 failed, 2 cancelled */
    plan->created = created;
    plan->finished = created + run_time;
    plan->index = (uint32_t)index;
    plan->key = (uint32_t)(index % API_KEYS);
    return 1;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    uint64_t executions = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    if (executions == 0 || executions > UINT32_MAX) {
        fprintf(stderr, "usage: sim [EXECUTIONS (1..%u) [SEED]]\n", UINT32_MAX);
        return 64;
    }

    double start = now_seconds();
    init_backoff();
    const double latency_sigma = lognormal_sigma(LATENCY_MEDIAN_NS, LATENCY_P99_NS, P99_Z);

    Schedule schedule = {.seed = seed, .total = executions, .rate_per_second = (double)executions / HOUR_SECONDS};
    schedule.run_sigma = lognormal_sigma(RUN_MEDIAN_NS, RUN_P95_NS, P95_Z);
    stream_generator(&schedule.arrival_rng, seed, STREAM_ARRIVALS, 0);

    Bucket buckets[API_KEYS];
    for (int k = 0; k < API_KEYS; k++) buckets[k] = (Bucket){.credit = BUCKET_CAPACITY, .updated = INT64_MIN};

    Heap queue = {0};
    Execution *slots = NULL;
    uint32_t *free_slots = NULL;
    size_t slot_count = 0, slot_capacity = 0, free_count = 0;
    Counters c = {0};
    size_t active = 0;

    Plan pending;
    int has_pending = schedule_next(&schedule, &pending);

    for (;;) {
        /* Admit every arrival up to the next event (arrivals first on a tie), so memory
         * holds only the executions in flight. */
        if (has_pending && (queue.count == 0 || pending.created <= queue.items[0].time)) {
            c.executions++;
            uint32_t slot;
            if (free_count > 0) {
                slot = free_slots[--free_count];
            } else {
                if (slot_count == slot_capacity) {
                    slot_capacity = slot_capacity ? slot_capacity * 2 : 4096;
                    slots = checked_realloc(slots, slot_capacity * sizeof(Execution));
                    free_slots = checked_realloc(free_slots, slot_capacity * sizeof(uint32_t));
                }
                slot = (uint32_t)slot_count++;
            }
            Execution *e = &slots[slot];
            stream_generator(&e->strategy_rng, seed, STREAM_STRATEGY, pending.index);
            stream_generator(&e->latency_rng, seed, STREAM_LATENCY, pending.index);
            e->created = pending.created;
            e->finished = pending.finished;
            e->index = pending.index;
            e->key = pending.key;
            e->polls = 0;
            /* Poll 0 at c_e + delay_1 (always within the timeout here: delay_1 < 1 s). */
            int64_t first = e->created + strategy_delay(1, &e->strategy_rng);
            if (first - e->created > TIMEOUT_NS) {
                c.abandoned++;
                free_slots[free_count++] = slot;
            } else {
                if (++active > c.peak_active) c.peak_active = active;
                heap_push(&queue, (Event){.time = first, .index = e->index, .slot = slot});
            }
            has_pending = schedule_next(&schedule, &pending);
            continue;
        }
        if (queue.count == 0) break;

        /* A poll: evaluated at its send time s, answered at r = s + L. */
        Event ev = heap_pop(&queue);
        Execution *e = &slots[ev.slot];
        int64_t sent = ev.time;
        int64_t retry_after = bucket_admit(&buckets[e->key], sent);
        int64_t received = sent + lognormal_ns(&e->latency_rng, LATENCY_MEDIAN_NS, latency_sigma);
        c.polls++;
        uint32_t n = e->polls++;

        int64_t wait = 0;
        if (retry_after == 0) {
            if (sent >= e->finished) {
                /* A 200 that sees the execution terminal: detected at r. */
                c.detected++;
                c.detection_lag_sum_s += (double)(received - e->finished) / 1e9;
                active--;
                free_slots[free_count++] = ev.slot;
                continue;
            }
        } else {
            c.responses429++;
            wait = retry_after * NS_PER_SECOND;
        }
        /* The strategy advances on every poll, 429s included; Retry-After is honored. */
        int64_t delay = strategy_delay(n + 1, &e->strategy_rng);
        if (wait > delay) delay = wait;
        int64_t next = received + delay;
        if (next - e->created > TIMEOUT_NS) {
            c.abandoned++;
            active--;
            free_slots[free_count++] = ev.slot;
            continue;
        }
        ev.time = next;
        heap_push(&queue, ev);
    }
    double seconds = now_seconds() - start;

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double peak_mb = (double)usage.ru_maxrss / 1024.0;

    printf("executions %llu\n", (unsigned long long)c.executions);
    printf("polls %llu\n", (unsigned long long)c.polls);
    printf("responses429 %llu\n", (unsigned long long)c.responses429);
    printf("rate429 %.6f\n", c.polls ? (double)c.responses429 / (double)c.polls : 0.0);
    printf("detected %llu\n", (unsigned long long)c.detected);
    printf("abandoned %llu\n", (unsigned long long)c.abandoned);
    printf("detection_lag_mean_s %.6f\n", c.detected ? c.detection_lag_sum_s / (double)c.detected : 0.0);
    printf("peak_active %zu\n", c.peak_active);
    printf("seconds %.6f\n", seconds);
    /* user + system CPU of the whole process (start-up is negligible): beside the wall
     * time, it tells a slow run on a busy machine from a slow program. */
    printf("cpu_seconds %.6f\n", (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6
                                      + (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6);
    printf("polls_per_second %.0f\n", (double)c.polls / seconds);
    printf("peak_mb %.1f\n", peak_mb);
    printf("heap_arity %d\n", HEAP_ARITY);
    free(queue.items);
    free(slots);
    free(free_slots);
    return 0;
}
