#!/usr/bin/env bash
# Installs the other tools the integration tests drive as real processes, when missing (Debian packages):
#   pgbouncer            transaction pooling, for the table-lease lock strategy (strata migrate --lock-strategy table)
#   sql-migrate          writes a real gorp_migrations history for `strata adopt --from sql-migrate`
#   postgresql-NN-pgtap  pgTAP, so `strata test` runs pgTAP files too
#   graphviz             `dot`, so `strata docs` draws the SVG ER diagram of index.html
#   chromium             a headless browser that opens the generated index.html in a test
set -euo pipefail
missing=()
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
command -v sql-migrate >/dev/null 2>&1 || missing+=(sql-migrate)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
major=""
if command -v pg_config >/dev/null 2>&1; then major=$(pg_config --version | sed -E 's/[^0-9]*([0-9]+).*/\1/'); fi
[ -z "$major" ] && major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
if [ -n "$major" ] && ! ls /usr/share/postgresql/"$major"/extension/pgtap.control >/dev/null 2>&1; then
  missing+=("postgresql-$major-pgtap")
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing test tools: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
