"""Stage 1: normalisation and the word/sentence layout."""

from profiles.extraction.text import find_quotes, normalise


def test_normalise_keeps_length_and_straightens_quotes():
    text = "\u201cRain\u201d \u2018x\u2019\u00a0y\x07z\u200bq"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith('"Rain"')
    assert "\x07" not in norm
    assert "\u200b" not in norm


def test_normalise_replaces_lone_surrogates():
    assert normalise("a\udcffb") == "a\ufffdb"


def test_normalise_breaks_pathological_runs_without_changing_length():
    text = "!" * 500
    norm = normalise(text)
    assert len(norm) == 500
    assert " " in norm


def test_hyphenated_names_and_numbers_are_one_word(analyse):
    story = analyse("Elvin Harrington-Aliyev was a 29-year-old painter. At thirty-four he moved.").story
    assert "Harrington-Aliyev" in story.words
    assert "29-year-old" in story.words
    assert "thirty-four" in story.words


def test_paragraph_break_ends_a_sentence(analyse):
    story = analyse("A title without a full stop\n\nThen a sentence.").story
    assert len(story.sentences) == 2
    assert story.sentences[1].paragraph == 1


def test_sentence_offsets_index_the_original_text(analyse):
    text = "Ana Ruiz paints.  \u201cIt is late,\u201d she said. Then she slept."
    story = analyse(text).story
    sentences = [text[s.start : s.end] for s in story.sentences]
    assert sentences[0] == "Ana Ruiz paints."
    assert sentences[1].startswith("\u201cIt is late")


def test_quotes_and_stars_are_found():
    quotes = find_quotes('He sang "Blue Hour" and painted *Red Sea* twice.')
    assert [q.mark for q in quotes] == ['"', "*"]


def test_the_story_counts_and_finds_its_lowercase_words_once(analyse):
    story = analyse("Ana Ruiz paints. She paints what she sees, and she is a Painter.").story
    counts = story.lower_counts()
    assert counts["paints"] == 2
    assert counts["painter"] == 1
    assert story.lower_counts() is counts  # (counted once per story)
    assert story.count_of(frozenset({"she", "painter", "absent"})) == 4
    assert story.positions(frozenset({"she", "absent"})) == [k for k, w in enumerate(story.lower_words) if w == "she"]
    assert story.positions(frozenset({"absent"})) == []


def test_the_story_finds_many_words_from_one_index(analyse):
    story = analyse("She paints. She paints what she sees, and she is a Painter; Blue is blue.").story
    index = story.word_positions()
    assert story.word_positions() is index  # (gathered once per story)
    assert index["she"] == [k for k, w in enumerate(story.lower_words) if w == "she"]
    both = story.positions(frozenset({"she", "paints", "absent"}))
    assert both == sorted(k for k, w in enumerate(story.lower_words) if w in ("she", "paints"))
    story.positions(frozenset({"she"})).clear()  # (a caller's list is its own)
    assert story.positions(frozenset({"she"})) == index["she"] != []


def test_the_story_counts_the_words_it_writes_in_lower_case(analyse):
    story = analyse("Blue Hour was blue. The blue sea and the Sea.").story
    counts = story.lowercase_counts()
    assert counts["blue"] == 2  # ("Blue" is written with a capital)
    assert counts["sea"] == 1
    assert counts["the"] == 1
    assert story.lowercase_counts() is counts
    # (Counted when asked: a word written only with a capital, or not at all, counts 0, asked twice.)
    assert counts["hour"] == counts["hour"] == 0
    assert counts["absent"] == counts["absent"] == 0
    assert story.lower_counts()["hour"] == 1
