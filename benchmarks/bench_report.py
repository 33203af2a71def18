"""The report of benchmarks/bench.py: the tables, the goals of issue 15 and their verdicts, from the samples of one
run. Python standard library only."""

import json
import statistics

SCALE = 10        # --scale: the larger corpus has SCALE × N migrations
SCALE_RUNS = 2    # … timed this many times, each paired with an apply of the N corpus just before it

# The report's measures: (title, the key every row is divided by, [(key, label)]).
MEASURES = [
    ("apply all from empty", "limit_up", [
        ("limit_up", "`psql -1 -f all_up.sql` — one transaction (**the limit**)"),
        ("tracked_up", "`psql -f all_up_tracked.sql` — one tx per file + history row (a runner's work)"),
        ("strata_apply", "**`strata migrate`**"),
        ("sqlm_apply", "sql-migrate `up`"),
        ("alembic_apply", "Alembic `upgrade head`"),
    ]),
    ("rollback all", "limit_down", [
        ("limit_down", "`psql -1 -f all_down.sql` — one transaction (**the limit**)"),
        ("tracked_down", "`psql -f all_down_tracked.sql` — one tx per file + history row"),
        ("strata_rollback", "**`strata rollback --to 0`**"),
        ("sqlm_rollback", "sql-migrate `down -limit=0`"),
        ("alembic_rollback", "Alembic `downgrade base`"),
    ]),
    ("no-op migrate (all applied)", "floor", [
        ("floor", "`psql -c 'SELECT 1'` — connect floor (**the limit**)"),
        ("strata_noop", "**`strata migrate`**"),
        ("sqlm_noop", "sql-migrate `up`"),
        ("alembic_noop", "Alembic `upgrade head`"),
    ]),
    ("status (all applied)", "floor", [
        ("floor", "`psql -c 'SELECT 1'` — connect floor (**the limit**)"),
        ("strata_status", "**`strata status`**"),
        ("sqlm_status", "sql-migrate `status`"),
        ("alembic_status", "Alembic `current`"),
    ]),
]
ROUND_KEYS = ["limit_up", "tracked_up", "strata_apply", "sqlm_apply", "alembic_apply",
              "limit_down", "tracked_down", "strata_rollback", "sqlm_rollback", "alembic_rollback",
              "floor", "strata_noop", "sqlm_noop", "alembic_noop", "strata_status", "sqlm_status", "alembic_status",
              "lint_squawk", "lint_strata"]

