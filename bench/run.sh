#!/usr/bin/env bash
# Load benchmark: how fast is a signed-in learner's home page compared with a trivial endpoint?
#
#   bench/run.sh            build release, start the demo server on :8089, run wrk, print a table
#
# The server is `atelier serve --demo` on a fresh temporary data directory with LOG_LEVEL=warning.
# wrk runs alternately on /health (the floor: routing + HTTP + one `SELECT 1` round trip) and on /
# with a learner's session cookie (session, queries, HTML rendering), 3 rounds each. The table
# shows the median of the rounds; raw wrk outputs are kept in bench/out/ (gitignored).
#
# Environment (all optional):
#   ATELIER_BIN       binary to run instead of building (.build/release/atelier after the build)
#   BENCH_PORT        8089
#   BENCH_DURATION    15s  (per wrk run)
#   BENCH_ROUNDS      3
#   BENCH_THREADS     2,   BENCH_CONNECTIONS 64
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_settings home 64

ensure_tools
ensure_binary
start_server "$(new_data_dir)" --demo
sign_in "learner01@northwind.test" "atelier-demo"
expect_page / "My trainings"

say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, alternating /health and /"
rows="$(measure "health|/health|" "home|/|$COOKIE")"
read -r _ h_rps h_p50 h_p99 <<<"$(grep '^health ' <<<"$rows")"
read -r _ r_rps r_p50 r_p99 <<<"$(grep '^home ' <<<"$rows")"
ratio="$(awk -v a="$r_rps" -v b="$h_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"

{
    echo
    echo "Atelier bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -m)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS rounds"
    echo
    echo "| endpoint | req/s | p50 (ms) | p99 (ms) |"
    echo "|---|---:|---:|---:|"
    echo "| \`GET /health\` | $h_rps | $h_p50 | $h_p99 |"
    echo "| \`GET /\` (learner home, signed in) | $r_rps | $r_p50 | $r_p99 |"
    echo
    echo "home / health throughput ratio: $ratio"
    echo
    # The page builder alone, in the same binary: the 50-row page of STYLE.md (target ≤ 30 µs).
    "$ATELIER_BIN" bench-html 2>/dev/null | grep -E "^html" || echo "html builder: bench-html failed"
} | tee "$OUT/summary.md"
check_errors
