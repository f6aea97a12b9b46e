#!/usr/bin/env bash
# A throw-away PostgreSQL for the test suite: `.ci/postgres.sh start|stop|status|url`.
#
# `start` always begins from an empty cluster (initdb every time), so a previous run can never
# leak rows into this one. It creates the role `atelier` (password `atelier`) owning the database
# `atelier_test`, listening on 127.0.0.1:$ATELIER_PG_PORT (default 55432) only.
#
# PostgreSQL refuses to run as root, so the server runs as a dedicated unprivileged user.
set -euo pipefail

PG_PORT="${ATELIER_PG_PORT:-55432}"
PG_ROOT="${ATELIER_PG_ROOT:-/tmp/atelier-pg}"   # data dir, socket dir and log live here
PG_DATA="$PG_ROOT/data"
PG_LOG="$PG_ROOT/log"
PG_USER="atelierpg"                              # the OS user that owns and runs the cluster
DB_NAME="atelier_test"
DB_ROLE="atelier"
DB_PASSWORD="atelier"

log() { printf '[postgres.sh] %s\n' "$*" >&2; }

# Where initdb/pg_ctl live: the PostgreSQL 15 build in /usr/local/bin on our machines, otherwise
# Debian's versioned directory (installing the package if there is none at all).
# Debian's versioned server directories, newest first.
debian_bindirs() {
    local d
    for d in /usr/lib/postgresql/*/bin; do [[ -d "$d" ]] && echo "$d"; done | sort -V -r
}

find_bindir() {
    if [[ -n "${ATELIER_PG_BINDIR:-}" ]]; then   # explicit override, e.g. to try another version
        echo "$ATELIER_PG_BINDIR"; return
    fi
    if [[ -x /usr/local/bin/initdb && -x /usr/local/bin/pg_ctl ]]; then
        echo /usr/local/bin; return
    fi
    local candidate
    for candidate in $(debian_bindirs); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            echo "$candidate"; return
        fi
    done
    log "no PostgreSQL server binaries found; installing Debian's postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    # The Debian package starts its own cluster on 5432; we don't need it, and it must not
    # confuse anyone reading `ps`. Failing to stop it is harmless.
    service postgresql stop >/dev/null 2>&1 || true
    for candidate in $(debian_bindirs); do
        if [[ -x "$candidate/initdb" ]]; then echo "$candidate"; return; fi
    done
    log "still no initdb after installing postgresql"; exit 1
}

find_psql() {
    local bindir="$1"
    if [[ -x "$bindir/psql" ]]; then echo "$bindir/psql"
    elif command -v psql >/dev/null; then command -v psql
    else log "psql not found"; exit 1
    fi
}

# Run a PostgreSQL binary as the unprivileged user. `cd /` first: the caller's working directory
# (e.g. /root/...) is usually unreadable by that user, and pg_ctl warns or fails about it.
as_pg() { (cd / && runuser -u "$PG_USER" -- "$@"); }

is_running() {
    local bindir="$1"
    [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg "$bindir/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

port_in_use() {
    # bash's /dev/tcp: no dependency on ss/netstat/nc being installed.
    (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null
}

start() {
    local bindir psql
    bindir="$(find_bindir)"
    psql="$(find_psql "$bindir")"

    id -u "$PG_USER" >/dev/null 2>&1 || useradd -m "$PG_USER"

    if is_running "$bindir"; then
        log "a cluster is already running in $PG_DATA; stopping it to start from scratch"
        as_pg "$bindir/pg_ctl" -D "$PG_DATA" stop -m immediate -w >/dev/null || true
    fi
    # Another PostgreSQL (or anything) on our port would make pg_ctl fail with a message buried
    # in the log; say it plainly. Wait a little first in case a previous cluster is still exiting.
    local waited=0
    while port_in_use; do
        if ((waited >= 10)); then
            log "port $PG_PORT is already in use (set ATELIER_PG_PORT to use another):"
            ss -ltnp "sport = :$PG_PORT" >&2 2>/dev/null || true
            exit 1
        fi
        sleep 1; waited=$((waited + 1))
    done
    rm -rf "$PG_ROOT"
    mkdir -p "$PG_ROOT"
    chown "$PG_USER": "$PG_ROOT"
    chmod 700 "$PG_ROOT"

    log "initdb ($bindir) in $PG_DATA"
    # --auth=trust: local, throw-away, bound to 127.0.0.1 only. The role still gets a password
    # so the connection URL the tests use is the same one a real deployment would use.
    as_pg "$bindir/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
        || as_pg "$bindir/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null

    log "starting on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    # fsync off etc.: durability is pointless for a test cluster and costs seconds on every
    # migration. max_connections is raised because every test runs its own app with its own pool
    # and Swift Testing runs them in parallel: 200 ran out once the suite passed 350 tests.
    if ! as_pg "$bindir/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" >/dev/null; then
        log "PostgreSQL failed to start; its log follows"
        cat "$PG_LOG" >&2 || true
        exit 1
    fi

    "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres <<SQL
CREATE ROLE $DB_ROLE LOGIN PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB_NAME OWNER $DB_ROLE;
SQL
    # PostgreSQL 15 no longer lets everyone create in schema public; the owner of the database
    # must own the schema for migrations to create tables.
    "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB_NAME" \
        -c "ALTER SCHEMA public OWNER TO $DB_ROLE;"
    log "ready: $(url)"
}

stop() {
    local bindir
    # Don't install anything just to stop: without binaries there is nothing running.
    if [[ -n "${ATELIER_PG_BINDIR:-}" ]]; then bindir="$ATELIER_PG_BINDIR"
    elif [[ -x /usr/local/bin/pg_ctl ]]; then bindir=/usr/local/bin
    else bindir="$(debian_bindirs | head -n1)"; fi
    if [[ -n "${bindir:-}" ]] && id -u "$PG_USER" >/dev/null 2>&1 && is_running "$bindir"; then
        log "stopping"
        as_pg "$bindir/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 30 >/dev/null \
            || as_pg "$bindir/pg_ctl" -D "$PG_DATA" stop -m immediate -w >/dev/null || true
    else
        log "not running"
    fi
    # Keep the log (useful after a failure) but drop the data.
    rm -rf "$PG_DATA"
}

url() { echo "postgres://$DB_ROLE:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"; }

case "${1:-}" in
    start)  start ;;
    stop)   stop ;;
    status) if is_running "$(find_bindir)"; then echo "running: $(url)"; else echo "stopped"; exit 3; fi ;;
    url)    url ;;
    *)      echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
