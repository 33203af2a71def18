#!/usr/bin/env python3
"""What the migration lock costs `strata migrate`, next to psql doing the same lock round trips (the limit).

Starts a private PostgreSQL on a Unix socket in a temporary folder, migrates a small folder, then per round:
  - a no-op `strata migrate` with the lock free, and while another session holds the lock
    (a run with nothing pending takes no lock, so the two should match);
  - a `strata migrate -v` that applies one file: strata logs what taking and releasing its lock cost;
  - psql sending pg_try_advisory_lock + pg_advisory_unlock on one connection (\\timing), the floor.
Writes the figures between the lock-bench markers of BENCHMARKS.md (or --out).

Usage: benchmarks/lock_bench.py [--strata BIN] [--rounds N] [--out FILE]
"""
import argparse, glob, os, re, shutil, statistics, subprocess, sys, tempfile, time

BEGIN, END = "<!-- lock-bench:begin -->", "<!-- lock-bench:end -->"


def lock_key(schema="strata"):
    """The advisory lock key Strata derives from its history schema (64-bit FNV-1a of 'strata:<schema>')."""
    value = 0xcbf29ce484222325
    for byte in ("strata:" + schema).encode():
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return value - (1 << 64) if value >= (1 << 63) else value


class Server:
    def __init__(self, pg_bin):
        self.pg_bin = pg_bin
        self.work = tempfile.mkdtemp(prefix="slb.")
        os.chmod(self.work, 0o755)
        self.data, self.sock = os.path.join(self.work, "data"), os.path.join(self.work, "s")
        os.makedirs(self.sock)
        self.as_server = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_server:
            shutil.chown(self.work, "postgres")
            shutil.chown(self.sock, "postgres")

    def start(self):
        run(self.as_server + [f"{self.pg_bin}/initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"])
        opts = f"-k {self.sock} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        run(self.as_server + [f"{self.pg_bin}/pg_ctl", "-D", self.data, "-o", opts, "-w", "-l",
                              os.path.join(self.work, "log"), "start"])

    def stop(self):
        subprocess.run(self.as_server + [f"{self.pg_bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(self.work, ignore_errors=True)

    def url(self, db):
        return f"postgresql://postgres@/{db}?host={self.sock}"


def run(cmd, env=None, check=True):
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if check and proc.returncode != 0:
        sys.exit(f"lock_bench: exit {proc.returncode}: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return wall, proc.stdout + proc.stderr


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", default=os.environ.get("STRATA_BIN") or os.path.join(root, ".build/release/strata"))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--out", default=os.path.join(root, "BENCHMARKS.md"))
    args = parser.parse_args()
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    pg_bin = os.environ.get("STRATA_PG_BIN") or (bins[-1] if bins else None)
    if not pg_bin or not os.access(args.strata, os.X_OK):
        sys.exit("lock_bench: needs the PostgreSQL server binaries and a strata binary (--strata)")
    env = {k: v for k, v in os.environ.items() if not (k.startswith("PG") or k.startswith("STRATA_") or k == "DATABASE_URL")}
    env["NO_COLOR"] = "1"
    server = Server(pg_bin)
    work = tempfile.mkdtemp(prefix="slb-dir.")
    try:
        server.start()
        psql = [f"{pg_bin}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        run(psql + ["-d", server.url("postgres"), "-c", "CREATE DATABASE bench"])
        folder = os.path.join(work, "migrations")
        os.makedirs(folder)
        for index in range(1, 21):
            with open(os.path.join(folder, f"{index}_t{index}.sql"), "w") as f:
                f.write(f"CREATE TABLE t{index} (id bigint PRIMARY KEY);\n")
        strata = [args.strata, "--dir", folder, "--database-url", server.url("bench"), "--no-lint"]
        run([args.strata, "migrate", "--dir", folder, "--database-url", server.url("bench"), "--no-lint"], env)
        key = lock_key()
        free, held, taken, released, floor = [], [], [], [], []
        for round_number in range(args.rounds):
            free.append(run(strata[:1] + ["migrate"] + strata[1:], env)[0])
            holder = subprocess.Popen(psql + ["-d", server.url("bench")], stdin=subprocess.PIPE, text=True,
                                      stdout=subprocess.DEVNULL)
            holder.stdin.write(f"SELECT pg_advisory_lock({key});\n")
            holder.stdin.flush()
            time.sleep(0.2)
            held.append(run(strata[:1] + ["migrate", "--lock-wait", "5s"] + strata[1:], env)[0])
            holder.stdin.close()
            holder.wait()
            extra = os.path.join(folder, f"{100 + round_number}_extra.sql")
            with open(extra, "w") as f:
                f.write(f"CREATE TABLE extra{round_number} (id bigint PRIMARY KEY);\n")
            _, out = run(strata[:1] + ["migrate", "-v"] + strata[1:], env)
            match = re.search(r"taken in ([0-9.]+) ms, released in ([0-9.]+) ms", out)
            if not match:
                sys.exit("lock_bench: strata -v did not log the lock cost:\n" + out[-2000:])
            taken.append(float(match.group(1)))
            released.append(float(match.group(2)))
            _, out = run(psql + ["-d", server.url("bench"), "-c", "\\timing on",
                                 "-c", f"SELECT pg_try_advisory_lock({key})", "-c", f"SELECT pg_advisory_unlock({key})"])
            times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", out)]
            floor.append(sum(times[-2:]))
        lock_cost = [t + r for t, r in zip(taken, released)]
        med = statistics.median
        load = os.getloadavg()[0]
        version = run([args.strata, "--version"])[1].strip()
        lines = [
            BEGIN,
            f"### Results of {time.strftime('%Y-%m-%d %H:%M')}",
            "",
            f"- strata {version} (`{os.path.relpath(args.strata, root) if args.strata.startswith(root) else args.strata}`), "
            f"PostgreSQL from `{pg_bin}` on a Unix socket; {args.rounds} rounds; load average {load:.2f} at the end.",
            "",
            "| what | median | range |",
            "|---|---:|---:|",
            f"| lock taken + released by a `migrate` that applies a file (strata's own timing, `-v`: `pg_try_advisory_lock` and `pg_advisory_unlock`) | "
            f"{med(lock_cost):.2f} ms | {min(lock_cost):.2f}–{max(lock_cost):.2f} ms |",
            f"| the same two round trips from psql (`\\timing`, the limit) | {med(floor):.2f} ms | {min(floor):.2f}–{max(floor):.2f} ms |",
            f"| no-op `migrate` (20 applied), lock free | {med(free) * 1000:.0f} ms | {min(free) * 1000:.0f}–{max(free) * 1000:.0f} ms |",
            f"| no-op `migrate` while another session holds the lock | {med(held) * 1000:.0f} ms | {min(held) * 1000:.0f}–{max(held) * 1000:.0f} ms |",
            "",
            f"**Taking and releasing the lock costs {med(lock_cost):.2f} ms** (goal: under 10 ms; "
            f"{med(lock_cost) / med(floor):.1f}× psql's two round trips). A no-op `migrate` takes no lock at all, so it "
            f"does not wait for a run that holds it ({med(held) / med(free):.2f}× the time with the lock free).",
            END,
        ]
        block = "\n".join(lines)
        text = open(args.out).read() if os.path.exists(args.out) else ""
        if BEGIN in text and END in text:
            text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip() + "\n\n## The migration lock\n\nReproduce with `benchmarks/lock_bench.py` (a release build of strata; " \
                   "`--strata BIN`, `--rounds N`).\n\n" + block + "\n"
        with open(args.out, "w") as f:
            f.write(text)
        print(block)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
