"""Count the instructions the dry run spends per story, under callgrind: a speed measure a busy machine does not blur.

    .venv/bin/python bench/dryrun_instructions.py [--count N] [--input FILE.jsonl]

Runs ``manage.py loadstories --dry-run --format json --jobs 1`` in one process
under ``valgrind --tool=callgrind`` on N generated stories (bench/generate_stories.py,
default 300) or on FILE, with no catalogue database, and prints the
instructions executed per story.  Only the second of two runs is counted:
the extractor's loading and the first run's learning (the tokenizer memo, the
label memos) are left out: what is counted is the steady cost of a story.
The count is collected inside ``functools.reduce``, which the run is wrapped
in, so nothing but the run is counted.  ``PYTHONHASHSEED`` is fixed, so two
runs of the same code count nearly the same, where CPU time on a machine
shared with other work varies more than most single changes save: compare two
versions of the code with this, and check the wall-clock rate with
bench_import.py.  Needs valgrind (``apt-get install valgrind``), and is slow:
use a few hundred stories.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "bench"))

from generate_stories import write  # noqa: E402

# Run inside valgrind: the dry run twice, the second time inside functools.reduce (the counted part).
CHILD = """
import contextlib, functools, io, os, sys
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.core.management import call_command
from profiles.jobs import parallel
parallel.extractor()
def run():
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("loadstories", sys.argv[1], dry_run=True, format="json", jobs=1, stdout=out, stderr=err)
    text = out.getvalue()
    return text.count("\\n") + (bool(text) and not text.endswith("\\n"))
run()
print("stories", functools.reduce(lambda _a, _b: run(), [0, 1]))
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="generated stories (without --input)")
    parser.add_argument("--input", type=Path, help="a .jsonl file of stories instead of generated ones")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    workdir = Path(tempfile.mkdtemp(prefix="dryrun-instructions-"))
    stories = args.input or write(args.count, workdir / "generated.jsonl")
    out = workdir / "callgrind.out"
    env = {
        **os.environ,
        "PYTHONHASHSEED": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'absent' / 'none.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "catalogue.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "instructions-only",
    }
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=functools_reduce",
        f"--callgrind-out-file={out}",
        sys.executable,
        "-c",
        CHILD,
        str(stories),
    ]
    done = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    counted = re.search(r"^stories (\d+)$", done.stdout, re.M)
    totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text() if out.exists() else "", re.M)
    if done.returncode != 0 or not counted or not totals:
        raise SystemExit(f"the run under valgrind failed ({done.returncode}):\n{done.stderr[-3000:]}")
    stories_run, instructions = int(counted.group(1)), int(totals.group(1))
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{stories_run} stories: {instructions:,} instructions, {instructions / stories_run / 1e6:.3f} M per story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
