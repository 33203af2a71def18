#!/usr/bin/env bash
# Benchmark `strata lint` against squawk (https://squawkhq.com, `pip install squawk-cli`) on the same corpus.
#
#   benchmarks/lint.sh [-n 1000] [--rounds 5] [--runs 3] [--no-write] [--out FILE] [--strata BIN] [--squawk BIN]
#
# 1. generates the corpus with ../shared/bench/gen_corpus.py into a temporary directory (never committed);
# 2. checks once, untimed, that both tools lint all N files (squawk: the plain up files `psql/up/*.sql`; strata:
#    the native folder `strata/db/migrations`, whose files hold the same up statements plus their down sections);
# 3. runs benchmarks/lint_bench.py: interleaved rounds (order alternated each round), each round timing both tools
#    with hyperfine when installed (else Python's clock), then writes files/second and the speed ratio to the
#    "## Lint: strata lint vs squawk" section of BENCHMARKS.md (appended the first time, then replaced between its
#    markers) and the raw samples to benchmarks/out/ (git-ignored).
# Both tools exit non-zero because the corpus has findings (squawk 1, strata 6): that is expected.
#
# Environment: STRATA_SHARED (default: <repo>/../shared), STRATA_BIN (default: .build/release/strata, else
# /tmp/strata-release/release/strata, else .build/debug/strata), SQUAWK_BIN (default: squawk on PATH, resolved past
# a pyenv shim, whose bash start-up would be timed too).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null || (cd "$here/.." && pwd))"
shared="${STRATA_SHARED:-$root/../shared}"

count=1000
rounds=5
runs=3
out="$root/BENCHMARKS.md"
write=1
strata="${STRATA_BIN:-}"
squawk="${SQUAWK_BIN:-}"

usage() { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        -n) count="${2:?-n needs a number}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --no-write) write=0; shift ;;
        --out) out="${2:?--out needs a path}"; shift 2 ;;
        --strata) strata="${2:?--strata needs a path}"; shift 2 ;;
        --squawk) squawk="${2:?--squawk needs a path}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "lint.sh: unknown argument: $1" >&2; usage ;;
    esac
done

if [ -z "$strata" ]; then
    for candidate in "$root/.build/release/strata" /tmp/strata-release/release/strata "$root/.build/debug/strata"; do
        if [ -x "$candidate" ]; then strata="$candidate"; break; fi
    done
fi
[ -n "$strata" ] && [ -x "$strata" ] || {
    echo "lint.sh: no strata binary (build it: swift build -c release --product strata)" >&2; exit 2; }

if [ -z "$squawk" ]; then
    if command -v pyenv >/dev/null 2>&1 && pyenv which squawk >/dev/null 2>&1; then
        squawk="$(pyenv which squawk)"
    else
        squawk="$(command -v squawk || true)"
    fi
fi
[ -n "$squawk" ] && [ -x "$squawk" ] || { echo "lint.sh: squawk not found: pip install squawk-cli" >&2; exit 2; }
[ -f "$shared/bench/gen_corpus.py" ] || { echo "lint.sh: $shared/bench/gen_corpus.py not found (set STRATA_SHARED)" >&2; exit 2; }

work="$(mktemp -d /tmp/strata-lint-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "lint.sh: generating $count migrations" >&2
python3 "$shared/bench/gen_corpus.py" -n "$count" --out "$work/corpus" >&2

# Time a private copy: a build relinking the binary during the run would fail a round ("Text file busy").
cp "$strata" "$work/strata"

args=(--corpus "$work/corpus" -n "$count" --rounds "$rounds" --runs "$runs" --strata "$work/strata"
      --strata-origin "$strata" --squawk "$squawk" --samples "$root/benchmarks/out")
if [ "$write" = 1 ]; then args+=(--out "$out"); fi
python3 "$here/lint_bench.py" "${args[@]}"
