"""Identity keys: one fold for names, and keys stored by older imports recomputed by migration 0007."""

import importlib

import pytest
from django.apps import apps

from profiles.extraction.reader import StoryText
from profiles.extraction.story_record import StoryRecord
from profiles.extraction.textutil import fold
from profiles.importing import StoryImporter, keys
from profiles.models import Artist, DeletedRecord, Exhibition, Story, Work

pytestmark = pytest.mark.django_db

refold = importlib.import_module("profiles.migrations.0007_refold_import_keys")

RECORD = {
    "source": "aoife.txt",
    "artist": {"name": "Aoife O\u2018Brien", "disciplines": ["painting"]},
    "cities": [{"name": "Dublin", "country": "IE"}],
    "works": [{"title": "Rock\u2018n\u2019roll", "kind": "painting"}, {"title": "Song of d\u2018Arc", "kind": "song"}],
    "exhibitions": [
        {"city": {"name": "Dublin", "country": "IE"}, "venue": "Gallery d\u2018Or", "kind": "solo", "works": []},
    ],
}


@pytest.mark.parametrize("name", ["O'Brien", "O\u2019Brien", "O\u2018Brien", "O\u02bcBrien", "O`Brien"])
def test_every_apostrophe_folds_alike(name):
    assert fold(name) == "o'brien"
    assert keys.artist_key(name) == keys.artist_key("o'brien")


def test_accents_and_apostrophes_fold_alike_in_any_script():
    assert fold("Zo\u00eb O`Brien") == fold("Zoe O'Brien") == "zoe o'brien"


def test_the_migration_computes_the_keys_the_importer_does():
    record = StoryRecord.from_json(RECORD)
    expected = [("artist", keys.artist_key(keys.artist_name(record.artist)))]
    expected += [("work", keys.work_key(work.title)) for work in record.works]
    expected += [("exhibition", key) for key in keys.exhibition_keys(record.exhibitions)]

    assert refold.record_keys(RECORD, refold.new_fold) == expected


def import_story(text):
    return StoryImporter().import_story(StoryText("aoife.txt", text, "aoife.txt"), RECORD)


def test_an_older_catalogue_reimported_after_the_change_creates_no_duplicate():
    import_story("Aoife O\u2018Brien paints.")
    # The catalogue as an older import left it: keys folded without U+2018 ...
    new, old = refold.record_keys(RECORD, refold.new_fold), refold.record_keys(RECORD, refold.old_fold)
    old_keys = dict(zip(new, old, strict=True))
    for model, record_type in ((Artist, "artist"), (Work, "work"), (Exhibition, "exhibition")):
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(import_key=old_keys[(record_type, row.import_key)][1])
    assert Work.objects.filter(import_key__contains="\u2018").count() == 2
    # ... one work edited by an editor, the other deleted (its tombstone under the old key).
    Work.objects.filter(title="Rock\u2018n\u2019roll").update(title="Rock and roll", edited_fields=["title"])
    deleted = Work.objects.get(title="Song of d\u2018Arc")
    DeletedRecord.objects.create(story=deleted.story, record_type="work", import_key=deleted.import_key, label="x")
    deleted.delete()

    refold.refold_import_keys(apps, None)
    result = import_story("Aoife O\u2018Brien paints. She still does.")

    assert result.outcome == "updated"
    assert list(Work.objects.values_list("title", flat=True)) == ["Rock and roll"]
    assert Exhibition.objects.count() == 1
    assert Artist.objects.count() == 1
    assert Story.objects.count() == 1
    assert not DeletedRecord.objects.filter(import_key__contains="\u2018").exists()
    assert "work 'Song of d\u2018Arc': deleted by an editor, not re-created" in result.left_alone
