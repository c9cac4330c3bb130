"""What `loadstories` checks in a record before importing it (issue 12): content limits, look-alike
letters in a name, a work title read as the artist's name."""

import json
import re

import pytest

from bench.hostile_stories import works_story
from profiles.importing import limits
from profiles.models import Artist, Exhibition, Story, Work
from tests.helpers import STORIES_DIR, run_command

pytestmark = pytest.mark.django_db

OLEK = (STORIES_DIR / "library" / "olek-brandt.txt").read_text(encoding="utf-8")
MARA = (STORIES_DIR / "library" / "mara-quispe.txt").read_text(encoding="utf-8")


# --- content limits -------------------------------------------------------------------------

FOUND = r"(2[5-9]|30)"  # the works found among the 30 named: the cut is what is tested


@pytest.fixture
def many_works(tmp_path, monkeypatch):
    """A story naming 30 works, with the works limit lowered to 12 (the real one is reached the same way).

    The report says how many works the extractor found; the test asks for the cut, not for the
    extractor's reading of every one of the 30 titles (``FOUND``).
    """
    monkeypatch.setattr(limits, "WORKS", limits.Limit("works", 12, "works", "a test"))
    monkeypatch.setattr(limits, "STORY_LIMITS", (limits.WORKS, limits.EXHIBITIONS, limits.CITIES, limits.MENTIONS))
    path = tmp_path / "listing.txt"
    path.write_text(works_story(30), encoding="utf-8")
    return path


def test_a_story_over_a_limit_is_cut_at_import_and_the_report_says_so(many_works):
    out, err, status = run_command("loadstories", "--verbosity", "2", str(many_works))

    assert status == 0, err
    assert re.search(
        rf"warning: {re.escape(str(many_works))}: over the content limits: kept the first 12 of {FOUND} works", err
    )
    assert re.search(
        rf"listing.txt: Mira Kessler \(3 cities, 2 exhibitions, 12 works; kept the first 12 of {FOUND} works\)", out
    )
    assert "1 cut to the content limits (listing.txt)" in out
    titles = list(Work.objects.order_by("pk").values_list("title", flat=True))
    assert titles == [f"Blue Hour {number}" for number in range(1, 13)]
    assert len(Story.objects.get().record["works"]) == 12


def test_the_dry_run_shows_the_same_cut(many_works):
    out, err, status = run_command("loadstories", "--dry-run", str(many_works))
    assert status == 0, err
    assert re.search(
        rf"would be created: Mira Kessler \(3 cities, 2 exhibitions, 12 works; kept the first 12 of {FOUND} works\)",
        out,
    )

    out, err, status = run_command("loadstories", "--dry-run", "--format", "json", str(many_works))
    record = json.loads(out)
    assert len(record["works"]) == 12
    assert len(record["import"]["limits"]) == 1
    assert re.fullmatch(rf"kept the first 12 of {FOUND} works", record["import"]["limits"][0])
    assert not Story.objects.exists()


# --- look-alike letters -------------------------------------------------------------------------


def test_a_name_mixing_scripts_in_one_word_is_flagged_for_review(tmp_path):
    mixed = "Olek Br\u0430ndt"  # a Cyrillic "а"
    (tmp_path / "olek.txt").write_text(OLEK.replace("Olek Brandt", mixed), encoding="utf-8")
    (tmp_path / "mara.txt").write_text(MARA, encoding="utf-8")

    out, err, status = run_command("loadstories", str(tmp_path))

    assert status == 0, err
    assert f"warning: {tmp_path / 'olek.txt'}: the artist's name {mixed!r} mixes scripts in one word" in err
    assert repr(mixed.split()[1]) + " (Cyrillic and Latin)" in err
    assert "Mara Quispe" not in err
    flagged = Artist.objects.get(name=mixed)
    assert flagged.confidence <= 0.1
    assert list(Artist.objects.needs_review().values_list("name", flat=True))[0] == mixed


def test_names_in_one_script_with_apostrophes_and_accents_are_not_flagged(tmp_path):
    (tmp_path / "olek.txt").write_text(OLEK.replace("Olek Brandt", "Ólek O\u2019Brändt"), encoding="utf-8")

    out, err, status = run_command("loadstories", str(tmp_path))

    assert status == 0, err
    assert "mixes scripts" not in err


# --- a title read as a name ------------------------------------------------------------------------

UNREADABLE = (
    'Born in {city}, the painter made "Blue Hour", a series of seven canvases. '
    "Blue Hour was shown at a solo exhibition in {city}.\n"
)


def test_a_work_title_read_as_the_artists_name_skips_the_story_instead_of_merging(tmp_path):
    for city in ("Oslo", "Lima", "Osaka"):
        (tmp_path / f"{city.lower()}.txt").write_text(UNREADABLE.format(city=city), encoding="utf-8")

    out, err, status = run_command("loadstories", str(tmp_path))

    assert status == 0, err
    for city in ("oslo", "lima", "osaka"):
        assert (
            f"{city}.txt: skipped: no artist found: the name read, 'Blue Hour', is one of the story's own titles"
        ) in out
    assert not Artist.objects.exists()
    assert not Exhibition.objects.exists()
    assert Story.objects.count() == 3
    assert all(story.skipped_reason.startswith("no artist found") for story in Story.objects.all())


def test_a_quoted_phrase_that_is_not_the_name_leaves_the_artist_alone(tmp_path):
    (tmp_path / "olek.txt").write_text(OLEK + '\nCritics called him "Olek the Welder".\n', encoding="utf-8")

    out, err, status = run_command("loadstories", str(tmp_path))

    assert status == 0, err
    assert Artist.objects.get().name == "Olek Brandt"


def test_the_importer_screens_whatever_calls_it(tmp_path):
    """Screening lives in ``StoryImporter``: a caller handing it an extractor's raw record gets the same check."""
    from profiles.extraction import StoryExtractor
    from profiles.extraction.reader import StoryText
    from profiles.importing import SKIPPED, StoryImporter

    story = StoryText("oslo.txt", UNREADABLE.format(city="Oslo"), "oslo.txt")
    raw = StoryExtractor().extract(story.text, source=story.source)
    assert raw["artist"]["name"] == "Blue Hour"  # what the extractor reads, unscreened

    results, rest = StoryImporter().import_new_stories([(story, raw)])

    assert rest == []
    assert [(result.outcome, result.message[:16]) for result in results] == [(SKIPPED, "no artist found:")]
    assert not Artist.objects.exists()
