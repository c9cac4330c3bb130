"""Pages stay bounded whatever a story holds (issue 12, items 1 and 2), and mention links are worked out when
the story page renders, from the story's own rows (issue 11)."""

import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import Artist, Story, Work
from profiles.story_markup import story_markup
from profiles.views import PREVIEW_SIZE, STORY_PAGE_MAX_LINKS, STORY_PAGE_MAX_ROWS
from tests.helpers import build_catalogue, make_city
from tests.test_query_counts import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def story_with_works(count, name="Ana Hostile"):
    """One story naming ``count`` quoted works, one sentence each in a single paragraph, every work a row
    with its evidence and every title a WORK mention (the shape of a hostile story)."""
    sentences, spans = [], []
    offset = 0
    for number in range(count):
        title = f"Work {number:05d}"
        sentence = f'{name} painted "{title}". '
        start = offset + sentence.index(title)
        spans.append((offset, offset + len(sentence) - 1, start, start + len(title)))
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences).rstrip()
    story = Story.objects.create(
        source_name=f"hostile-{count}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        record={
            "mentions": [
                {"start": m_start, "end": m_end, "label": "WORK", "text": text[m_start:m_end]}
                for _, _, m_start, m_end in spans
            ]
        },
    )
    artist = Artist.objects.create(name=name, story=story)
    story.artist = artist
    story.save()
    Work.objects.bulk_create(
        Work(
            title=f"Work {number:05d}",
            slug=f"hostile-{count}-work-{number:05d}",
            artist=artist,
            story=story,
            import_key=f"work:work {number:05d}",
            evidence={"title": {"start": start, "end": end, "match": [m_start, m_end]}},
        )
        for number, (start, end, m_start, m_end) in enumerate(spans)
    )
    return story, artist


def story_reads(queries):
    """(the table each query reads from, the story columns it selects) for the queries that select a story's
    text or record."""
    found = []
    for query in queries:
        sql = query["sql"]
        columns = [column for column in ("text", "record") if f'"profiles_story"."{column}"' in sql]
        if columns:
            found.append((outer_table(sql), columns))
    return found


def outer_table(sql):
    """The table of the query's own FROM (not of a subquery in its select list)."""
    depth = 0
    for match in re.finditer(r'[()]| FROM "(\w+)"', sql):
        if match.group(0) == "(":
            depth += 1
        elif match.group(0) == ")":
            depth -= 1
        elif depth == 0:
            return match.group(1)
    return None


def captured(client, url):
    with CaptureQueriesContext(connection) as context:
        page = html(client.get(url))
    return page, context.captured_queries


# --- Mention links at render time --------------------------------------------------------


def test_a_story_without_stored_urls_still_links_its_mentions(client):
    profile = build_catalogue(3)["profiles"][0]
    story = profile["story"]
    story.record = {
        **story.record,
        "mentions": [
            {key: value for key, value in mention.items() if key != "url"} for mention in story.record["mentions"]
        ],
    }
    story.save()
    page = html(client.get(story.get_absolute_url()))
    for label, record in [
        ("artist", profile["artist"]),
        ("city", profile["artist"].birth_city),
        ("work", profile["work"]),
        ("venue", profile["exhibition"]),
        ("city", profile["exhibition"].city),
    ]:
        assert f'<a class="mention mention-{label}" href="{record.get_absolute_url()}">' in page, label
    assert '<span class="mention mention-person">' in page


def test_stored_urls_are_ignored_and_cities_come_from_the_record(client):
    profile = build_catalogue(3)["profiles"][0]
    story = profile["story"]
    lisbon = make_city("Lisbon", "PT", "Portugal")  # a city of the record no row of the story brings along
    story.text += " Later she lived in Lisbon."
    start = story.text.index("Lisbon")
    story.record = {
        **story.record,
        "cities": [{"name": "Lisbon", "country": "pt", "evidence": {"match": [start, start + 6]}}],
        "mentions": [
            {**mention, "url": "/works/somewhere-else/"} if mention["label"] == "WORK" else mention
            for mention in story.record["mentions"]
        ]
        + [{"start": start, "end": start + 6, "label": "CITY", "text": "Lisbon"}],
    }
    story.save()
    page = html(client.get(story.get_absolute_url()))
    assert "/works/somewhere-else/" not in page
    assert f'<a class="mention mention-work" href="{profile["work"].get_absolute_url()}">' in page
    assert f'<a class="mention mention-city" href="{lisbon.get_absolute_url()}">' in page


