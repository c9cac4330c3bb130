"""The layout's rules (docs/architecture.md) are enforced by the linters: prove they bite."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_DIR

RUFF = Path(sys.executable).parent / "ruff"

pytestmark = pytest.mark.skipif(not RUFF.exists(), reason="ruff is installed by make install-dev")


def ruff_check(source, filename):
    """``ruff check`` on ``source`` as if it were the file ``filename`` of the project (nothing is written)."""
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", "--stdin-filename", filename, "-"],
        input=source,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("line", ["import django", "from django.conf import settings", "import django.db.models"])
def test_extraction_may_not_import_django(line):
    result = ruff_check(f"{line}\n\nprint({line.split()[-1]})\n", "profiles/extraction/probe.py")
    assert result.returncode == 1
    assert "TID251" in result.stdout
    assert "imports no Django" in result.stdout


def test_extraction_may_import_anything_else_and_the_rest_may_import_django():
    assert ruff_check("import re\n\nprint(re)\n", "profiles/extraction/probe.py").returncode == 0
    assert ruff_check("import django\n\nprint(django)\n", "profiles/probe.py").returncode == 0
