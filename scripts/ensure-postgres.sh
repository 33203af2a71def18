#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries (initdb, pg_ctl, postgres) are on this machine.
# Strata finds them itself (STRATA_PG_BIN, pg_config --bindir, PATH, /usr/lib/postgresql/*/bin, pip's pgserver).
set -euo pipefail
have_server() {
  [ -n "${STRATA_PG_BIN:-}" ] && [ -x "${STRATA_PG_BIN}/initdb" ] && return 0
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  return 1
}
if have_server; then exit 0; fi
echo "PostgreSQL server binaries not found: installing Debian's postgresql package" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql postgresql-contrib >/dev/null
have_server || { echo "PostgreSQL server binaries are still missing after apt-get install" >&2; exit 1; }