def test_a_renamed_work_keeps_its_mention_link(client):
    profile = build_catalogue(3)["profiles"][0]
    work = profile["work"]
    work.import_key = "work:work number 0"
    work.title = "A new title"
    work.save()
    page = html(client.get(profile["story"].get_absolute_url()))
    assert f'<a class="mention mention-work" href="{work.get_absolute_url()}">' in page


# --- Issue 12, item 1: no page loads a story's text or record per row ------------------------------


@pytest.mark.parametrize("page", ["artist", "story", "works"])
def test_pages_never_load_a_story_per_row(client, page):
    story, artist = story_with_works(50)
    url = {"artist": artist.get_absolute_url(), "story": story.get_absolute_url(), "works": "/works/"}[page]
    _, queries = captured(client, url)
    reads = story_reads(queries)
    # No query for the works or exhibitions reads their story: each story is read once, on its own.
    assert {table for table, _ in reads} <= {"profiles_story", "profiles_artist"}, reads
    # The story's text once, and on the story page its record once more, to render the text.
    assert sum("text" in columns for _, columns in reads) <= 1
    assert sum("record" in columns for _, columns in reads) <= 1
    # Only the story page needs a story's record.
    assert any("record" in columns for _, columns in reads) == (page == "story")
    if page == "works":
        assert reads == []


def test_a_story_with_thousands_of_works_renders_every_page(client):
    story, artist = story_with_works(2000)
    page = html(client.get(artist.get_absolute_url()))
    # The first works, each with its evidence, and a link to all of them.
    assert page.count('class="evidence-link"') >= PREVIEW_SIZE
    assert f'href="/works/?artist={artist.slug}">All 2,000 works' in page
    assert "All 2,000 works" in html(client.get(story.get_absolute_url()))
    html(client.get("/works/"))
    html(client.get(Work.objects.filter(story=story).first().get_absolute_url()))


# --- Issue 12, item 2: the story page renders in one linear pass -------------------------------------------


def test_the_story_page_runs_the_same_queries_for_ten_mentions_or_thousands(client):
    small, _ = story_with_works(10, name="Ana Small")
    large, _ = story_with_works(3000, name="Ana Large")
    _, small_queries = captured(client, small.get_absolute_url())
    page, large_queries = captured(client, large.get_absolute_url())
    assert len(small_queries) <= QUERY_BUDGET["story-detail"]
    # Past the first rows of each kind the text needs every row of that kind: one query each, at most.
    assert len(large_queries) <= QUERY_BUDGET["story-detail"] + 3
    # Linked and anchored up to the page's limits, whatever the story holds.
    assert page.count('<a class="mention mention-work"') == STORY_PAGE_MAX_LINKS
    assert page.count('<span class="anchor"') == STORY_PAGE_MAX_ROWS


def _counted(name):
    def compare(self, other):
        Offset.comparisons += 1
        return getattr(int, name)(self, other)

    return compare


class Offset(int):
    """An offset that counts how often the renderer compares it."""

    comparisons = 0
    __lt__, __le__, __gt__, __ge__, __eq__ = map(_counted, ("__lt__", "__le__", "__gt__", "__ge__", "__eq__"))
    __hash__ = int.__hash__


def comparisons_to_render(count):
    """How many offset comparisons ``story_markup`` makes for ``count`` sentences with a match each."""
    text = "".join(f'She painted "Work {number:05d}". ' for number in range(count))
    evidence = []
    for number in range(count):
        start = text.index(f'She painted "Work {number:05d}"')
        match = text.index(f"Work {number:05d}", start)
        evidence.append((Offset(start), Offset(start + 25), (Offset(match), Offset(match + 10))))
    mentions = [{"start": m[0], "end": m[1], "label": "WORK", "url": "/works/x/"} for _, _, m in evidence]
    Offset.comparisons = 0
    html_, ids = story_markup(text, mentions, evidence)
    assert len(ids) == count
    return Offset.comparisons


def test_the_story_renderer_grows_linearly_with_its_spans():
    # Sorting makes it n log n: four times the spans may cost a little more than four times the work,
    # never the sixteen times a pass over every span for every piece of text costs.
    small, large = comparisons_to_render(500), comparisons_to_render(2000)
    assert large < 6 * small
