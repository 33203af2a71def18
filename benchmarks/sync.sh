#!/usr/bin/env bash
# Sync benchmarks on one private PostgreSQL (Strata's embedded server in a temporary project), same run, same server:
#
#   benchmarks/sync.sh [-n ROWS] [-T LOAD_SECONDS] [--batch-size N] [--only copy|load] [--strata BIN]
#
#   1. copy: `strata sync start` of one table pair of ROWS rows (old → new with an added constant column) vs one
#      `INSERT INTO new SELECT …, 'repair' FROM old` (psql), each on a fresh copy of the same tables; prints rows/s
#      and the ratio (goal >= 0.60);
#   2. load: pgbench (4 clients, one-statement transactions on the OLD name: insert / update / delete, --log per
#      transaction) writes during start → verify → cutover (and a few seconds through the view); complete runs
#      once the load has ended (it drops the view, so writers must have moved to the new name). Prints the writes
#      done and failed, the rows lost (the script's own EXCEPT both ways, archive vs new, plus every insert
#      acknowledged to pgbench looked up in the new table), and the longest write latency of the transactions
#      that overlap each phase, the cutover among them (goal <= 1 s).
# Environment: STRATA_BIN (default .build/release/strata, else .build/debug/strata).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows=1000000
strata="${STRATA_BIN:-}"
only=""
load_seconds=""
batch=""
while [ $# -gt 0 ]; do
    case "$1" in
        -n) rows="${2:?-n needs a number}"; shift 2 ;;
        -T) load_seconds="${2:?-T needs seconds}"; shift 2 ;;
        --batch-size) batch="${2:?--batch-size needs a number}"; shift 2 ;;
        --strata) strata="${2:?--strata needs a path}"; shift 2 ;;
        --only) only="${2:?--only needs copy or load}"; shift 2 ;;
        *) sed -n '4p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
    esac
done
if [ -z "$strata" ]; then
    if [ -x "$root/.build/release/strata" ]; then strata="$root/.build/release/strata"; else strata="$root/.build/debug/strata"; fi
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
psql_bin="$pg_bin/psql"; pgbench_bin="$pg_bin/pgbench"
[ -x "$psql_bin" ] || psql_bin="$(command -v psql)"
[ -x "$pgbench_bin" ] || pgbench_bin="$(command -v pgbench)"

work="$(mktemp -d /tmp/strata-sync-bench.XXXXXX)"
load_pid=""
cleanup() {
    if [ -n "$load_pid" ] && kill -0 "$load_pid" 2>/dev/null; then kill "$load_pid" 2>/dev/null || true; wait "$load_pid" 2>/dev/null || true; fi
    (cd "$work" && "$strata" dev stop >/dev/null 2>&1) || true
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
"$strata" dev start >/dev/null
url="$("$strata" dev url 2>/dev/null)"
export PGOPTIONS="-c client_min_messages=warning"
sql() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }
val() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 "$url" -c "$1"; }
now() { date +%s.%N; }
batch_flag=(); [ -n "$batch" ] && batch_flag=(--batch-size "$batch")
sync() { "$strata" sync "$@" --database-url "$url" --no-color; }

mkdir -p db/syncs
cat > db/syncs/bench.toml <<'TOML'
[[table]]
from = "public.bench_old"
to = "public.bench_new"
[table.columns]
vertical_id = "'repair'"
TOML

fresh_tables() {
    sql -c "DROP VIEW IF EXISTS bench_old" 2>/dev/null || true
    sql -c "DROP TABLE IF EXISTS bench_new, bench_old, load_ledger; DROP SCHEMA IF EXISTS strata CASCADE; DROP SCHEMA IF EXISTS strata_archive CASCADE"
    sql -c "CREATE TABLE bench_old (id bigserial PRIMARY KEY, a integer NOT NULL, b text, updated_at timestamptz NOT NULL DEFAULT now())"
    sql -c "INSERT INTO bench_old SELECT g, g % 1000, md5(g::text), timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, $rows) g"
    sql -c "SELECT setval('bench_old_id_seq', $rows)" >/dev/null
    sql -c "CREATE TABLE bench_new (LIKE bench_old INCLUDING ALL, vertical_id text NOT NULL)"
    sql -c "VACUUM ANALYZE bench_old" -c "CHECKPOINT"
}

echo "rows: $rows; strata: $strata; pgbench: $pgbench_bin; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_s=""
if [ "$only" != load ]; then
    fresh_tables
    t0=$(now); sql -c "INSERT INTO bench_new SELECT *, 'repair' FROM bench_old"; t1=$(now)
    insert_s=$(echo "$t1 - $t0" | bc -l)
    fresh_tables
    t0=$(now); sync start bench "${batch_flag[@]}" --quiet; t1=$(now)
    start_s=$(echo "$t1 - $t0" | bc -l)
    copied=$(val "SELECT count(*) FROM bench_new")
    printf 'copy: INSERT … SELECT %.2f s (%.0f rows/s); strata sync start %.2f s (%.0f rows/s, batch %s, %s rows in the new table); ratio %.2f\n' \
        "$insert_s" "$(echo "$rows / $insert_s" | bc -l)" "$start_s" "$(echo "$rows / $start_s" | bc -l)" \
        "${batch:-5000 (default)}" "$copied" "$(echo "$insert_s / $start_s" | bc -l)"
    [ "$copied" = "$rows" ] || { echo "copy: expected $rows rows in bench_new, found $copied" >&2; exit 1; }
