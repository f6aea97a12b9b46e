#!/usr/bin/env bash
# Load benchmark of the chat: 2,000 WebSocket clients on one node, in 80 cohort channels of 25,
# one message a second per channel, plus one private conversation per cohort with one message a
# second. Prints delivery latency (p50/p99, channels and private), lost and duplicated deliveries,
# and the server's RSS. Targets (issue "Real time"): p99 ≤ 50 ms, RSS ≤ 400 MiB, nothing lost.
#
#   bench/chat.sh        build release, seed, serve on :8089, run bench/chat_load.py
#
# Environment (all optional): ATELIER_BIN, BENCH_PORT (8089), BENCH_CHAT_COHORTS (80),
# BENCH_CHAT_SECONDS (30), BENCH_ROUNDS (3; medians are reported). Raw outputs in bench/out/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
COHORTS="${BENCH_CHAT_COHORTS:-80}"
SECONDS_PER_ROUND="${BENCH_CHAT_SECONDS:-30}"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_settings chat 0  # (no wrk: its own client, so connections and duration go unused)

ensure_tools
ensure_binary
python3 -c 'import websockets.asyncio.client' 2>/dev/null || python3 -m pip install --quiet websockets \
    || python3 -m pip install --quiet --break-system-packages websockets || die "needs Python websockets"

for round in $(seq 1 "$ROUNDS"); do
    data="$(new_data_dir)"
    say "round $round: seeding $COHORTS cohorts of 25 learners with sessions"
    env -u DATABASE_URL LOG_LEVEL=warning ATELIER_DATA_DIR="$data" "$ATELIER_BIN" seed-bench --cohorts "$COHORTS" \
        --chat-file "$OUT/chat-$round.json" >>"$OUT/server.log" 2>&1 || die "seed-bench failed (see $OUT/server.log)"
    start_server "$data"
    say "round $round: $((COHORTS * 25)) clients, ${SECONDS_PER_ROUND} s of traffic"
    timeout 900 python3 "$ROOT/bench/chat_load.py" "$BASE" "$OUT/chat-$round.json" "$SERVER_PID" --seconds "$SECONDS_PER_ROUND" \
        | tee "$OUT/load-$round.txt" >&2 || die "the load client failed (see $OUT/load-$round.txt)"
    stop_server
done

python3 "$ROOT/bench/chat_load.py" --summary "$OUT"/load-*.txt
echo "raw outputs: $OUT"
