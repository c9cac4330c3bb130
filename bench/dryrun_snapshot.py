"""Snapshot the dry run's records, to prove a speed-up changed no output, and time it in CPU seconds.

    .venv/bin/python bench/dryrun_snapshot.py OUT_DIR [--count N] [--compare OTHER_DIR] [--repeat K]

Runs ``manage.py loadstories --dry-run --format json --jobs 1`` in this process
(the extractor loaded once) on every labelled story set (tests/stories/*/stories),
the extraction tests' stories, the seeds, the shared dev stories and N generated
stories (bench/generate_stories.py, default 3,000), with no catalogue database
(extracting only), and writes each
input's records as JSON Lines to OUT_DIR/<input>.jsonl.  Prints the CPU time
(``time.process_time``: steadier than wall time on a shared machine) each input
took, the best of ``--repeat`` runs.  ``--compare OTHER_DIR`` then says, input
by input, whether the records are byte-identical to an earlier snapshot, and
exits 1 if any differ.  Never reads the never-seen set.
"""

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from generate_stories import write  # noqa: E402


def inputs(workdir: Path, count: int) -> dict[str, Path]:
    found = {}
    from profiles.extraction.trainer import NEVER

    for folder in sorted((PROJECT_DIR / "tests" / "stories").glob("*/stories")):
        if folder.parent.name not in NEVER:
            found[folder.parent.name] = folder
    found["extraction-tests"] = PROJECT_DIR / "tests" / "extraction" / "stories"
    found["seeds"] = PROJECT_DIR / "seeds"
    for name in ("dev", "seeds"):
        shared = Path("/work/shared/stories") / name
        if shared.is_dir():
            found[f"shared-{name}"] = shared
    if count:
        found["generated"] = write(count, workdir / "generated.jsonl")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=3000, help="generated stories (0: none)")
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--repeat", type=int, default=1, help="time each input this many times, keep the best")
    parser.add_argument("--only", help="only the inputs whose name contains this")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="dryrun-snapshot-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'absent' / 'none.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "snapshot-only")
    import django

    django.setup()
    from django.core.management import call_command

    from profiles.jobs import parallel

    parallel.extractor()  # loaded before timing: the dry run's rate leaves start-up out too
    args.out.mkdir(parents=True, exist_ok=True)
    differ = []
    total = 0.0
    for name, path in inputs(workdir, args.count).items():
        if args.only and args.only not in name:
            continue
        best = None
        for _ in range(max(1, args.repeat)):
            out, err = io.StringIO(), io.StringIO()
            started = time.process_time()
            with contextlib.suppress(SystemExit):  # exit 1 when a story failed: the records still say which
                call_command("loadstories", str(path), dry_run=True, format="json", jobs=1, stdout=out, stderr=err)
            seconds = time.process_time() - started
            best = seconds if best is None else min(best, seconds)
        total += best
        text = out.getvalue()
        (args.out / f"{name}.jsonl").write_text(text, encoding="utf-8")
        lines = text.count("\n") + (not text.endswith("\n") and bool(text))
        verdict = ""
        if args.compare:
            other = args.compare / f"{name}.jsonl"
            same = other.is_file() and other.read_text(encoding="utf-8") == text
            verdict = "identical" if same else "DIFFERENT"
            if not same:
                differ.append(name)
        print(f"{name:14s} {lines:6d} records {best:8.3f} s CPU {1000 * best / max(lines, 1):7.3f} ms/story  {verdict}")
    print(f"{'total':14s} {'':6s}         {total:8.3f} s CPU")
    if args.compare:
        print("all identical" if not differ else f"different: {', '.join(differ)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
