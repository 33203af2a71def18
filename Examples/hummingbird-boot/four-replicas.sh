#!/usr/bin/env bash
# Four replicas of BootApp booting at the same moment against one empty PostgreSQL:
#
#   Examples/hummingbird-boot/four-replicas.sh
#
#   1. builds the example (swift build, its own .build/ in this folder);
#   2. starts one PostgreSQL: Strata's embedded server (`strata dev start`) in a temporary folder;
#   3. starts 4 copies of BootApp at once, on 4 ports, with the same DATABASE_URL;
#   4. polls each GET /healthz until 200 (60 s in all), then checks GET /greetings on each;
#   5. checks with psql that each migration appears once in strata.schema_history, state applied, that
#      strata.events records one apply of it, and that the rows the migrations insert exist once;
#   6. stops the replicas with SIGTERM (each must exit 0), then the server. Exits 1 on any failure.
# Environment: STRATA_BIN (default <repo>/.build/debug/strata, else .build/release/strata), REPLICAS (4),
# BASE_PORT (18081), READY_TIMEOUT (60 seconds), KEEP_LOGS (set: keep the temporary folder with the replicas' logs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
replicas="${REPLICAS:-4}"
base_port="${BASE_PORT:-18081}"
ready_timeout="${READY_TIMEOUT:-60}"
strata="${STRATA_BIN:-}"
if [ -z "$strata" ]; then
    if [ -x "$root/.build/debug/strata" ]; then strata="$root/.build/debug/strata"; else strata="$root/.build/release/strata"; fi
fi
[ -x "$strata" ] || { echo "FAIL: no strata binary at $strata (swift build --product strata in $root, or set STRATA_BIN)" >&2; exit 1; }
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
[ -x "$psql_bin" ] || psql_bin="$(command -v psql)"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

work="$(mktemp -d /tmp/hummingbird-boot.XXXXXX)"
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    (cd "$work" && "$strata" dev stop >/dev/null 2>&1) || true
    if [ -n "${KEEP_LOGS:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
    exit "$status"
}
trap cleanup EXIT

echo "== build"
t0=$(date +%s)
swift build --package-path "$here" 2>&1 | tail -3
bin="$(swift build --package-path "$here" --show-bin-path)/BootApp"
[ -x "$bin" ] || { echo "FAIL: no binary at $bin"; exit 1; }
echo "built $bin in $(( $(date +%s) - t0 )) s"

echo "== database"
(cd "$work" && "$strata" dev start >/dev/null 2>"$work/dev-start.log") || { cat "$work/dev-start.log"; echo "FAIL: strata dev start"; exit 1; }
url="$(cd "$work" && "$strata" dev url 2>/dev/null)"
sql() { "$psql_bin" -X -q -At -v ON_ERROR_STOP=1 "$url" -c "$1"; }
echo "DATABASE_URL=$url"
echo "tables before: $(sql "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"

echo "== start $replicas replicas at once"
ports=()
for i in $(seq 1 "$replicas"); do
    port=$((base_port + i - 1))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "FAIL: port $port is in use"; exit 1; fi
    ports+=("$port")
done
start=$(date +%s.%N)
for i in $(seq 1 "$replicas"); do
    DATABASE_URL="$url" PORT="${ports[$((i - 1))]}" "$bin" >"$work/replica-$i.log" 2>&1 &
    pids+=($!)
done
echo "pids ${pids[*]} on ports ${ports[*]}"

echo "== readiness (GET /healthz until 200, ${ready_timeout} s)"
declare -A ready_after first_code
deadline=$(( $(date +%s) + ready_timeout ))
pending=$replicas
while [ "$pending" -gt 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do
    pending=0
    for i in $(seq 1 "$replicas"); do
        [ -n "${ready_after[$i]:-}" ] && continue
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:${ports[$((i - 1))]}/healthz" || true)
        [ -z "${first_code[$i]:-}" ] && [ "$code" != 000 ] && first_code[$i]=$code
        if [ "$code" = 200 ]; then
            ready_after[$i]=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc -l)")
        else
            pending=$((pending + 1))
            if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
                fail "replica $i exited before it was ready; its log:"; sed 's/^/    /' "$work/replica-$i.log"; exit 1
            fi
        fi
    done
    [ "$pending" -gt 0 ] && sleep 0.2
