#!/usr/bin/env bash
# Load benchmark: how fast is a signed-in learner's home page compared with a trivial endpoint?
#
#   bench/run.sh            build release, start the demo server on :8089, run wrk, print a table
#
# The server is `atelier serve --demo` on a fresh temporary data directory with LOG_LEVEL=warning
# (logging every request would measure the logger). wrk runs alternately on /health (the floor:
# routing + HTTP + one `SELECT 1` round trip) and on / with a learner's session cookie (session lookup, queries,
# HTML rendering), 3 rounds each, so a slow drift of the machine hits both equally. The table
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
PORT="${BENCH_PORT:-8089}"
BASE="http://127.0.0.1:$PORT"
DURATION="${BENCH_DURATION:-15s}"
ROUNDS="${BENCH_ROUNDS:-3}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
LEARNER="learner01@northwind.test"
PASSWORD="atelier-demo"

OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
DATA_DIR="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
JAR="$OUT/cookies.txt"
SERVER_PID=""

say() { printf '\033[1m== %s\033[0m\n' "$*"; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        # Give it a moment to shut down cleanly, then insist.
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

# --- Tools --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    say "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
command -v curl >/dev/null 2>&1 || die "curl is required"

# --- Build --------------------------------------------------------------------------------------
if [[ -z "${ATELIER_BIN:-}" ]]; then
    say "swift build -c release"
    start=$SECONDS
    swift build -c release
    echo "built in $((SECONDS - start))s"
    ATELIER_BIN="$ROOT/.build/release/atelier"
fi
[[ -x "$ATELIER_BIN" ]] || die "$ATELIER_BIN is not an executable"

# --- Server -------------------------------------------------------------------------------------
# Refuse to run if something already answers on the port: we would benchmark the wrong server.
if curl -s -o /dev/null --max-time 2 "$BASE/health"; then
    die "something already listens on port $PORT; stop it or set BENCH_PORT"
fi

say "starting $ATELIER_BIN serve --demo on port $PORT (data: $DATA_DIR)"
# No SMTP_URL: nothing here sends mail.
env -u DATABASE_URL \
    LOG_LEVEL=warning ATELIER_DATA_DIR="$DATA_DIR" ATELIER_PUBLIC_URL="$BASE" \
    "$ATELIER_BIN" serve --hostname 127.0.0.1 --port "$PORT" --demo \
    >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 300); do   # up to 60 s: --demo seeds the database on first boot
    if curl -sf -o /dev/null --max-time 2 "$BASE/health"; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; die "the server exited during startup"; }
    sleep 0.2
done
curl -sf -o /dev/null --max-time 2 "$BASE/health" \
    || { tail -n 50 "$OUT/server.log" >&2; die "the server did not answer /health within 60 s"; }

# --- Sign in as a learner -----------------------------------------------------------------------
say "signing in as $LEARNER"
sign_in_html="$(curl -sf -c "$JAR" -b "$JAR" "$BASE/sign-in")" || die "GET /sign-in failed"
# The hidden field <input ... name="_csrf" ... value="…">, attributes in any order; if it can't be
# parsed, the atelier_csrf cookie holds the same value.
csrf="$(grep -o '<input[^>]*name="_csrf"[^>]*>' <<<"$sign_in_html" | head -n1 \
        | sed -nE 's/.*value="([^"]*)".*/\1/p' || true)"
if [[ -z "$csrf" ]]; then
    csrf="$(awk '$6 == "atelier_csrf" { print $7 }' "$JAR")"
fi
[[ -n "$csrf" ]] || die "no _csrf field on /sign-in and no atelier_csrf cookie"

status="$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
    --data-urlencode "email=$LEARNER" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "_csrf=$csrf" "$BASE/sign-in")"
[[ "$status" == 303 ]] || die "POST /sign-in answered $status, expected 303"
# (curl writes HttpOnly cookies as "#HttpOnly_host ..." lines; the fields are the same.)
session="$(awk '$6 == "atelier_session" { print $7 }' "$JAR" | tail -n1)"
[[ -n "$session" ]] || die "no atelier_session cookie after signing in"
# Both cookies, as a browser sends them after the sign-in page (without atelier_csrf every
# response would mint and set a new CSRF token, which no real visit does).
csrf_cookie="$(awk '$6 == "atelier_csrf" { print $7 }' "$JAR")"
COOKIE="Cookie: atelier_session=$session; atelier_csrf=$csrf_cookie"

# Make sure "/" with this cookie really is the learner's home, not a redirect to /sign-in:
# otherwise we would benchmark a 303.
home_status="$(curl -s -o "$OUT/home.html" -w '%{http_code}' -H "$COOKIE" "$BASE/")"
[[ "$home_status" == 200 ]] || die "GET / with the session answered $home_status, expected 200"
grep -q "My trainings" "$OUT/home.html" || die "GET / with the session is not the learner's home"

# --- Load ---------------------------------------------------------------------------------------
# to_ms VALUE: wrk prints latencies as 812.00us, 1.23ms, 1.02s or 1.5m.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# run_wrk NAME PATH [HEADER]: one wrk run; prints "req/s p50_ms p99_ms failed_requests".
run_wrk() {
    local name="$1" path="$2" file
    shift 2
    file="$OUT/wrk-$name-$round.txt"
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)
    if (($# > 0)); then args+=(-H "$1"); fi
    # timeout: wrk itself stops after DURATION; this only guards against a wedged run.
    timeout 120 wrk "${args[@]}" "$BASE$path" >"$file" 2>&1 || die "wrk failed on $path (see $file)"
    local rps p50 p99 bad
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$file")"
    p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")"
    # Failed requests: non-2xx/3xx answers plus socket errors (connect, read, write, timeout).
    bad="$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
                /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
                END { print n + 0 }' "$file")"
    [[ -n "$rps" ]] || die "could not read wrk's output ($file)"
    echo "$rps $p50 $p99 $bad"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -a H_RPS H_P50 H_P99 R_RPS R_P50 R_P99
errors=0
say "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds, alternating /health and /"
for round in $(seq 1 "$ROUNDS"); do
    # (Not `read < <(run_wrk …)`: a failure inside a process substitution would go unnoticed.)
    result="$(run_wrk health /health)"
    read -r rps p50 p99 bad <<<"$result"
    H_RPS+=("$rps"); H_P50+=("$p50"); H_P99+=("$p99"); errors=$((errors + bad))
    printf '  round %s  /health  %10s req/s  p50 %8s ms  p99 %8s ms\n' "$round" "$rps" "$p50" "$p99"

    result="$(run_wrk home / "$COOKIE")"
    read -r rps p50 p99 bad <<<"$result"
    R_RPS+=("$rps"); R_P50+=("$p50"); R_P99+=("$p99"); errors=$((errors + bad))
    printf '  round %s  /        %10s req/s  p50 %8s ms  p99 %8s ms\n' "$round" "$rps" "$p50" "$p99"
done

# --- Report -------------------------------------------------------------------------------------
h_rps="$(median "${H_RPS[@]}")"; h_p50="$(median "${H_P50[@]}")"; h_p99="$(median "${H_P99[@]}")"
r_rps="$(median "${R_RPS[@]}")"; r_p50="$(median "${R_P50[@]}")"; r_p99="$(median "${R_P99[@]}")"
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

if ((errors > 0)); then
    printf '\033[31m%s failed requests (non-2xx/3xx or socket errors) during the runs: the figures are not valid (see %s)\033[0m\n' "$errors" "$OUT" >&2
    exit 1
fi
echo "raw outputs: $OUT"
