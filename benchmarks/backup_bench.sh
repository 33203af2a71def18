#!/usr/bin/env bash
# strata backup / restore against pg_dump -Fc / pg_restore alone, and strata docs and strata diff on a 500-table
# schema (diff against the time of applying the same folder to an empty database).
#   benchmarks/backup_bench.sh [ROWS] [ROUNDS]      (defaults: 3000000 rows, 3 rounds)
#   ONLY=schema benchmarks/backup_bench.sh 1 3      (the 500-table part only)
# Runs in a temporary project on Strata's embedded server (STRATA_BIN, default .build/debug/strata); prints a
# Markdown table. Each round alternates which tool goes first; medians are reported.
set -euo pipefail
rows=${1:-3000000}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
strata=${STRATA_BIN:-$root/.build/debug/strata}
major=$(ls /usr/lib/postgresql | sort -n | tail -1)
bin=/usr/lib/postgresql/$major/bin
work=$(mktemp -d /tmp/strata-backup-bench-XXXXXX)
trap '(cd "$work" && "$strata" dev stop >/dev/null 2>&1); rm -rf "$work"' EXIT
cd "$work"
mkdir -p db/migrations
cat > db/migrations/1_big.sql <<SQL
-- strata:up
CREATE TABLE big (id bigint PRIMARY KEY, a text, b text, created_at timestamptz);
INSERT INTO big SELECT g, md5(g::text), md5((g * 7)::text), now() FROM generate_series(1, $rows) g;
-- strata:down
DROP TABLE big;
SQL
"$strata" migrate --no-lint --statement-timeout 0 >/dev/null
url=$("$strata" dev url)
host=$(echo "$url" | sed -E 's/.*host=([^&]*).*/\1/')
size=$("$bin/psql" "$url" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
if [ "${ONLY:-}" != schema ]; then
: > dump.t; : > backup.t; : > restore.t; : > srestore.t
for round in $(seq 1 "$rounds"); do
  rm -f plain.dump strata.dump strata.manifest.json
  for job in $( [ $((round % 2)) -eq 1 ] && echo "dump backup" || echo "backup dump" ); do
    start=$(now)
    if [ "$job" = dump ]; then
      PGHOST=$(echo "$url" | sed -E 's/.*host=([^&]*).*/\1/') "$bin/pg_dump" -U postgres -d strata_dev --format=custom --file=plain.dump
    else
      "$strata" backup --out strata.dump --quiet
    fi
    echo "$(now) - $start" | bc >> "$job.t"
  done
  host=$(echo "$url" | sed -E 's/.*host=([^&]*).*/\1/')
  for job in restore srestore; do
    start=$(now)
    if [ "$job" = restore ]; then
      "$bin/createdb" -h "$host" -U postgres "r_plain_$round"
      "$bin/pg_restore" -h "$host" -U postgres -d "r_plain_$round" --exit-on-error --single-transaction plain.dump
    else
      "$strata" restore strata.dump --into "r_strata_$round" --quiet
    fi
    echo "$(now) - $start" | bc >> "$job.t"
  done
done
dumpsize=$(du -h strata.dump | cut -f1)
echo "| run ($rows rows, database $size, dump $dumpsize) | median of $rounds |"
echo "|---|---:|"
echo "| \`pg_dump -Fc\` alone | $(median < dump.t | xargs printf "%.2f") s |"
echo "| \`strata backup\` (pg_dump -Fc + SHA-256 + manifest) | $(median < backup.t | xargs printf "%.2f") s |"
echo "| \`createdb\` + \`pg_restore --single-transaction\` alone | $(median < restore.t | xargs printf "%.2f") s |"
echo "| \`strata restore --into\` (checksum + create + pg_restore + history check) | $(median < srestore.t | xargs printf "%.2f") s |"
fi

# strata docs on a 500-table schema (each table with a foreign key to the previous one and an index).
mkdir -p docs500/db/migrations
{
  echo "-- strata:up"
  for i in $(seq 1 500); do
    ref=""; [ "$i" -gt 1 ] && ref=", parent_id bigint REFERENCES t$((i - 1)) (id)"
    echo "CREATE TABLE t$i (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '', created_at timestamptz DEFAULT now()$ref);"
    echo "CREATE INDEX t${i}_name ON t$i (name);"
  done
  echo "-- strata:down"
  echo "SELECT 1;"
} > docs500/db/migrations/1_many.sql
"$bin/createdb" -h "$host" -U postgres docs500
docs_url="postgres://postgres@/docs500?host=$host"
(cd docs500 && "$strata" migrate --no-lint --database-url "$docs_url" >/dev/null)
: > docs.t
for round in $(seq 1 "$rounds"); do
  rm -rf docs500/docs
  start=$(now)
  (cd docs500 && "$strata" docs --quiet --database-url "$docs_url")
  echo "$(now) - $start" | bc >> docs.t
done
echo "| \`strata docs\` on 500 tables (500 FKs, 1,000 indexes, Graphviz SVG included) | $(median < docs.t | xargs printf "%.2f") s |"

# strata diff on the same schema: the folder applied to a throw-away shadow, both dumped and compared, against the
# time of applying the folder alone to an empty database (the issue's goal: diff under 2x that).
: > diff.t; : > apply.t
for round in $(seq 1 "$rounds"); do
  "$bin/createdb" -h "$host" -U postgres "apply500_$round"
  "$bin/createdb" -h "$host" -U postgres "shadow500_$round"
  start=$(now)
  (cd docs500 && "$strata" migrate --no-lint --quiet --database-url "postgres://postgres@/apply500_$round?host=$host")
  echo "$(now) - $start" | bc >> apply.t
  start=$(now)
  (cd docs500 && "$strata" diff --quiet --shadow-url "postgres://postgres@/shadow500_$round?host=$host" --database-url "$docs_url")
  echo "$(now) - $start" | bc >> diff.t
done
apply=$(median < apply.t); diff=$(median < diff.t)
echo "| \`strata migrate\` of the 500-table folder into an empty database | $(printf "%.2f" "$apply") s |"
echo "| \`strata diff\` on 500 tables (shadow built, both dumped, compared) | $(printf "%.2f" "$diff") s ($(echo "$diff / $apply" | bc -l | xargs printf "%.2f")x the apply) |"