def middle_transaction(sent):
    """The statements of one migration in the middle of the run: what one migration costs in round trips (a
    whole-file DO block is one statement; otherwise the middle BEGIN … COMMIT block)."""
    blocks_sent = [sql for sql in sent if sql.startswith("DO $strata")]
    if blocks_sent:
        return [blocks_sent[len(blocks_sent) // 2] + "   -- the file's statements, the lock check and its history "
                "row, as one statement (docs/performance.md)"]
    blocks, current = [], None
    for sql in sent:
        if sql.upper().startswith("BEGIN"):
            current = [sql]
        elif current is not None:
            current.append(sql)
            if sql.upper().startswith("COMMIT"):
                blocks.append(current)
                current = None
    return blocks[len(blocks) // 2] if blocks else []


def median(samples, key, part=0):
    values = [s[key][part] for s in samples if key in s]
    return statistics.median(values) if values else None


def paired(samples, key, ref):
    values = [s[key][0] / s[ref][0] for s in samples if key in s and ref in s]
    return statistics.median(values) if values else None


def mib(kib):
    return "–" if kib is None else f"{kib / 1024:.0f} MiB"


def secs(v):
    if v is None:
        return "–"
    return f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s"


# -- the report ---------------------------------------------------------------------------------------------------
# -- the report ---------------------------------------------------------------------------------------------------
def verdict(ok):
    return "not measured" if ok is None else ("**reached**" if ok else "**missed**")


def both(*conditions):
    return None if any(c is None for c in conditions) else all(conditions)


def goals(bench, samples, scale):
    """The goals of issue 15: [(goal, measured, reached or None when a part was not measured)]."""
    a = bench.args
    rows = []

    def ratio(key, ref):
        return paired(samples, key, ref)

    def fmt(v, suffix="×"):
        return "–" if v is None else f"{v:.2f}{suffix}"

    for what, key, ref, peer, limit in [("apply", "strata_apply", "limit_up", "sqlm_apply", 1.3),
                                        ("rollback", "strata_rollback", "limit_down", "sqlm_rollback", 1.5)]:
        mine, vs_peer = ratio(key, ref), ratio(key, peer)
        peer_limit = ratio(peer, ref)
        rows.append((f"{what} ≤ {limit}× the limit and below sql-migrate",
                     f"{fmt(mine)} the limit (sql-migrate {fmt(peer_limit)}); strata / sql-migrate "
                     f"{fmt(vs_peer)}", both(None if mine is None else mine <= limit,
                                             None if vs_peer is None else vs_peer < 1)))
    for what, key in [("no-op `migrate`", "strata_noop"), ("`status`", "strata_status")]:
        mine = ratio(key, "floor")
        rows.append((f"{what} ≤ 3× the connect floor",
                     f"{fmt(mine)} ({secs(median(samples, key))} against {secs(median(samples, 'floor'))})",
                     None if mine is None else mine <= 3))
    if scale:
        big_ratio = statistics.median(r["big"][0] / r["n"][0] for r in scale["runs"])
        peak = max(r["big"][2] for r in scale["runs"])
        rows.append((f"apply {scale['big']:,} / apply {a.n:,} ≤ 10.5×, peak memory ≤ 150 MB",
                     f"{big_ratio:.2f}×, peak {peak / 1024:.0f} MiB ({peak * 1024 / 1e6:.0f} MB)",
                     big_ratio <= 10.5 and peak * 1024 <= 150e6))
    else:
        rows.append((f"apply {SCALE * a.n:,} / apply {a.n:,} ≤ 10.5×, peak memory ≤ 150 MB",
                     "not run (`run.sh --scale`)", None))
    lint = lint_ratio(samples)
    rows.append(("`strata lint` ≥ 3× faster than squawk",
                 "–" if lint is None else f"{lint:.2f}× faster" if lint >= 1 else f"{1 / lint:.2f}× slower",
                 None if lint is None else lint >= 3))
    return rows


def lint_ratio(samples):
    """Median over rounds of squawk's median / strata lint's median in that round (> 1: strata is faster)."""
    values = [s["lint_squawk"][0] / s["lint_strata"][0] for s in samples if "lint_squawk" in s]
    return statistics.median(values) if values else None


def report(bench, info, samples, meta, scale):
    a = bench.args
    peers = []
    if a.sql_migrate:
        peers.append(f"sql-migrate {meta['sql_migrate']} (`{a.sql_migrate}`)")
    if a.alembic_python:
        peers.append(f"Alembic {meta['alembic']} (`{a.alembic_python} -m alembic`, psycopg2, stock env.py: one "
                     f"transaction for the whole run)")
    lines = [f"## Results of {meta['date']}", "",
             f"- Machine: {meta['nproc']} CPUs ({meta['cpu']}), {meta['kernel']}; load average {meta['load']} at the "
             f"start; PostgreSQL {meta['server']} (`{a.pg_bin}`), default settings (fsync on), Unix socket only, a "
             f"private server started by run.sh.",
             f"- Corpus: `gen_corpus.py -n {a.n}` (seed 20240601), N = {a.n:,} migrations; {a.rounds} interleaved "
             f"rounds (job order rotated each round), each job on a fresh database, after one untimed "
             f"verification round.",
             f"- Strata binary: `{meta['strata']}` ({meta['build']} build), timed as a private copy." if a.strata else
             "- Strata: not measured (`--psql-only`).",
             "- Peers, measured in the same rounds: " + ("; ".join(peers) if peers else "none") + ".",
             f"- Lint: {meta['squawk']} (`{a.squawk}`) and `strata lint`, timed by {meta['lint_timer']}, one "
             f"warm-up and {a.lint_runs} runs of each per round." if samples and "lint_squawk" in samples[0] else
             "- Lint: not measured (needs strata and squawk).",
             "",
             "| measure | run | median | client CPU | peak memory | × limit (median of paired ratios) |",
             "|---|---|---:|---:|---:|---:|"]
    for title, ref, rows in MEASURES:
        first = True
        for key, label in rows:
            if median(samples, key) is None:
                continue
            ratio = "1.00" if key == ref else f"{paired(samples, key, ref):.2f}"
            lines.append(f"| {title if first else ''} | {label} | {secs(median(samples, key))} | "
                         f"{secs(median(samples, key, 1))} | {mib(median(samples, key, 2))} | {ratio} |")
            first = False
    lines += ["", "Client CPU is user + system time and peak memory the maximum resident set of the client process "
              "alone (psql, strata, sql-migrate, python for Alembic; `os.wait4`); the rest of the wall time is the "
              "server's work and the round trips. For the no-op and `status` the limit is the connect floor, the "
              "median of five `psql -c 'SELECT 1'` of the same round.", ""]
    lint = lint_ratio(samples)
    if lint is not None:
        verb = f"{lint:.2f}× faster" if lint >= 1 else f"{1 / lint:.2f}× slower"
        values = [s["lint_squawk"][0] / s["lint_strata"][0] for s in samples if "lint_squawk" in s]
        lines += ["| lint | median | files/s | CPU user+sys | what it reported | exit |", "|---|---:|---:|---:|---|---:|"]
        for name, label in [("squawk", f"`squawk psql/up/*.sql` ({a.n:,} files)"),
                            ("strata", "`strata lint strata/db/migrations`")]:
            m = median(samples, f"lint_{name}")
            lines.append(f"| {label} | {secs(m)} | {a.n / m:,.0f} | {secs(median(samples, f'lint_{name}', 1))} | "
                         f"{info['lint'][name]['summary']} | {info['lint'][name]['exit']} |")
        lines += ["", f"**strata lint is {verb} than squawk** (median of the per-round ratios squawk / strata: {lint:.2f}, "
                  f"range {min(values):.2f}–{max(values):.2f}). Not like for like: the rule sets differ, and strata also "
                  f"reads each file's down section.", ""]
    if scale:
        lines += [f"Scale (`--scale`, {SCALE_RUNS} runs, each paired with an apply of the N corpus just before it; "
                  "psql's tracked run on both corpora shows how the server alone scales): ",
                  "", f"| run | `strata migrate` {a.n:,} | `strata migrate` {scale['big']:,} | ratio | "
                  f"peak memory {a.n:,} | peak memory {scale['big']:,} | psql tracked {a.n:,} | "
                  f"psql tracked {scale['big']:,} | psql ratio |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for i, r in enumerate(scale["runs"], 1):
            lines.append(f"| {i} | {secs(r['n'][0])} | {secs(r['big'][0])} | {r['big'][0] / r['n'][0]:.2f}× | "
                         f"{mib(r['n'][2])} | {mib(r['big'][2])} | {secs(r['tracked_n'][0])} | "
                         f"{secs(r['tracked_big'][0])} | {r['tracked_big'][0] / r['tracked_n'][0]:.2f}× |")
        lines.append("")
    if a.strata:
        lines += ["### Goals (issue 15)", "", "| goal | measured | |", "|---|---|---|"]
        lines += [f"| {goal} | {measured} | {verdict(ok)} |" for goal, measured, ok in goals(bench, samples, scale)]
        lines.append("")
    lines += ["### Verification", "",
              f"- `pg_dump --schema-only` after `psql -1 -f all_up.sql`: {info['schema_lines']:,} lines (schema "
              f"`strata` and the tables `gorp_migrations`, `alembic_version` excluded from every dump)."]
    tools = [t for t in ("strata", "sql-migrate", "alembic") if t in info]
    if tools:
        lines.append(f"- After applying with {', '.join(tools)} the dump is identical to psql's; after rolling all "
                     "back it is identical to an empty database's.")
    if a.strata:
        lines.append(f"- `strata status --json` after the apply: {json.dumps(info['strata']['status_json']['states'])}.")
    if tools:
        lines += ["", "Statements each command sent (server log, `log_statement = all`, verification round):", "",
                  "| command | " + " | ".join(tools) + " |", "|---|" + "---:|" * len(tools)]
        for key, label in [("apply", "apply all"), ("noop", "migrate, nothing pending"), ("status", "status"),
                           ("rollback", "rollback all")]:
            lines.append(f"| {label} | " + " | ".join(
                f"{info[t][key]['statements']:,} statements, {info[t][key]['connections']} connection"
                f"{'s' if info[t][key]['connections'] != 1 else ''}" for t in tools) + " |")
    if a.strata:
        lines += ["", "A no-op `strata migrate` sent:", "", "```"] + info["strata"]["noop"]["first"] + ["```", "",
                  "One migration in the middle of strata's apply (a runner's minimum is BEGIN, the file's statements, "
                  "the history row, COMMIT):", "", "```"]
        lines += [sql[:160] for sql in middle_transaction(info["strata"]["apply"]["all"])] + ["```"]
    lines += ["", "### Commands", "", "`PSQL=" + bench.psql + "`, `URL=" + bench.url("<fresh database>") + "`",
              "", "```",
              "$PSQL -X -q -v ON_ERROR_STOP=1 -d $URL -1 -f psql/all_up.sql          # then -1 -f psql/all_down.sql",
              "$PSQL -X -q -v ON_ERROR_STOP=1 -d $URL -f psql/all_up_tracked.sql     # then -f psql/all_down_tracked.sql",
              "$PSQL -X -q -v ON_ERROR_STOP=1 -d postgres -c 'SELECT 1'              # 5 per round, median"]
    if a.strata:
        lines += ["strata migrate          --dir strata/db/migrations --database-url $URL   # then again: nothing pending",
                  "strata status           --dir strata/db/migrations --database-url $URL",
                  "strata rollback --to 0  --dir strata/db/migrations --database-url $URL"]
    if a.sql_migrate:
        lines += ["BENCH_DB=<fresh database> sql-migrate up -config=dbconfig.yml -env=bench   # then again; then "
                  "status; then down -limit=0",
                  "  # dbconfig.yml: datasource: host=<socket dir> dbname=${BENCH_DB} user=postgres sslmode=disable; "
                  "dir: sql-migrate/migrations"]
    if a.alembic_python:
        lines += ["BENCH_DB_URL='postgresql+psycopg2://postgres@/<fresh database>?host=<socket dir>' \\",
                  "  python3 -m alembic -c alembic/alembic.ini upgrade head   # then again; then current; then "
                  "downgrade base"]
    if "lint" in info:
        lines += ["squawk psql/up/*.sql                                     # exit 1: findings",
                  "strata lint --no-color strata/db/migrations              # exit 6: findings"]
    lines += ["```", "", f"Reproduce: `benchmarks/run.sh -n {a.n} --rounds {a.rounds}"
              f"{' --scale' if scale else ''}`.", "", "### Every round (seconds)", ""]
    keys = [k for k in ROUND_KEYS if median(samples, k) is not None]
    lines += ["| round | order | " + " | ".join(keys) + " |", "|---|---|" + "---:|" * len(keys)]
    for i, s in enumerate(samples, 1):
        lines.append(f"| {i} | {'→'.join(s['order'])} | " + " | ".join(
            f"{s[k][0]:.3f}" if k in s else "–" for k in keys) + " |")
    return "\n".join(lines) + "\n"