done
for i in $(seq 1 "$replicas"); do
    if [ -n "${ready_after[$i]:-}" ]; then
        pass "replica $i (port ${ports[$((i - 1))]}): /healthz 200 after ${ready_after[$i]} s (first answer ${first_code[$i]:-none})"
    else
        fail "replica $i (port ${ports[$((i - 1))]}): not ready after ${ready_timeout} s; its log:"; sed 's/^/    /' "$work/replica-$i.log"
    fi
done
[ "$failures" = 0 ] || exit 1

echo "== GET /greetings on each replica"
for i in $(seq 1 "$replicas"); do
    body=$(curl -s -m 5 -w '\n%{http_code}' "http://127.0.0.1:${ports[$((i - 1))]}/greetings" || true)
    code=${body##*$'\n'}; body=${body%$'\n'*}
    if [ "$code" = 200 ] && grep -q 'Hello from a migration applied on boot' <<<"$body" && grep -q '"language":"fr"' <<<"$body"; then
        pass "replica $i: 200 $body"
    else
        fail "replica $i: $code $body"
    fi
done

echo "== who applied what (from the replicas' logs)"
for i in $(seq 1 "$replicas"); do
    applied=$(grep -c ' applied [0-9]' "$work/replica-$i.log" || true)
    summary=$(grep -o 'migrations applied: .*' "$work/replica-$i.log" | head -1 || true)
    echo "replica $i: $applied migration(s) applied by this process; \"${summary:-no summary logged}\""
done

echo "== strata.schema_history (psql)"
sql "SELECT version, name, state, count(*) OVER (PARTITION BY version) AS rows_for_version FROM strata.schema_history ORDER BY version" | sed 's/^/    /'
migrations=0
for file in "$here"/Sources/BootApp/Migrations/*.sql; do
    name=$(basename "$file" .sql)
    version=${name%%_*}
    migrations=$((migrations + 1))
    rows=$(sql "SELECT count(*) FROM strata.schema_history WHERE version = '$version'")
    applied=$(sql "SELECT count(*) FROM strata.schema_history WHERE version = '$version' AND state = 'applied'")
    # schema_history is keyed by version, so also count the runs in strata.events (one row per apply attempt).
    runs=$(sql "SELECT count(*) FROM strata.events WHERE action = 'apply' AND version = '$version'")
    if [ "$rows" = 1 ] && [ "$applied" = 1 ] && [ "$runs" = 1 ]; then
        pass "$name: one history row, state applied, applied by one run"
    else
        fail "$name: $rows history row(s), $applied applied, $runs apply event(s)"
    fi
done
total=$(sql "SELECT count(*) FROM strata.schema_history")
[ "$total" = "$migrations" ] && pass "schema_history has $total rows for $migrations files" || fail "schema_history has $total rows for $migrations files"
greetings=$(sql "SELECT count(*) FROM greetings")
[ "$greetings" = 2 ] && pass "greetings has 2 rows (each INSERT ran once)" || fail "greetings has $greetings rows, expected 2"

echo "== graceful shutdown (SIGTERM; each replica must exit 0)"
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for _ in $(seq 150); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
done
for i in $(seq 1 "$replicas"); do
    pid=${pids[$((i - 1))]}
    if kill -0 "$pid" 2>/dev/null; then fail "replica $i still running 15 s after SIGTERM"; kill -KILL "$pid" 2>/dev/null || true; fi
    if wait "$pid"; then code=0; else code=$?; fi
    [ "$code" = 0 ] && pass "replica $i exited 0" || { fail "replica $i exited $code; its log:"; sed 's/^/    /' "$work/replica-$i.log"; }
done
pids=()

if [ "$failures" = 0 ]; then echo "PASS: $replicas replicas, $migrations migrations, each applied once"; else echo "FAILED: $failures check(s)"; exit 1; fi
