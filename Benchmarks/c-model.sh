#!/usr/bin/env bash
# The simulator beside a single-threaded C implementation of the same model
# (Benchmarks/CModel/sim.c): PollsterBench's 1M-execution run (Poisson arrivals over an
# hour, lognormal run times, exponential backoff with full jitter, 1,000 API keys with
# token buckets of 1/s burst 5, lognormal latency), in the C model, in pollster on one core
# and in pollster split by API key over every core.
#
#   Benchmarks/c-model.sh                       # 3 rounds of 1,000,000 executions, seed 1
#   ROUNDS=5 EXECUTIONS=200000 SEED=7 Benchmarks/c-model.sh
#   POLLSTER_BENCH=.build/release/PollsterBench Benchmarks/c-model.sh   # skip the build
#
# The C model is compiled twice with `cc -O2 -march=native` (plain -O2 when the compiler
# refuses -march=native), always with -ffp-contract=off so that its floating point is
# Swift's: with a binary heap (the reference the targets are measured against) and with
# a 4-ary heap (the Swift engine's agenda before its timing wheel; its ratios are printed
# too). Both
# land in .build-bench/. PollsterBench is built in release with the scratch path
# /tmp/cmodel-bench-build unless POLLSTER_BENCH names a binary already built.
#
# Rounds alternate the three programs (C binary heap, C 4-ary heap, PollsterBench, which
# runs one core and then all cores) so that all see the same machine load; the table
# shows each round and then the medians. Every program times only its simulation (not
# process start-up); polls/s = simulated polls / that wall time. CPU s is the user +
# system time the run used (all threads): on a busy machine a wall time well above it
# means the run waited for a core. Peak memory is each process's max RSS
# (PollsterBench's covers both of its runs).
#
# Targets, on the last lines (PASS or MISS; the script exits 0 either way, and 1 only when
# the counts differ): pollster on one core >= 0.8x the C model's polls/s, pollster on all
# cores >= 1.5x, peak memory < 300 MB. The C model must count exactly the same polls, 429s,
# detections and abandonments as both pollster runs in every round.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-3}
executions=${EXECUTIONS:-1000000}
seed=${SEED:-1}
cc=${CC:-cc}
for knob in rounds executions; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || { echo "${knob^^} must be a positive whole number, got '${!knob}'" >&2; exit 1; }
done
[[ $seed =~ ^[0-9]+$ ]] || { echo "SEED must be a whole number, got '$seed'" >&2; exit 1; }

# --- builds ------------------------------------------------------------------------------
mkdir -p .build-bench
compile() { # output, extra flags...
    local out=$1; shift
    local base=(-std=c11 -O2 -ffp-contract=off -Wall -Wextra "$@" -o "$out" Benchmarks/CModel/sim.c -lm)
    if "$cc" -march=native "${base[@]}" 2>/dev/null; then
        echo "-O2 -march=native"
    else
        "$cc" "${base[@]}" >&2 || return 1
        echo "-O2"
    fi
}
echo "compiling the C model ($cc)..." >&2
c_flags=$(compile .build-bench/sim)
compile .build-bench/sim-heap4 -DHEAP_ARITY=4 >/dev/null
c_binary=.build-bench/sim
c_heap4=.build-bench/sim-heap4

if [[ -n ${POLLSTER_BENCH:-} ]]; then
    bench=$POLLSTER_BENCH
else
    echo "building PollsterBench (release, scratch path /tmp/cmodel-bench-build)..." >&2
    swift build -c release --scratch-path /tmp/cmodel-bench-build --product PollsterBench >&2
    bench=/tmp/cmodel-bench-build/release/PollsterBench
