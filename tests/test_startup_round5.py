"""Start-up (issue 14), this round: what manage.py and the extractor no longer redo in every process.

Each test runs a fresh interpreter, as tests/test_startup.py does.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(*args, **extra_env):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **extra_env}
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _last_json(result):
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_manage_py_collects_garbage_again_once_django_is_set_up_with_its_objects_frozen():
    found = _last_json(
        _python(
            "manage.py",
            "shell",
            "-c",
            "import gc, json; from django.apps import apps; "
            "print(json.dumps([gc.isenabled(), gc.get_freeze_count() > 10000, apps.ready]))",
        )
    )
    assert found == [True, True, True]


def test_the_development_server_and_pythonpath_are_left_to_set_django_up_themselves():
    import importlib.util

    spec = importlib.util.spec_from_file_location("catalogue_manage", ROOT / "manage.py")
    manage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manage)
    assert manage._sets_up_as_django_does(["manage.py", "loadstories", "--dry-run"])
    assert manage._sets_up_as_django_does(["manage.py"])
    assert not manage._sets_up_as_django_does(["manage.py", "runserver"])
    assert not manage._sets_up_as_django_does(["manage.py", "check", "--pythonpath=/somewhere"])


def test_a_second_extractor_reads_the_decision_model_back_without_parsing_its_json(tmp_path):
    """The first process parses data/decisions.json and keeps it in the pattern cache; the next reads it back."""
    build = "from profiles.extraction import StoryExtractor\nStoryExtractor()\nprint('[]')"
    _python("-c", build, CATALOGUE_CACHE_DIR=str(tmp_path))
    found = _last_json(
        _python(
            "-c",
            "import json\n"
            "from profiles.extraction import extractor\n"
            "from profiles.extraction.learned import DecisionModel\n"
            "parsed = []\n"
            "loads = json.loads\n"
            "json.loads = lambda text, *a, **k: parsed.append(len(text)) or loads(text, *a, **k)\n"
            "model = extractor.StoryExtractor().decisions\n"
            "json.loads = loads\n"
            "print(json.dumps([max(parsed, default=0) < 500_000, model.fields == DecisionModel.load().fields]))",
            CATALOGUE_CACHE_DIR=str(tmp_path),
        )
    )
    assert found == [True, True]


def test_a_changed_or_missing_decision_model_is_read_afresh(tmp_path, monkeypatch):
    from profiles.extraction import extractor, learned, patterncache

    monkeypatch.setattr(patterncache, "_default", patterncache.PatternCache(tmp_path))
    model = tmp_path / "decisions.json"
    data = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    model.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(extractor, "MODEL_PATH", model)
    first = extractor._default_decisions()
    assert first.fields == learned.DecisionModel.load(model).fields
    data["fields"]["age"]["bias"] += 1.0
    model.write_text(json.dumps(data), encoding="utf-8")
    assert extractor._default_decisions().fields["age"].bias == first.fields["age"].bias + 1.0
    model.write_text("{not json", encoding="utf-8")
    assert extractor._default_decisions() is None is learned.DecisionModel.load(model)
    model.unlink()
    assert extractor._default_decisions() is None is learned.DecisionModel.load(model)


def test_gunicorns_master_reads_the_whole_gazetteer_before_its_workers_fork():
    found = _last_json(
        _python(
            "-c",
            "import django, json, runpy; django.setup()\n"
            "from profiles.extraction.gazetteer import default_gazetteer\n"
            "runpy.run_path('gunicorn.conf.py')['when_ready'](None)\n"
            "g = default_gazetteer()\n"
            "tables = (g._primary._buckets, g._alias._buckets, g._rows._chunks)\n"
            "read = all(piece is not None for table in tables for piece in table)\n"
            "print(json.dumps([read, g.lookup('Almaty')[0].city.name]))",
            DJANGO_DEBUG="1",
            DJANGO_SETTINGS_MODULE="catalogue.settings",
        )
    )
    assert found == [True, "Almaty"]
