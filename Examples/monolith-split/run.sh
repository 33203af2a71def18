#!/usr/bin/env bash
# The monolith split end to end, under load, on Strata's embedded PostgreSQL in a temporary copy of this folder:
#
#   Examples/monolith-split/run.sh [--abort] [--atomic] [-T SECONDS] [--strata BIN]
#
#   strata migrate (8 tables in public, 210,000 rows, the empty horizontal / vertical_repair tables), then
#   pgbench writes to the OLD names (load.sql: inserts, updates, deletes; 4 clients) during
#   sync start → verify → cutover → verify, then complete --confirm once the load has stopped (complete drops
#   the views with the old names). With --abort: start → verify → cutover → verify → abort while the load runs.
#   With --atomic: `sync cutover --atomic` (every table in one transaction) instead of one transaction per table.
#   Then its own checks: pgbench's failed transactions are 0 and no client aborted, every insert the load made
#   (load_ledger) is there, and (complete) each archived old table equals its new table with EXCEPT both ways,
#   or (abort) the old tables are plain tables again with every row, the new ones empty, no trigger or view left.
# Exits non-zero on any failure. Environment: STRATA_BIN (default .build/release/strata, else .build/debug/strata).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
strata="${STRATA_BIN:-}"
mode=complete
cutover_flags=()
seconds=45
while [ $# -gt 0 ]; do
    case "$1" in
        --abort) mode=abort; shift ;;
        --atomic) cutover_flags=(--atomic); shift ;;
        -T) seconds="${2:?-T needs seconds}"; shift 2 ;;
        --strata) strata="${2:?--strata needs a path}"; shift 2 ;;
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

work="$(mktemp -d /tmp/strata-monolith-split.XXXXXX)"
load_pid=""
cleanup() {
    if [ -n "$load_pid" ] && kill -0 "$load_pid" 2>/dev/null; then kill "$load_pid" 2>/dev/null || true; wait "$load_pid" 2>/dev/null || true; fi
    (cd "$work" && "$strata" dev stop >/dev/null 2>&1) || true
    rm -rf "$work"
}
trap cleanup EXIT
cp -R "$here/db" "$here/load.sql" "$work/"
cd "$work"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
step() { printf '\n== %s (t=%ss)\n' "$*" "$SECONDS"; }
sql() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }
val() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 "$url" -c "$1"; }
sync() { "$strata" sync "$@" --database-url "$url" --no-color; }
load_running() { [ -n "$load_pid" ] && kill -0 "$load_pid" 2>/dev/null; }

# old table, new table
pairs=(
    "clients horizontal.leads"
    "contacts horizontal.contacts"
    "requests horizontal.requests"
    "comments horizontal.comments"
    "tags horizontal.tags"
    "orders vertical_repair.orders"
    "order_items vertical_repair.order_items"
    "payments vertical_repair.payments"
)

echo "mode: $mode${cutover_flags:+ (cutover --atomic)}; load: $seconds s; strata: $strata; pgbench: $pgbench_bin; work: $work"
"$strata" dev start >/dev/null
url="$("$strata" dev url 2>/dev/null)"

step "strata migrate"
"$strata" migrate --database-url "$url" --no-color
sql -c "CREATE TABLE load_ledger (tbl text NOT NULL, id bigint NOT NULL, PRIMARY KEY (tbl, id))"
val "SELECT 'rows in public before: ' || (SELECT count(*) FROM clients) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM requests)
     + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM payments)
     + (SELECT count(*) FROM comments) + (SELECT count(*) FROM tags)"

step "strata sync plan split"
sync plan split

step "load: pgbench -n -c 4 -j 2 -T $seconds -P 5 --failures-detailed --verbose-errors -f load.sql"
"$pgbench_bin" -n -c 4 -j 2 -T "$seconds" -P 5 --failures-detailed --verbose-errors -f load.sql "$url" >pgbench.out 2>pgbench.err &
load_pid=$!
sleep 3

step "strata sync start split"
sync start split
step "strata sync verify split"
sync verify split
sleep 3
load_running || { fail "the load ended before cut-over; run with a larger -T"; exit 1; }

step "strata sync cutover split ${cutover_flags[*]:-}"
sync cutover split "${cutover_flags[@]}"
val "SELECT 'old names now: ' || string_agg(c.relname || '=' || CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, ' ' ORDER BY c.relname)
     FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v') AND c.relname <> 'load_ledger'"
sleep 5
step "strata sync verify split (archive vs new, after cut-over)"
sync verify split
load_running || { fail "the load ended before the verify after cut-over finished; run with a larger -T"; exit 1; }

if [ "$mode" = abort ]; then
    step "strata sync abort split (load still writing)"
    sync abort split
    sleep 3
    load_running || fail "the load ended before abort finished: abort did not run under load; run with a larger -T"
fi

