"""Benchmark start-up: a one-story `manage.py loadstories --dry-run`, start to finish.

    .venv/bin/python bench/bench_startup.py [--runs N] [--instructions] [STORY]

Runs the command N times (default 7) as its own process on one seed story
(default seeds/000_007caeb50a1f41e9.txt) and prints the median wall time and
the median CPU time (user + system, from the child's own rusage: steadier
than wall time on a shared machine). A first, untimed run builds the
gazetteer's index file if it is missing (profiles/extraction/gazetteer.py)
and writes the byte code of the project's modules, as the first run after an
install does. ``--instructions`` adds one run under valgrind (callgrind) and
prints the instructions it executed: the same count whatever else the machine
is doing, so two versions compare on a busy machine too. Target (issue 14):
under 0.5 s.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from production_env import production_env  # noqa: E402

TARGET_SECONDS = 0.5
DEFAULT_STORY = PROJECT_DIR / "seeds" / "000_007caeb50a1f41e9.txt"


def run_once(story, env):
    """One dry run of one story: (wall seconds, CPU seconds)."""
    command = [sys.executable, "manage.py", "loadstories", "--dry-run", str(story)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"loadstories failed:\n{stderr.decode(errors='replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def instructions(story, env):
    """Instructions one dry run executes (valgrind's callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="catalogue-callgrind-") as folder:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={Path(folder) / 'callgrind.out'}",
            sys.executable,
            "manage.py",
            "loadstories",
            "--dry-run",
            str(story),
        ]
        result = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if result.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed:\n{result.stderr[-3000:]}")
    return int(found.group(1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("story", nargs="?", default=str(DEFAULT_STORY))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructions", action="store_true", help="Also count one run's instructions (valgrind).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as workdir:
        env = production_env(f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
        # An installed catalogue runs from byte code (written on first import, as pip writes it for
        # the libraries); a shell that forbids writing it would time compiling the sources instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run_once(args.story, env)  # builds the gazetteer index if missing; warms the OS's file cache
        results = [run_once(args.story, env) for _ in range(args.runs)]
        counted = instructions(args.story, env) if args.instructions else None
    wall = statistics.median(w for w, _ in results)
    cpu = statistics.median(c for _, c in results)
    verdict = "ok" if wall < TARGET_SECONDS else "ABOVE"
    print(f"start-up, one-story dry run, median of {args.runs}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    if args.instructions:
        print("instructions, one run: " + ("valgrind not found" if counted is None else f"{counted / 1e9:.3f} G"))
    print(f"target < {TARGET_SECONDS} s wall: {verdict}")
    return 0 if wall < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