fi
[[ -x $bench ]] || { echo "no PollsterBench at $bench" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The value of `name value` lines (exactly two fields: PollsterBench's prose lines have more).
field() { awk -v k="$2" '$1 == k && NF == 2 { v = $2 } END { print v }' "$1"; }

# --- rounds --------------------------------------------------------------------------------
echo "model: $executions executions, seed $seed; cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "C model compiled with $cc $c_flags -ffp-contract=off; pollster: $bench"
echo
format='%-7s %-30s %9s %9s %11s %9s %9s\n'
printf "$format" round program 'wall s' 'CPU s' 'polls/s' 'vs C' 'peak MB'
mismatch=0
: > "$work/rows"
for round in $(seq "$rounds"); do
    "$c_binary" "$executions" "$seed" > "$work/c"
    "$c_heap4" "$executions" "$seed" > "$work/c4"
    "$bench" "$executions" --seed "$seed" --machine > "$work/swift"

    c_pps=$(field "$work/c" polls_per_second)
    cores=$(field "$work/swift" cores)
    # name, wall s, CPU s, polls/s, peak MB
    {
        echo "c-binary $(field "$work/c" seconds) $(field "$work/c" cpu_seconds) $c_pps $(field "$work/c" peak_mb)"
        echo "c-heap4 $(field "$work/c4" seconds) $(field "$work/c4" cpu_seconds) $(field "$work/c4" polls_per_second) $(field "$work/c4" peak_mb)"
        echo "swift-1 $(field "$work/swift" seconds_1core) $(field "$work/swift" cpu_seconds_1core) $(field "$work/swift" polls_per_second_1core) $(field "$work/swift" peak_mb_1core)"
        echo "swift-n $(field "$work/swift" seconds_sharded) $(field "$work/swift" cpu_seconds_sharded) $(field "$work/swift" polls_per_second_sharded) $(field "$work/swift" peak_mb)"
    } > "$work/round"
    sed "s/^/$round /" "$work/round" >> "$work/rows"

    # Exactly the same counts: C (both heaps) against pollster's one-core and sharded runs.
    for key in polls responses429 detected abandoned executions; do
        c=$(field "$work/c" "$key")
        for other in "$(field "$work/c4" "$key")" "$(field "$work/swift" "$key")"; do
            [[ $other == "$c" ]] || { echo "round $round: $key differs: C $c, other $other" >> "$work/notes"; mismatch=1; }
        done
    done
    for pair in "polls sharded_polls" "responses429 sharded_responses429"; do
        read -r mine theirs <<< "$pair"
        [[ $(field "$work/c" "$mine") == "$(field "$work/swift" "$theirs")" ]] ||
            { echo "round $round: $mine differs: C $(field "$work/c" "$mine"), pollster on $cores cores $(field "$work/swift" "$theirs")" >> "$work/notes"; mismatch=1; }
    done
    cp "$work/c" "$work/c-last"
    cp "$work/swift" "$work/swift-last"
done

label() {
    case $1 in
        c-binary) echo "C model, binary heap" ;;
        c-heap4) echo "C model, 4-ary heap" ;;
        swift-1) echo "pollster, 1 core" ;;
        swift-n) echo "pollster, $cores cores by key" ;;
    esac
}
show() { # tag, then "name seconds cpu pps mb" lines on stdin; "vs C" is against the binary heap
    local tag=$1 reference= name seconds cpu pps mb
    while read -r name seconds cpu pps mb; do
        reference=${reference:-$pps}
        # shellcheck disable=SC2046
        printf "$format" "$tag" "$(label "$name")" $(awk -v s="$seconds" -v c="$cpu" -v p="$pps" -v r="$reference" -v m="$mb" \
            'BEGIN { printf "%.3f %.3f %.2fM %.2fx %.1f\n", s, c, p / 1e6, p / r, m }')
    done
}
for round in $(seq "$rounds"); do
    awk -v r="$round" '$1 == r { print $2, $3, $4, $5, $6 }' "$work/rows" | show "$round"
done
# Medians of each column over the rounds.
names="c-binary c-heap4 swift-1 swift-n"
for name in $names; do
    for column in 3 4 5 6; do
        awk -v name="$name" -v column="$column" '$2 == name { print $column }' "$work/rows" | sort -g |
            awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
    done | paste -sd' ' | sed "s/^/$name /"
done > "$work/median"
if (( rounds > 1 )); then show median < "$work/median"; fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- counts and targets -------------------------------------------------------------------
median() { awk -v name="$1" -v column="$2" '$1 == name { print $column }' "$work/median"; }
c_pps=$(median c-binary 4)
c4_pps=$(median c-heap4 4)
one_pps=$(median swift-1 4)
all_pps=$(median swift-n 4)
echo "counts (C model, last round): executions $(field "$work/c-last" executions), polls $(field "$work/c-last" polls), 429s $(field "$work/c-last" responses429) (rate $(field "$work/c-last" rate429)), detected $(field "$work/c-last" detected), abandoned $(field "$work/c-last" abandoned)"
echo "mean detection lag: C $(field "$work/c-last" detection_lag_mean_s) s (exact sum), pollster $(field "$work/swift-last" detection_lag_mean_s) s (from its histogram)"
if (( mismatch )); then
    echo "same polls, 429s, detections and abandonments as the C model: NO"
    cat "$work/notes"
else
    echo "same polls, 429s, detections and abandonments as the C model: yes, exactly, in every round ($rounds; 1 core and $cores cores)"
fi
verdict() { if [[ $1 == 1 ]]; then echo PASS; else echo MISS; fi; }
target() { printf '%-52s %s (%s)\n' "target: $1" "$(verdict "$2")" "$3"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
target "pollster 1 core >= 0.8x the C model" \
    "$(awk -v a="$one_pps" -v c="$c_pps" 'BEGIN { print (a >= 0.8 * c) ? 1 : 0 }')" \
    "$(ratio "$one_pps" "$c_pps")x the binary-heap C, $(ratio "$one_pps" "$c4_pps")x the 4-ary-heap C"
target "pollster $cores cores >= 1.5x the C model" \
    "$(awk -v a="$all_pps" -v c="$c_pps" 'BEGIN { print (a >= 1.5 * c) ? 1 : 0 }')" \
    "$(ratio "$all_pps" "$c_pps")x the binary-heap C, $(ratio "$all_pps" "$c4_pps")x the 4-ary-heap C; $(ratio "$all_pps" "$one_pps")x its one core"
swift_mb=$(median swift-n 5)
target "peak memory < 300 MB" \
    "$(awk -v m="$swift_mb" 'BEGIN { print (m < 300) ? 1 : 0 }')" \
    "pollster $(awk -v m="$swift_mb" 'BEGIN { printf "%.1f", m }') MB (both runs), C model $(awk -v m="$(median c-binary 5)" 'BEGIN { printf "%.1f", m }') MB"
exit "$mismatch"