step "waiting for the load to end"
load_status=0
wait "$load_pid" || load_status=$?
load_pid=""
cat pgbench.out
cat pgbench.err
processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' pgbench.out)"
failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' pgbench.out)"
[ "$load_status" = 0 ] || fail "pgbench exited with $load_status"
grep -q 'aborted' pgbench.err && fail "a pgbench client aborted: $(grep aborted pgbench.err | head -3)"
[ "${failed:-x}" = 0 ] && ok "pgbench: ${processed:-?} transactions (script runs), 0 failed" || fail "pgbench failed transactions: ${failed:-not reported}"

if [ "$mode" = complete ]; then
    step "strata sync complete split --confirm"
    sync complete split --confirm
    sync status split
fi

step "checks"
ledger="$(val "SELECT count(*) FROM load_ledger")"
echo "load_ledger: $ledger inserts acknowledged to pgbench"
[ "$ledger" -gt 0 ] || fail "the load inserted nothing"
for pair in "${pairs[@]}"; do
    read -r old new <<<"$pair"
    archive="strata_archive.public__$old"
    if [ "$mode" = complete ]; then
        # The old table's columns, read from the new one (client_id is lead_id there).
        cols="$(val "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
                     WHERE table_schema = 'strata_archive' AND table_name = 'public__$old'")"
        newcols="$(echo "$cols" | sed 's/\bclient_id\b/lead_id AS client_id/')"
        only_old="$(val "SELECT count(*) FROM (SELECT $cols FROM $archive EXCEPT SELECT $newcols FROM $new) d")"
        only_new="$(val "SELECT count(*) FROM (SELECT $newcols FROM $new EXCEPT SELECT $cols FROM $archive) d")"
        n_old="$(val "SELECT count(*) FROM $archive")"; n_new="$(val "SELECT count(*) FROM $new")"
        missing="$(val "SELECT count(*) FROM load_ledger l WHERE l.tbl = '$old' AND NOT EXISTS (SELECT 1 FROM $new t WHERE t.id = l.id)")"
        line="$old → $new: archive $n_old rows, new $n_new rows, only in archive $only_old, only in new $only_new, ledger inserts missing $missing"
        if [ "$only_old" = 0 ] && [ "$only_new" = 0 ] && [ "$n_old" = "$n_new" ] && [ "$missing" = 0 ]; then ok "$line"; else fail "$line"; fi
        if val "SELECT 1 FROM information_schema.columns WHERE table_schema || '.' || table_name = '$new' AND column_name = 'vertical_id'" | grep -q 1; then
            bad="$(val "SELECT count(*) FROM $new WHERE vertical_id IS DISTINCT FROM 'repair'")"
            [ "$bad" = 0 ] && ok "$new.vertical_id = 'repair' on every row" || fail "$new: $bad rows with vertical_id <> 'repair'"
        fi
        kind="$(val "SELECT coalesce((SELECT relkind::text FROM pg_class WHERE oid = to_regclass('public.$old')), 'none')")"
        [ "$kind" = none ] && ok "public.$old is gone after complete" || fail "public.$old still exists (relkind $kind) after complete"
    else
        kind="$(val "SELECT coalesce((SELECT relkind::text FROM pg_class WHERE oid = to_regclass('public.$old')), 'none')")"
        left="$(val "SELECT coalesce(to_regclass('$archive')::text, 'none')")"
        n_old="$(val "SELECT count(*) FROM public.$old")"; n_new="$(val "SELECT count(*) FROM $new")"
        missing="$(val "SELECT count(*) FROM load_ledger l WHERE l.tbl = '$old' AND NOT EXISTS (SELECT 1 FROM public.$old t WHERE t.id = l.id)")"
        triggers="$(val "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (to_regclass('public.$old'), to_regclass('$new'))")"
        line="public.$old: relkind $kind, $n_old rows, ledger inserts missing $missing; archive $left; $new $n_new rows; $triggers triggers left"
        if [ "$kind" = r ] && [ "$left" = none ] && [ "$n_new" = 0 ] && [ "$missing" = 0 ] && [ "$triggers" = 0 ]; then ok "$line"; else fail "$line"; fi
    fi
done
if [ "$mode" = abort ]; then
    # Rows written through the views after cut-over are in the old tables again (ids beyond the demo data).
    after="$(val "SELECT count(*) FROM load_ledger l JOIN public.requests r ON r.id = l.id WHERE l.tbl = 'requests'")"
    ok "public.requests holds all $after requests the load inserted (before, during and after cut-over)"
    sql -c "INSERT INTO clients (tenant_id, name) VALUES (1, 'after abort')" && ok "public.clients takes a plain INSERT after abort"
fi
sync status split || true

echo
if [ "$failures" -gt 0 ]; then echo "monolith-split ($mode): $failures check(s) FAILED"; exit 1; fi
echo "monolith-split ($mode): all checks passed"
