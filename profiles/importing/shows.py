"""Exhibitions as shows shared between stories, with one ``Showing`` per story that tells of each.

A show at a named venue is found by its identity (``keys.show_identity``)
whatever story, and whatever artist, first told of it; a show with no venue
stays its artist's own. Each story's part in a show is its ``Showing``, keyed
within the story like its other records, so re-importing a story changes only
its showings, and a story no longer telling of a show takes away only its
artist (and the show itself when no story and no editor keeps it). Editors'
edits and deletions are left alone as ``policy`` says. The batch of new
stories and the one-story sync both come here.
"""

from dataclasses import dataclass, field

from ..addresses import addresses_of
from ..models import Exhibition, Showing, Venue, venue_key
from . import db, policy, rows

SHOWING_FIELDS = ("venue", "kind", "year", "evidence", "confidence")


@dataclass
class Telling:
    """One story's exhibitions to write: its ``ExhibitionRecord``s and its works by ``title_key``."""

    story: object
    artist: object
    records: tuple
    works: dict
    tombstones: policy.Tombstones
    result: object
    seen: set = field(default_factory=set)


def write_shows(shared, tellings, *, fresh, written=None):
    """Bring the shows and showings of ``tellings`` in line with their records; returns the shows they tell of.

    ``fresh``: the stories are new, so none has showings yet. ``written`` (a
    ``results.Written``) gets the shows created and those changed, for history.
    """
    tellings = [telling for telling in tellings if telling.artist is not None or not fresh]
    planned = []
    for telling in tellings:
        for key, identity, show_values, showing_values, shown in rows.exhibition_rows(
            shared, telling.story.text, telling.artist, telling.records, telling.works
        ):
            telling.seen.add(key)
            if telling.tombstones.prevent("exhibition", key):
                telling.result.left_alone.append(policy.not_recreated_note(f"exhibition {show_values['title']!r}"))
                continue
            planned.append((telling, key, identity, show_values, showing_values, shown))
    existing = {}
    if not fresh:
        existing = {
            (showing.story_id, showing.import_key): showing
            for showing in Showing.objects.filter(story__in=[t.story for t in tellings]).select_related("exhibition")
        }
    identities = sorted({plan[2] for plan in planned})
    # ``exclude(identity="")`` repeats the unique index's condition, so the databases use that partial index.
    stored = Exhibition.objects.filter(identity__in=identities).exclude(identity="")
    shows = {show.identity: show for show in stored} if planned else {}
    venues = _venues([plan[3] for plan in planned])

    new_shows, new_showings, kept, touched, changed = [], [], set(), {}, {}
    for telling, key, identity, show_values, showing_values, shown in planned:
        story, result = telling.story, telling.result
        venue = venues.get(_venue_of(show_values))
        values = {**show_values, "venue_record_id": venue.pk if venue else None}
        show = shows.get(identity)
        if show is None:
            show = Exhibition(story=story, import_key=key, identity=identity, **values)
            shows[identity] = show
            new_shows.append((show, telling.artist))
        elif show.pk is not None and show.story_id in (None, story.pk):
            # The story that first told of the show describes it; other stories only join it.
            adopted = (show.story_id, show.import_key) != (story.pk, key)
            show.story_id, show.import_key = story.pk, key
            if policy.assign(show, values, result, label=f"exhibition {show.title!r}") or adopted:
                show.skip_history_when_saving = True
                show.save()
                changed[show.pk] = show
        showing = existing.get((story.pk, key))
        kept.add((story.pk, key))
        if showing is not None and showing.exhibition.identity == identity:
            if any(getattr(showing, name) != showing_values[name] for name in SHOWING_FIELDS):
                for name in SHOWING_FIELDS:
                    setattr(showing, name, showing_values[name])
                showing.save()
        else:
            if showing is not None:  # the story's artist changed: its own show is another artist's now
                leave_show(showing, result.left_alone)
            showing = Showing(story=story, import_key=key, exhibition=show, **showing_values)
            new_showings.append(showing)
        touched.setdefault(id(show), (show, []))[1].append((telling, shown))

    db.bulk_create_with_slugs(
        Exhibition, [show for show, _ in new_shows], [rows.exhibition_slug_text(s, a) for s, a in new_shows]
    )
    Showing.objects.bulk_create(new_showings)
    new_ids = {show.pk for show, _ in new_shows}
    relinked = _link(touched, new_ids)
    if not fresh:
        _remove_showings(tellings, existing, kept)
    if written is not None:
        written.created += [show for show, _ in new_shows]
        changed.update((show.pk, show) for show, _ in touched.values() if show.pk in relinked)
        written.updated += changed.values()
    return [show for show, _ in touched.values()]


def _venue_of(show_values):
    if not show_values["venue"]:
        return None
    return (venue_key(show_values["venue"]), show_values["city_id"])


def _venues(show_values):
    """{(name key, city id): Venue} for the venues named, created when new."""
    wanted = {}
    for values in show_values:
        identity = _venue_of(values)
        if identity is not None:
            wanted.setdefault(identity, values["venue"])
    if not wanted:
        return {}
    found = {
        (venue.name_key, venue.city_id): venue
        for venue in Venue.objects.filter(name_key__in=sorted({name_key for name_key, _ in wanted}))
    }
    missing = {identity: name for identity, name in wanted.items() if identity not in found}
    if missing:
        found.update(_merged_venues(missing))
    new = [
        Venue(name=name, name_key=name_key, city_id=city_id)
        for (name_key, city_id), name in wanted.items()
        if (name_key, city_id) not in found
    ]
    db.bulk_create_with_slugs(Venue, new, [venue.name for venue in new])
    found.update({(venue.name_key, venue.city_id): venue for venue in new})
    return found


