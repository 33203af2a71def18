#!/usr/bin/env bash
# Benchmark Strata against psql (the limit) on a private PostgreSQL server.
#
#   benchmarks/run.sh [-n 1000] [--rounds 5] [--psql-only] [--out FILE] [--strata BIN]
#
# 1. generates the corpus with ../shared/bench/gen_corpus.py into a temporary directory (never committed);
# 2. starts its own PostgreSQL (newest /usr/lib/postgresql/*/bin, default settings, fsync on), listening on a
#    Unix socket only, and stops it on exit;
# 3. runs benchmarks/bench.py, which interleaves psql and strata rounds on fresh databases, verifies the schema
#    strata leaves, and writes medians and paired ratios to BENCHMARKS.md (between its result markers).
#
# Environment: STRATA_SHARED (default: <repo>/../shared), STRATA_PG_BIN (server binaries folder),
# STRATA_BIN (the strata binary; default .build/release/strata, else .build/debug/strata).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/.." && pwd))"
shared="${STRATA_SHARED:-$root/../shared}"

count=1000
rounds=5
psql_only=0
out="$root/BENCHMARKS.md"
strata="${STRATA_BIN:-}"

usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        -n) count="${2:?-n needs a number}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
        --psql-only) psql_only=1; shift ;;
        --out) out="${2:?--out needs a path}"; shift 2 ;;
        --strata) strata="${2:?--strata needs a path}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage ;;
    esac
done

if [ "$psql_only" = 0 ] && [ -z "$strata" ]; then
    if [ -x "$root/.build/release/strata" ]; then
        strata="$root/.build/release/strata"
    elif [ -x "$root/.build/debug/strata" ]; then
        strata="$root/.build/debug/strata"
        echo "run.sh: warning: no release build, using the DEBUG binary $strata" >&2
    else
        echo "run.sh: no strata binary (build it: swift build -c release --product strata), or pass --psql-only" >&2
        exit 2
    fi
fi

pg_bin="${STRATA_PG_BIN:-}"
if [ -z "$pg_bin" ]; then
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
    echo "run.sh: PostgreSQL server binaries not found (install the postgresql package or set STRATA_PG_BIN)" >&2
    exit 2
fi
[ -f "$shared/bench/gen_corpus.py" ] || { echo "run.sh: $shared/bench/gen_corpus.py not found (set STRATA_SHARED)" >&2; exit 2; }

# A short path keeps the socket (<dir>/.s.PGSQL.5432) well under the 107-byte limit.
work="$(mktemp -d /tmp/sb.XXXXXX)"
data="$work/data"
sock="$work/s"
log="$work/server.log"
started=0
helper=""

# As root the server runs as the postgres OS user; otherwise as the current user.
as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$helper" ]; then kill "$helper" 2>/dev/null || true; wait "$helper" 2>/dev/null || true; fi
    if [ "$started" = 1 ]; then
        as_server "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
        if [ -f "$data/postmaster.pid" ]; then
            # pg_ctl could not stop it: kill the postmaster we started, by its pid.
            pid="$(head -1 "$data/postmaster.pid" 2>/dev/null || true)"
            [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "run.sh: generating $count migrations" >&2
python3 "$shared/bench/gen_corpus.py" -n "$count" --out "$work/corpus" >&2

mkdir -p "$data" "$sock"
chmod 711 "$work"
if [ "$(id -u)" = 0 ]; then chown postgres: "$data" "$sock"; fi

echo "run.sh: starting PostgreSQL from $pg_bin in $work" >&2
as_server "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
touch "$log"
if [ "$(id -u)" = 0 ]; then chown postgres: "$log"; fi
started=1
as_server "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$sock' -p 5432" start >/dev/null

args=(--pg-bin "$pg_bin" --socket-dir "$sock" --server-log "$log" --corpus "$work/corpus"
      -n "$count" --rounds "$rounds" --out "$out" --shared "$shared" --root "$root")
if [ "$psql_only" = 0 ]; then args+=(--strata "$strata"); fi
# In the background so that a signal to this script is handled at once (bash defers traps during a foreground
# child); the EXIT trap then ends the helper and the server.
python3 "$here/bench.py" "${args[@]}" &
helper=$!
wait "$helper"
