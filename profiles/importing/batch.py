"""Stories new to the catalogue, many per transaction.

A big import is bound by the number of statements, so a batch of new stories
is written in one transaction with one multi-row INSERT per table, and slugs
are allocated with one indexed query per table. A story whose artist the
catalogue already has (or that names the same artist as another story of the
batch) is left to ``sync``, which shares the artist.
"""

from pathlib import PurePath

from .. import caching, city_counts, history
from ..models import Artist, Story, Work, unique_slugs
from . import db, policy, rows, shows
from .keys import artist_key, artist_name, title_key
from .results import CREATED, SKIPPED, ImportResult, Written


class NewStoryBatch:
    """Writes a batch of new stories; ``shared`` caches cities and disciplines."""

    def __init__(self, shared):
        self.shared = shared

    def import_new_stories(self, pairs):
        """Import stories the catalogue has never seen, many per transaction, with multi-row writes.

        ``pairs``: (StoryText, record) for stories whose source names are not in
        the catalogue. Returns (results, rest): ``rest`` are the pairs this path
        leaves to ``import_story`` because their artist is already in the
        catalogue (or named twice in the batch) and must be shared. The batch is
        written whole or not at all; on any error it is rolled back and the error
        raised, so the caller can import those stories one by one and report the
        one that fails.
        """
        if not pairs:
            return [], []
        with self.shared.atomic():
            return self._import_new_stories(pairs)

    def _import_new_stories(self, pairs):
        batch, rest = self._split(pairs)
        if not batch:
            return [], rest
        stems = [PurePath(story_text.source).stem for story_text, _ in batch]
        stories = [
            Story(source_name=story_text.source, slug=slug, text=story_text.text, sha256=story_text.sha256)
            for (story_text, _), slug in zip(batch, unique_slugs(Story, stems, max_length=200), strict=True)
        ]
        self.shared.register_cities([record for _, record in batch])
        city_counts.lock(
            ref.id
            for _, record in batch
            if record.artist is not None
            for ref in map(self.shared.city, record.cities)
            if ref is not None
        )
        artists = [self._new_artist(record.artist) for _, record in batch]
        new_artists = [artist for artist in artists if artist is not None]
        db.allocate_slugs(Artist, new_artists, [artist.name for artist in new_artists])
        Artist.objects.bulk_create(new_artists)

        results, works, tellings = [], [], []
        for story, artist, (story_text, record) in zip(stories, artists, batch, strict=True):
            story.artist = artist
            story_works = {}
            for key, values in rows.work_rows(story_text.text, artist, record.works):
                story_works[title_key(values["title"])] = work = Work(story=story, import_key=key, **values)
                works.append(work)
            story.record = record.to_json()
            if artist is None:
                story.skipped_reason = record.skipped_reason or "no artist in the story"
                results.append(ImportResult(story_text.source, SKIPPED, story.skipped_reason))
            else:
                results.append(ImportResult(story_text.source, CREATED))
            tellings.append(
                shows.Telling(story, artist, record.exhibitions, story_works, policy.Tombstones(), results[-1])
            )
        db.allocate_slugs(Work, works, [work.title for work in works])

        db.bulk_insert(Story, stories)
        # Each new artist's own story, now that the stories have keys.
        db.set_foreign_key(Artist, "story", [(story.artist.pk, story.pk) for story in stories if story.artist])
        Work.objects.bulk_create(works)
        self._link_new_rows(batch, artists)
        written = Written()
        shows.write_shows(self.shared, tellings, fresh=True, written=written)
        # Each record's own story is named: the shows the batch joined name the story that first told of them.
        history.record_imported([*new_artists, *works, *written.created], written.updated)
        caching.bump()  # bulk writes send no signals
        return results, rest

    def _split(self, pairs):
        """Split ``pairs`` into those a batch can create alone and those that must share an artist."""
        batch, rest, sources, names = [], [], set(), {}
        for story_text, record in pairs:
            name = artist_name(record.artist) if record.artist else None
            if story_text.source in sources or (name and artist_key(name) in names):
                rest.append((story_text, record))
                continue
            sources.add(story_text.source)
            if name:
                names[artist_key(name)] = name
            batch.append((story_text, record))
        existing = db.existing_artist_names(sorted(names.values()))
        if not existing:
            return batch, rest
        alone, shared = [], []
        for pair in batch:
            (shared if pair[1].artist and artist_name(pair[1].artist) in existing else alone).append(pair)
        return alone, shared + rest

    def _new_artist(self, artist_record):
        if artist_record is None:
            return None
        return Artist(**rows.artist_values(self.shared, artist_record))

    def _link_new_rows(self, batch, artists):
        """The many-to-many rows of a batch of new stories: one INSERT per relation."""
        disciplines, cities = Artist.disciplines.through, Artist.cities.through
        discipline_rows, city_rows = [], []
        for artist, (_, record) in zip(artists, batch, strict=True):
            if artist is None:
                continue
            for discipline_id in dict.fromkeys(self.shared.discipline_ids(record.artist.disciplines)):
                discipline_rows.append(disciplines(artist_id=artist.pk, discipline_id=discipline_id))
            city_ids = self.shared.city_ids(rows.union_cities([record.cities]))
            city_rows += [cities(artist_id=artist.pk, city_id=city_id) for city_id in dict.fromkeys(city_ids)]
        disciplines.objects.bulk_create(discipline_rows)
        cities.objects.bulk_create(city_rows)