fi
[ "$only" = copy ] && exit 0

# Load: three one-statement scripts on the old name (a table, then a view after cut-over).
cat > insert.sql <<'SQL'
\set a random(1, 1000)
WITH i AS (INSERT INTO bench_old (a, b) VALUES (:a, 'load') RETURNING id) INSERT INTO load_ledger SELECT id FROM i;
SQL
cat > update.sql <<SQL
\set id random(1, $rows)
UPDATE bench_old SET a = a + 1, updated_at = now() WHERE id = :id;
SQL
cat > delete.sql <<SQL
\set id random(1, $rows)
DELETE FROM bench_old WHERE id = :id;
SQL
if [ -z "$load_seconds" ]; then
    # Long enough for start, verify and cutover under load: 4× the unloaded copy, plus 30 s.
    load_seconds=$(printf '%.0f' "$(echo "${start_s:-$((rows / 20000))} * 4 + 30" | bc -l)")
fi
fresh_tables
sql -c "CREATE TABLE load_ledger (id bigint PRIMARY KEY)"
echo "load: pgbench -n -c 4 -j 2 -T $load_seconds --log -f insert.sql -f update.sql -f delete.sql (one statement per transaction)"
"$pgbench_bin" -n -c 4 -j 2 -T "$load_seconds" --log --log-prefix="$work/tx" \
    -f insert.sql -f update.sql -f delete.sql "$url" >pgbench.out 2>pgbench.err &
load_pid=$!
sleep 3
p0=$(now); sync start bench "${batch_flag[@]}" --quiet
p1=$(now); verify_out="$(sync verify bench)" || { echo "$verify_out"; echo "verify under load failed" >&2; exit 1; }
echo "$verify_out"
p2=$(now); cut_out="$(sync cutover bench)"
p3=$(now); echo "$cut_out"
kill -0 "$load_pid" 2>/dev/null || { echo "the load ended before cut-over finished; rerun with a larger -T" >&2; exit 1; }
sleep 5
kill -0 "$load_pid" 2>/dev/null || { echo "the load ended too soon after cut-over; rerun with a larger -T" >&2; exit 1; }
load_status=0
wait "$load_pid" || load_status=$?
load_pid=""
p4=$(now)
sync verify bench >/dev/null || { echo "verify after the load (archive vs new) found differences" >&2; }
complete_out="$(sync complete bench --confirm)"
echo "$complete_out"

processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' pgbench.out)
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' pgbench.out)
aborted=$(grep -c 'aborted' pgbench.err || true)
cols="id, a, b, updated_at"
only_old=$(val "SELECT count(*) FROM (SELECT $cols FROM strata_archive.public__bench_old EXCEPT SELECT $cols FROM bench_new) d")
only_new=$(val "SELECT count(*) FROM (SELECT $cols FROM bench_new EXCEPT SELECT $cols FROM strata_archive.public__bench_old) d")
ledger=$(val "SELECT count(*) FROM load_ledger")
missing=$(val "SELECT count(*) FROM load_ledger l WHERE NOT EXISTS (SELECT 1 FROM bench_new n WHERE n.id = l.id)")
n_new=$(val "SELECT count(*) FROM bench_new")
cat tx.* > tx.all
# pgbench --log line: client tx_no latency_us script_no epoch_s epoch_us. A transaction overlaps a window when it
# ended after the window began and began before the window ended.
stall() {
    awk -v a="$1" -v b="$2" '{ e = $5 + $6 / 1e6; s = e - $3 / 1e6; if (e >= a && s <= b && $3 > m) m = $3; if (e >= a && s <= b) n++ }
        END { printf "%.0f ms (%d transactions)", m / 1000, n }' tx.all
}
echo "writes: $processed transactions in $load_seconds s (pgbench exit $load_status), failed: ${failed:-?}, clients aborted: $aborted"
grep -v '^progress' pgbench.err | head -5 || true
echo "rows: $n_new in the new table; only in the archive: $only_old, only in the new table: $only_new; inserts acknowledged: $ledger, missing from the new table: $missing"
echo "longest write latency (pgbench --log, per transaction, overlapping the phase):"
echo "  start (triggers + copy, $(printf '%.1f' "$(echo "$p1 - $p0" | bc -l)") s): $(stall "$p0" "$p1")"
echo "  verify ($(printf '%.1f' "$(echo "$p2 - $p1" | bc -l)") s): $(stall "$p1" "$p2")"
echo "  cutover command ($(printf '%.2f' "$(echo "$p3 - $p2" | bc -l)") s, process start to exit): $(stall "$p2" "$p3")"
echo "  through the view after cut-over: $(stall "$p3" "$p4")"
echo "  whole run: $(stall 0 9999999999)"
