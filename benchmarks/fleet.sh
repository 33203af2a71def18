#!/usr/bin/env bash
# strata fleet migrate on many databases, with --parallel 1, 2, 4 and 8: the speed-up curve, and the time per target
# against one plain `strata migrate` of the same folder, same server, same run.
#
#   benchmarks/fleet.sh [-t TARGETS] [-m MIGRATIONS] [-p 1,2,4,8] [--strata BIN]   (defaults: 200 targets, 50 migrations)
#
# A temporary project on Strata's embedded server; every target is a fresh database. Prints a Markdown table.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
targets=200
migrations=50
parallels="1,2,4,8"
strata="${STRATA_BIN:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        -t) targets="${2:?}"; shift 2 ;;
        -m) migrations="${2:?}"; shift 2 ;;
        -p) parallels="${2:?}"; shift 2 ;;
        --strata) strata="${2:?}"; shift 2 ;;
        *) sed -n '5p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
    esac
done
if [ -z "$strata" ]; then
    if [ -x "$root/.build/release/strata" ]; then strata="$root/.build/release/strata"; else strata="$root/.build/debug/strata"; fi
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
work="$(mktemp -d /tmp/strata-fleet-bench.XXXXXX)"
cleanup() { (cd "$work" && "$strata" dev stop >/dev/null 2>&1) || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$strata" dev start >/dev/null 2>&1
url="$("$strata" dev url 2>/dev/null)"
host=$(echo "$url" | sed -E 's/.*host=([^&]*).*/\1/')
mkdir -p db/migrations
for i in $(seq 1 "$migrations"); do
    printf -- "-- strata:up\nCREATE TABLE t%03d (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '');\nCREATE INDEX t%03d_name ON t%03d (name);\n-- strata:down\nDROP TABLE t%03d;\n" \
        "$i" "$i" "$i" "$i" > "db/migrations/$(printf %03d "$i")_t$i.sql"
done
now() { date +%s.%N; }
echo "rows: $targets targets x $migrations migrations; strata: $strata; $(nproc) cores" >&2

# One plain migrate of the folder into an empty database: the time per target without a fleet.
"$bin/createdb" -h "$host" -U postgres single
start=$(now)
"$strata" migrate --no-lint --quiet --database-url "postgres://postgres@/single?host=$host"
single=$(echo "$(now) - $start" | bc -l)

echo "| --parallel | wall time | targets/s | per target | speed-up vs --parallel 1 |"
echo "|---:|---:|---:|---:|---:|"
base=""
for parallel in ${parallels//,/ }; do
    : > fleet.toml
    for i in $(seq 1 "$targets"); do
        "$bin/createdb" -h "$host" -U postgres "f${parallel}_$i"
        printf '[[target]]\nname = "f%s_%s"\nurl = "postgres://postgres@/f%s_%s?host=%s"\n' "$parallel" "$i" "$parallel" "$i" "$host" >> fleet.toml
    done
    start=$(now)
    "$strata" fleet migrate --parallel "$parallel" --quiet >/dev/null
    wall=$(echo "$(now) - $start" | bc -l)
    [ -z "$base" ] && base=$wall
    printf '| %s | %.1f s | %.1f | %.0f ms | %.2fx |\n' "$parallel" "$wall" "$(echo "$targets / $wall" | bc -l)" \
        "$(echo "$wall * 1000 / $targets" | bc -l)" "$(echo "$base / $wall" | bc -l)"
    for i in $(seq 1 "$targets"); do "$bin/dropdb" -h "$host" -U postgres "f${parallel}_$i"; done
done
printf '\none plain `strata migrate` of the same %s migrations into an empty database: %.0f ms\n' "$migrations" "$(echo "$single * 1000" | bc -l)"
