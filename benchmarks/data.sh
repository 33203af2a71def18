#!/usr/bin/env bash
# Data benchmarks on one private PostgreSQL (Strata's embedded server in a temporary project), same run, same server:
#
#   benchmarks/data.sh [-n ROWS] [--only backfill|import] [--strata BIN]
#
#   1. backfill: `strata backfill` of ROWS rows (SET b = a * 2, 200 ms batches) vs one `UPDATE` of the whole table
#      (psql), each on a fresh copy of the same table; prints rows/s, the ratio, and the longest batch;
#   2. import: `strata import` of ROWS JSON Lines rows vs `psql \copy` of the same rows as CSV; prints rows/s and
#      the ratio.
# Environment: STRATA_BIN (default .build/release/strata, else .build/debug/strata), STRATA_PG_BIN.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows=1000000
strata="${STRATA_BIN:-}"
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        -n) rows="${2:?-n needs a number}"; shift 2 ;;
        --strata) strata="${2:?--strata needs a path}"; shift 2 ;;
        --only) only="${2:?--only needs backfill or import}"; shift 2 ;;
        *) sed -n '4p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
    esac
done
if [ -z "$strata" ]; then
    if [ -x "$root/.build/release/strata" ]; then strata="$root/.build/release/strata"; else strata="$root/.build/debug/strata"; fi
fi
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
[ -x "$psql_bin" ] || psql_bin="$(command -v psql)"

work="$(mktemp -d /tmp/strata-data-bench.XXXXXX)"
cleanup() { (cd "$work" && "$strata" dev stop >/dev/null 2>&1) || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$strata" dev start >/dev/null
url="$("$strata" dev url 2>/dev/null)"
sql() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }
now() { date +%s.%N; }

fresh_table() {
    sql -c "DROP TABLE IF EXISTS bench; DROP SCHEMA IF EXISTS strata CASCADE" 2>/dev/null
    sql -c "CREATE TABLE bench (id bigint PRIMARY KEY, a integer NOT NULL, b integer)"
    sql -c "INSERT INTO bench SELECT g, g % 1000 FROM generate_series(1, $rows) g"
    sql -c "VACUUM ANALYZE bench"
}

echo "rows: $rows; strata: $strata; psql: $psql_bin"
if [ "$only" != import ]; then
fresh_table
t0=$(now); sql -c "UPDATE bench SET b = a * 2"; t1=$(now)
update_s=$(echo "$t1 - $t0" | bc -l)
fresh_table
t0=$(now); "$strata" backfill --table bench --set "b = a * 2" --database-url "$url" --quiet; t1=$(now)
backfill_s=$(echo "$t1 - $t0" | bc -l)
longest=$(sql -At -c "SELECT max(duration_ms) FROM strata.job_batches")
batches=$(sql -At -c "SELECT count(*) FROM strata.job_batches")
wrong=$(sql -At -c "SELECT count(*) FROM bench WHERE b IS DISTINCT FROM a * 2")
printf 'backfill: one UPDATE %.2f s (%.0f rows/s); strata backfill %.2f s (%.0f rows/s) in %s batches, longest %s ms, %s wrong rows; ratio %.2f\n' \
    "$update_s" "$(echo "$rows / $update_s" | bc -l)" "$backfill_s" "$(echo "$rows / $backfill_s" | bc -l)" \
    "$batches" "$longest" "$wrong" "$(echo "$update_s / $backfill_s" | bc -l)"

fi
[ "$only" = backfill ] && exit 0
sql -c "DROP TABLE IF EXISTS events_import" -c "CREATE TABLE events_import (id bigint PRIMARY KEY, user_id text NOT NULL, kind text, payload jsonb, created_at timestamptz)"
sql -At -c "SELECT json_build_object('id', g, 'userId', 'user:' || (g % 5000), 'kind', 'click', 'payload', json_build_object('x', g, 'tag', 'a\"b'), 'createdAt', timestamptz '2026-01-01' + g * interval '1 second') FROM generate_series(1, $rows) g" > events.jsonl
sql -At -c "COPY (SELECT g, 'user:' || (g % 5000), 'click', json_build_object('x', g, 'tag', 'a\"b'), timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, $rows) g) TO STDOUT WITH (FORMAT csv)" > events.csv
t0=$(now); sql -c "\\copy events_import FROM 'events.csv' WITH (FORMAT csv)"; t1=$(now)
copy_s=$(echo "$t1 - $t0" | bc -l)
sql -c "TRUNCATE events_import"
t0=$(now); "$strata" import events.jsonl --into events_import --database-url "$url" --quiet; t1=$(now)
import_s=$(echo "$t1 - $t0" | bc -l)
loaded=$(sql -At -c "SELECT count(*) FROM events_import")
printf 'import: psql \\copy CSV %.2f s (%.0f rows/s); strata import JSONL %.2f s (%.0f rows/s), %s rows loaded; ratio %.2f\n' \
    "$copy_s" "$(echo "$rows / $copy_s" | bc -l)" "$import_s" "$(echo "$rows / $import_s" | bc -l)" "$loaded" \
    "$(echo "$copy_s / $import_s" | bc -l)"
