#!/usr/bin/env bash
# Load benchmark of the cohort forum, on SQLite: a thread of 300 posts (its first page of 50), a
# space of 200 threads (its first page of 50) and a search over 20,000 posts, each against
# /health in the same run. The issue asks, on 2 cores at c=64: ≥ 1,000, ≥ 2,000 and ≥ 500 req/s,
# p99 ≤ 50 ms. "search" asks one question again and again (as readers of a cohort do, and the
# server caches a few seconds); "search-new" asks a different one each time (bench/forum_search.lua).
#
#   bench/forum.sh        build release, seed (`seed-bench --forum`), serve on :8089, run wrk, print a table
#
# Environment (all optional): ATELIER_BIN, BENCH_PORT (8089), BENCH_DURATION (15s), BENCH_ROUNDS
# (3), BENCH_THREADS (2), BENCH_CONNECTIONS (64).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_settings forum 64

ensure_tools
ensure_binary

data="$(new_data_dir)"
say "seeding one cohort of 25 learners and its forum (20,000 posts)"
start=$SECONDS
seeded="$(env -u DATABASE_URL LOG_LEVEL=warning ATELIER_DATA_DIR="$data" "$ATELIER_BIN" seed-bench --cohorts 1 --forum 2>>"$OUT/server.log")" \
    || die "seed-bench failed (see $OUT/server.log)"
echo "seeded in $((SECONDS - start))s" >&2
thread="$(awk '$1 == "thread" { print $2 }' <<<"$seeded")"
space="$(awk '$1 == "space" { print $2 }' <<<"$seeded")"
search="$(awk '$1 == "search" { print $2 }' <<<"$seeded")"
[[ -n "$thread" && -n "$space" && -n "$search" ]] || die "seed-bench printed no forum URLs: $seeded"
start_server "$data"
sign_in "learner1-1@bench.test" "bench-password"
# Each page once first: the reader's position is written then, not during the runs.
expect_page "$thread" "three hundred posts"
expect_page "$thread?page=6" "post-300"
expect_page "$space" "Thread 200"
expect_page "$search" "<mark>"
say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, alternating /health, thread, space, search, new searches"
export FORUM_SEARCH="${search%%\?*}"
expect_page "$FORUM_SEARCH?q=tariff+pallet&page=2" "<mark>"
rows="$(measure "health|/health|" "thread|$thread|$COOKIE" "space|$space|$COOKIE" "search|$search|$COOKIE" \
    "search-new|/health|$COOKIE|$ROOT/bench/forum_search.lua")"
stop_server

{
    echo
    echo "Atelier forum bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -m)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS rounds; SQLite; 20,000 posts"
    echo
    endpoint_table "$rows"
} | tee "$OUT/summary.md"
check_errors