def _merged_venues(missing):
    """{(name key, city id): Venue} for names an editor merged into another venue of the same city.

    A merge keeps the duplicate's name as a former address of the venue kept, so a
    story still naming it finds the venue kept instead of making the duplicate again.
    """
    aliases = addresses_of(Venue).filter(old_name__in=sorted(set(missing.values())))
    targets = dict(aliases.values_list("old_name", "object_id"))
    venues = Venue.objects.in_bulk(set(targets.values())) if targets else {}
    merged = {}
    for (name_key, city_id), name in missing.items():
        venue = venues.get(targets.get(name))
        if venue is not None and venue.city_id == city_id:
            merged[(name_key, city_id)] = venue
    return merged


def _link(touched, new_ids):
    """Each show lists the artists that tell of it and the works they say were shown, unless an editor chose.

    Returns the ids of the shows already stored whose links changed.
    """
    artists, works = Exhibition.artists.through, Exhibition.works.through
    old_shows = [(show, tellings) for show, tellings in touched.values() if show.pk not in new_ids]
    show_ids = [show.pk for show, _ in old_shows]
    # Only the links of these stories' artists and works: a show may list thousands of others.
    artist_ids = {telling.artist.pk for _, tellings in old_shows for telling, _ in tellings}
    work_ids = {work.pk for _, tellings in old_shows for telling, _ in tellings for work in telling.works.values()}
    linked_artists = set()
    if show_ids:
        linked_artists = set(
            artists.objects.filter(exhibition_id__in=show_ids, artist_id__in=artist_ids).values_list(
                "exhibition_id", "artist_id"
            )
        )
    linked_works = set()
    if show_ids and work_ids:
        linked_works = set(
            works.objects.filter(exhibition_id__in=show_ids, work_id__in=work_ids).values_list(
                "exhibition_id", "work_id"
            )
        )
    artist_rows, work_rows, unshown = {}, {}, []
    for show, tellings in touched.values():
        fresh = show.pk in new_ids
        for telling, shown in tellings:
            if (show.pk, telling.artist.pk) not in linked_artists and (fresh or not policy.protects(show, "artists")):
                artist_rows[(show.pk, telling.artist.pk)] = artists(exhibition_id=show.pk, artist_id=telling.artist.pk)
            if fresh or not policy.protects(show, "works"):
                shown_ids = {work.pk for work in shown}
                for work_id in shown_ids:
                    if (show.pk, work_id) not in linked_works:
                        work_rows[(show.pk, work_id)] = works(exhibition_id=show.pk, work_id=work_id)
                if not fresh:
                    story_works = {work.pk for work in telling.works.values()}
                    unshown += [(show.pk, work_id) for work_id in story_works - shown_ids]
            elif shown:
                telling.result.left_alone.append(policy.kept_note(f"exhibition {show}", ["works"]))
    artists.objects.bulk_create(list(artist_rows.values()))
    works.objects.bulk_create(list(work_rows.values()))
    relinked = {show_id for show_id, _ in [*artist_rows, *work_rows]}
    for show_id, work_id in unshown:
        if (show_id, work_id) in linked_works:
            works.objects.filter(exhibition_id=show_id, work_id=work_id).delete()
            relinked.add(show_id)
    return relinked - new_ids


def _remove_showings(tellings, existing, kept):
    """A story's showings its record no longer names go; their artists leave the show, empty shows go."""
    by_story = {telling.story.pk: telling for telling in tellings}
    for (story_id, key), showing in existing.items():
        telling = by_story[story_id]
        if (story_id, key) in kept or telling.tombstones.prevent("exhibition", key):
            continue
        leave_show(showing, telling.result.left_alone)


def leave_show(showing, notes):
    """Delete one showing: its artist leaves the show unless another showing or an editor keeps them there.

    The show itself goes with its last showing, unless an editor changed it.
    ``notes``: where to say what an editor's edit kept.
    """
    show = showing.exhibition
    showing.delete()
    remaining = Showing.objects.filter(exhibition=show)
    if not remaining.filter(artist_id=showing.artist_id).exists():
        if policy.protects(show, "artists"):
            notes.append(policy.kept_note(f"exhibition {show.title!r}", ["artists"]))
        else:
            show.artists.remove(showing.artist_id)
            if not policy.protects(show, "works"):
                show.works.remove(*show.works.filter(story_id=showing.story_id))
    if remaining.exists():
        if show.story_id == showing.story_id:
            # Another story that tells of the show describes it from now on.
            first = remaining.order_by("pk").first()
            show.story_id, show.import_key = first.story_id, first.import_key
            show.skip_history_when_saving = True
            show.save(update_fields=["story", "import_key", "updated_at"])
        return
    if policy.is_edited(show):
        notes.append(policy.kept_note(f"exhibition {show.title!r}"))
    else:
        show.delete()


def story_leaves_its_shows(sender, instance, **kwargs):
    """A deleted story's artists leave the shows only it told of (``pre_delete`` of ``Story``)."""
    for showing in Showing.objects.filter(story=instance).select_related("exhibition"):
        leave_show(showing, [])
