#!/usr/bin/env bash
# Load benchmark of quizzes, on SQLite: submitting attempts of 20 questions (each request a
# different open attempt: answers saved, graded, the attempt closed, in one transaction) and
# rendering result pages, against /health in the same run. The issue asks for ≥ 1,000 attempts/s
# graded and stored, with their result page, on 2 cores.
#
#   bench/quiz.sh        build release, seed (`seed-bench --quiz-attempts`), serve on :8089, run wrk, print a table
#
# Environment (all optional): ATELIER_BIN, BENCH_PORT (8089), BENCH_DURATION (8s), BENCH_ROUNDS
# (3), BENCH_THREADS (2), BENCH_CONNECTIONS (32), QUIZ_SLICE (attempts per round, 16000).
# The seed also submits 1,000 attempts whose result pages the "result" runs read.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
export QUIZ_SLICE="${QUIZ_SLICE:-16000}"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_settings quiz 32 8s

ensure_tools
ensure_binary

data="$(new_data_dir)"
export QUIZ_ATTEMPTS="$data/attempts.txt"
attempts=$((QUIZ_SLICE * ROUNDS + 1000))   # 1,000 more, submitted by the seed, for the result pages
say "seeding one cohort, a quiz of 20 questions and $attempts attempts"
start=$SECONDS
seeded="$(env -u DATABASE_URL LOG_LEVEL=warning ATELIER_DATA_DIR="$data" "$ATELIER_BIN" seed-bench --cohorts 1 \
    --quiz-attempts "$attempts" --quiz-file "$QUIZ_ATTEMPTS" 2>>"$OUT/server.log")" || die "seed-bench failed (see $OUT/server.log)"
echo "seeded in $((SECONDS - start))s" >&2
export QUIZ_BODY="$(awk '$1 == "quiz-body" { print $2 }' <<<"$seeded")"
[[ -n "$QUIZ_BODY" ]] || die "seed-bench printed no quiz form: $seeded"
start_server "$data"
sign_in "learner1-1@bench.test" "bench-password"
export QUIZ_COOKIE="${COOKIE#Cookie: }"
export QUIZ_CSRF="$(sed -nE 's/.*atelier_csrf=([^;]*).*/\1/p' <<<"$COOKIE")"
export QUIZ_THREADS="$THREADS"
first="$(head -n1 "$QUIZ_ATTEMPTS")"
expect_page "$first" "Submit my answers"
expect_page "$(head -n1 "$QUIZ_ATTEMPTS.results")" "What to study next"

say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds: /health, submit (a new attempt each), result"
rows="$(measure "health|/health|" "submit|/health||$ROOT/bench/quiz_submit.lua" "result|/health||$ROOT/bench/quiz_result.lua")"
# (wrk asks its script for one request before the run and never sends it: the first path is
# skipped, so check the second path of the first thread.)
expect_page "$(sed -n 3p "$QUIZ_ATTEMPTS")/result" "What to study next"
stop_server
submitted="$(sqlite3 "$data/atelier.sqlite" "SELECT count(*) FROM quiz_attempts WHERE submitted_at IS NOT NULL" 2>/dev/null || echo "?")"

{
    echo
    echo "Atelier quiz bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -m)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency; median of $ROUNDS rounds; SQLite; 20 questions an attempt; $submitted attempts submitted"
    echo
    endpoint_table "$rows"
    submit="$(awk '$1 == "submit" { print $2 }' <<<"$rows")"
    result="$(awk '$1 == "result" { print $2 }' <<<"$rows")"
    echo
    echo "Attempts submitted and their result page rendered, per second (1 / (1/submit + 1/result)): $(awk -v s="$submit" -v r="$result" 'BEGIN { printf "%.0f", (s > 0 && r > 0 ? 1 / (1 / s + 1 / r) : 0) }')"
} | tee "$OUT/summary.md"
check_errors
