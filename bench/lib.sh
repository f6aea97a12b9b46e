# Shared by the bench scripts: their settings, tools, building, starting a server, signing in, one
# wrk run, medians. Source it after setting ROOT, then call bench_settings.

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# bench_settings NAME CONNECTIONS [DURATION]: what every bench reads from the environment, with
# this one's defaults (BENCH_PORT 8089, BENCH_DURATION 15s, BENCH_ROUNDS 3, BENCH_THREADS 2,
# BENCH_CONNECTIONS), and its output folder, bench/out/<time>-NAME.
bench_settings() {
    PORT="${BENCH_PORT:-8089}"
    BASE="http://127.0.0.1:$PORT"
    DURATION="${BENCH_DURATION:-${3:-15s}}"
    ROUNDS="${BENCH_ROUNDS:-3}"
    THREADS="${BENCH_THREADS:-2}"
    CONNECTIONS="${BENCH_CONNECTIONS:-$2}"
    OUT="$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-$1"
    mkdir -p "$OUT"
}

SERVER_PID=""
DATA_DIRS=()

cleanup() {
    stop_server
    if ((${#DATA_DIRS[@]} > 0)); then rm -rf "${DATA_DIRS[@]}"; fi
}
trap cleanup EXIT

ensure_tools() {
    if ! command -v wrk >/dev/null 2>&1; then
        say "installing wrk"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
    fi
    command -v curl >/dev/null 2>&1 || die "curl is required"
}

# Sets ATELIER_BIN, building the release binary unless one is given.
ensure_binary() {
    if [[ -z "${ATELIER_BIN:-}" ]]; then
        say "swift build -c release"
        local start=$SECONDS
        (cd "$ROOT" && swift build -c release)
        echo "built in $((SECONDS - start))s"
        ATELIER_BIN="$ROOT/.build/release/atelier"
    fi
    [[ -x "$ATELIER_BIN" ]] || die "$ATELIER_BIN is not an executable"
}

# new_data_dir: prints a fresh temporary data directory, removed on exit.
new_data_dir() {
    local dir
    dir="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
    DATA_DIRS+=("$dir")
    echo "$dir"
}

# start_server DATA_DIR [ARGS…]: `atelier serve` on $PORT with LOG_LEVEL=warning (logging every
# request would measure the logger); waits for /health.
start_server() {
    local data="$1"
    shift
    # Refuse to run if something already answers on the port: we would benchmark the wrong server.
    if curl -s -o /dev/null --max-time 2 "$BASE/health"; then
        die "something already listens on port $PORT; stop it or set BENCH_PORT"
    fi
    say "starting $ATELIER_BIN serve $* on port $PORT (data: $data)"
    env -u DATABASE_URL LOG_LEVEL=warning ATELIER_DATA_DIR="$data" ATELIER_PUBLIC_URL="$BASE" \
        "$ATELIER_BIN" serve --hostname 127.0.0.1 --port "$PORT" "$@" >>"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do   # up to 60 s: --demo seeds the database on first boot
        if curl -sf -o /dev/null --max-time 2 "$BASE/health"; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 50 "$OUT/server.log" >&2; die "the server exited during startup"; }
        sleep 0.2
    done
    tail -n 50 "$OUT/server.log" >&2
    die "the server did not answer /health within 60 s"
}

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        # Give it a moment to shut down cleanly, then insist.
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

# sign_in EMAIL PASSWORD: sets COOKIE to the session and CSRF cookies, as a browser sends them
# after the sign-in page (without atelier_csrf every response would mint a new token).
sign_in() {
    local email="$1" password="$2" jar="$OUT/cookies-$RANDOM.txt" page csrf status session csrf_cookie
    say "signing in as $email"
    page="$(curl -sf -c "$jar" -b "$jar" "$BASE/sign-in")" || die "GET /sign-in failed"
    # The hidden field <input ... name="_csrf" ... value="…">, attributes in any order; if it can't
    # be parsed, the atelier_csrf cookie holds the same value.
    csrf="$(grep -o '<input[^>]*name="_csrf"[^>]*>' <<<"$page" | head -n1 | sed -nE 's/.*value="([^"]*)".*/\1/p' || true)"
    [[ -n "$csrf" ]] || csrf="$(awk '$6 == "atelier_csrf" { print $7 }' "$jar")"
    [[ -n "$csrf" ]] || die "no _csrf field on /sign-in and no atelier_csrf cookie"
    status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "email=$email" \
        --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$BASE/sign-in")"
    [[ "$status" == 303 ]] || die "POST /sign-in answered $status, expected 303"
    # (curl writes HttpOnly cookies as "#HttpOnly_host ..." lines; the fields are the same.)
    session="$(awk '$6 == "atelier_session" { print $7 }' "$jar" | tail -n1)"
    [[ -n "$session" ]] || die "no atelier_session cookie after signing in"
    csrf_cookie="$(awk '$6 == "atelier_csrf" { print $7 }' "$jar")"
    COOKIE="Cookie: atelier_session=$session; atelier_csrf=$csrf_cookie"
}

# expect_page PATH TEXT: the signed-in page answers 200 and contains TEXT (so we never benchmark
# a redirect to /sign-in or an error page).
expect_page() {
    local file="$OUT/page-$RANDOM.html" status
    status="$(curl -s -o "$file" -w '%{http_code}' -H "$COOKIE" "$BASE$1")"
    [[ "$status" == 200 ]] || die "GET $1 with the session answered $status, expected 200"
    grep -q "$2" "$file" || die "GET $1 does not contain \"$2\""
}

# to_ms VALUE: wrk prints latencies as 812.00us, 1.23ms, 1.02s or 1.5m.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# run_wrk NAME PATH [HEADER] [SCRIPT]: one wrk run (SCRIPT: a wrk Lua script making the
# requests); prints "req/s p50_ms p99_ms failed_requests".
run_wrk() {
    local name="$1" path="$2" file
    shift 2
    file="$OUT/wrk-$name-$RANDOM.txt"
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)
    if (($# > 0)) && [[ -n "$1" ]]; then args+=(-H "$1"); fi
    if (($# > 1)) && [[ -n "$2" ]]; then args+=(-s "$2"); fi
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

# measure LABEL… : for each "label|path|header[|script]" argument (header may be empty), ROUNDS rounds
# alternating between them, so a slow drift of the machine hits all equally. Prints one table row
# per label: "label req/s p50 p99" (medians), and adds failed requests to ERRORS.
ERRORS=0
measure() {
    local -A rps p50 p99
    local spec label path header script result r a b c bad
    for round in $(seq 1 "$ROUNDS"); do
        export BENCH_ROUND="$round"   # scripts that use up what they load take a fresh share each round
        for spec in "$@"; do
            IFS='|' read -r label path header script <<<"$spec"
            # (Not `read < <(run_wrk …)`: a failure inside a process substitution would go unnoticed.)
            result="$(run_wrk "$label" "$path" "$header" "$script")"
            read -r a b c bad <<<"$result"
            rps[$label]+="$a "; p50[$label]+="$b "; p99[$label]+="$c "
            ERRORS=$((ERRORS + bad))
            printf '  round %s  %-10s %10s req/s  p50 %8s ms  p99 %8s ms\n' "$round" "$label" "$a" "$b" "$c" >&2
        done
    done
    for spec in "$@"; do
        IFS='|' read -r label path header <<<"$spec"
        # shellcheck disable=SC2086 # the lists are space-separated numbers
        echo "$label $(median ${rps[$label]}) $(median ${p50[$label]}) $(median ${p99[$label]})"
    done
}

# endpoint_table ROWS: the markdown table of measure's rows, each against /health (the "health" row).
endpoint_table() {
    local rows="$1" health label rps p50 p99 ratio
    echo "| endpoint | req/s | p50 (ms) | p99 (ms) | ÷ /health |"
    echo "|---|---:|---:|---:|---:|"
    health="$(awk '$1 == "health" { print $2 }' <<<"$rows")"
    while read -r label rps p50 p99; do
        ratio="$(awk -v a="$rps" -v b="$health" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
        echo "| \`$label\` | $rps | $p50 | $p99 | $ratio |"
    done <<<"$rows"
}

check_errors() {
    if ((ERRORS > 0)); then
        printf '\033[31m%s failed requests (non-2xx/3xx or socket errors) during the runs: the figures are not valid (see %s)\033[0m\n' "$ERRORS" "$OUT" >&2
        exit 1
    fi
    echo "raw outputs: $OUT"
}
