#!/usr/bin/env bash
# Load benchmark of the learning pages: a learner's course outline and a lesson page, for a
# cohort of 25 with a course of 8 modules × 6 lessons, against /health in the same run; then the
# same pages with a database holding 2,000 cohorts / 50,000 learners (with their progress).
#
#   bench/courses.sh        build release, seed, serve on :8089, run wrk, print a table
#
# `atelier seed-bench --cohorts N` fills each fresh data directory (see SeedBenchCommand.swift).
# Seeding the large database takes a minute or two. Raw outputs go to bench/out/ (gitignored).
#
# Environment (all optional): ATELIER_BIN, BENCH_PORT (8089), BENCH_DURATION (15s), BENCH_ROUNDS
# (3), BENCH_THREADS (2), BENCH_CONNECTIONS (64), BENCH_LARGE_COHORTS (2000; 0 skips the large run).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
LARGE="${BENCH_LARGE_COHORTS:-2000}"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_settings courses 64

ensure_tools
ensure_binary

# run_size COHORTS: seed, serve, sign in, measure; prints the three table rows prefixed by COHORTS.
run_size() {
    local cohorts="$1" data seeded outline lesson start=$SECONDS
    data="$(new_data_dir)"
    say "seeding $cohorts cohort(s) of 25 learners"
    seeded="$(env -u DATABASE_URL LOG_LEVEL=warning ATELIER_DATA_DIR="$data" "$ATELIER_BIN" seed-bench --cohorts "$cohorts" 2>>"$OUT/server.log")" \
        || die "seed-bench failed (see $OUT/server.log)"
    echo "seeded in $((SECONDS - start))s" >&2
    outline="$(awk '$1 == "outline" { print $2 }' <<<"$seeded")"
    lesson="$(awk '$1 == "lesson" { print $2 }' <<<"$seeded")"
    [[ -n "$outline" && -n "$lesson" ]] || die "seed-bench printed no URLs: $seeded"
    start_server "$data"
    sign_in "learner1-1@bench.test" "bench-password"
    expect_page "$outline" "Week 8"
    expect_page "$lesson" "Lesson 1.4"
    say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, alternating /health, outline, lesson"
    measure "health|/health|" "outline|$outline|$COOKIE" "lesson|$lesson|$COOKIE" | sed "s/^/$cohorts /"
    stop_server
}

rows="$(run_size 1)"
if ((LARGE > 0)); then rows+=$'\n'"$(run_size "$LARGE")"; fi

{
    echo
    echo "Atelier courses bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -m)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS rounds; SQLite"
    echo
    echo "| cohorts in the database | endpoint | req/s | p50 (ms) | p99 (ms) | ÷ /health |"
    echo "|---:|---|---:|---:|---:|---:|"
    while read -r cohorts label rps p50 p99; do
        health="$(awk -v c="$cohorts" '$1 == c && $2 == "health" { print $3 }' <<<"$rows")"
        ratio="$(awk -v a="$rps" -v b="$health" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
        echo "| $cohorts | \`$label\` | $rps | $p50 | $p99 | $ratio |"
    done <<<"$rows"
} | tee "$OUT/summary.md"
check_errors
