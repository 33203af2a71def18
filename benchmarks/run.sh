#!/usr/bin/env bash
# Benchmark Strata against its peers and psql (the limit) on a private PostgreSQL server, in one run.
#
#   benchmarks/run.sh [-n 1000] [--rounds 5] [--scale] [--no-peers] [--no-lint] [--psql-only] [--out FILE] [--strata BIN]
#
# 1. generates the corpus with ../shared/bench/gen_corpus.py into a temporary directory (never committed);
# 2. starts its own PostgreSQL (newest /usr/lib/postgresql/*/bin, default settings, fsync on), listening on a
#    Unix socket only, and stops it on exit;
# 3. runs benchmarks/bench.py, which verifies once (untimed) that strata and each peer leave psql's schema and an
#    empty one after rolling back, then interleaves rounds of psql's limit, psql's tracked run, strata, the peers
#    (sql-migrate: /usr/bin/sql-migrate, apt; Alembic + psycopg2: pip, installed here if missing, best-effort) and
#    the lint pair (squawk, pip squawk-cli, against `strata lint`, via lint_bench.py), each job on a fresh database,
#    rotating the job order; a peer that is missing is skipped with a message;
# 4. with --scale (long, off by default) also times `strata migrate` on a corpus of 10 × N migrations, with its
#    peak memory;
# 5. writes medians, paired ratios and the goals of issue 15 to BENCHMARKS.md (between its result markers).
#
# Environment: STRATA_SHARED (default: <repo>/../shared), STRATA_PG_BIN (server binaries folder),
# STRATA_BIN (the strata binary; default .build/release/strata, else .build/debug/strata), SQL_MIGRATE_BIN
# (default: sql-migrate on PATH), SQUAWK_BIN (default: squawk on PATH, resolved past a pyenv shim), PYTHON (the
# python that runs Alembic; default: python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/.." && pwd))"
shared="${STRATA_SHARED:-$root/../shared}"

count=1000
rounds=5
psql_only=0
peers=1
lint=1
scale=0
out="$root/BENCHMARKS.md"
strata="${STRATA_BIN:-}"

usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        -n) count="${2:?-n needs a number}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
        --psql-only) psql_only=1; shift ;;
        --no-peers) peers=0; shift ;;
        --no-lint) lint=0; shift ;;
        --scale) scale=1; shift ;;
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

# The peers: each is optional; a missing one is skipped with a message (the report then says "not measured").
sql_migrate=""
alembic_python=""
squawk=""
if [ "$peers" = 1 ]; then
    sql_migrate="${SQL_MIGRATE_BIN:-$(command -v sql-migrate || true)}"
    if [ -z "$sql_migrate" ] || [ ! -x "$sql_migrate" ]; then
        echo "run.sh: sql-migrate not found, skipping it (apt-get install sql-migrate, or set SQL_MIGRATE_BIN)" >&2
        sql_migrate=""
    fi
    # The real interpreter, not a pyenv shim (its bash start-up would be timed too).
    python="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
    if [ -n "$python" ]; then
        if ! "$python" -c 'import alembic, psycopg2' 2>/dev/null; then
            echo "run.sh: installing alembic and psycopg2-binary for $python (pip, best-effort)" >&2
            "$python" -m pip install --quiet alembic psycopg2-binary >&2 || true
        fi
        if "$python" -c 'import alembic, psycopg2' 2>/dev/null; then
            alembic_python="$python"
        else
            echo "run.sh: Alembic or psycopg2 not importable by $python, skipping Alembic (pip install alembic psycopg2-binary)" >&2
        fi
    else
        echo "run.sh: no python3 for Alembic, skipping it" >&2
    fi
fi
if [ "$lint" = 1 ] && [ "$psql_only" = 0 ]; then
    squawk="${SQUAWK_BIN:-}"
    if [ -z "$squawk" ]; then
        if command -v pyenv >/dev/null 2>&1 && pyenv which squawk >/dev/null 2>&1; then
            squawk="$(pyenv which squawk)"
        else
            squawk="$(command -v squawk || true)"
        fi
    fi
    if [ -z "$squawk" ] || [ ! -x "$squawk" ]; then
        echo "run.sh: squawk not found, skipping the lint comparison (pip install squawk-cli, or set SQUAWK_BIN)" >&2
        squawk=""
    fi
fi

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
if [ "$psql_only" = 0 ]; then
    # Time a private copy: a build relinking the binary during the run would fail a round ("Text file busy").
    cp "$strata" "$work/strata"
fi

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
if [ "$psql_only" = 0 ]; then args+=(--strata "$work/strata" --strata-origin "$strata"); fi
if [ -n "$sql_migrate" ]; then args+=(--sql-migrate "$sql_migrate"); fi
if [ -n "$alembic_python" ]; then args+=(--alembic-python "$alembic_python"); fi
if [ -n "$squawk" ]; then args+=(--squawk "$squawk"); fi
if [ "$scale" = 1 ] && [ "$psql_only" = 0 ]; then args+=(--scale-dir "$work/corpus-scale"); fi
# In the background so that a signal to this script is handled at once (bash defers traps during a foreground
# child); the EXIT trap then ends the helper and the server.
python3 "$here/bench.py" "${args[@]}" &
helper=$!
wait "$helper"
