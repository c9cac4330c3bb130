"""The works' stage: possible titles, from every source the rules use and some they do not.

The rules' titles and quoted stretches they dropped, unquoted titles after a
work noun, every other capitalised run (carried over its small words, or over
the lowercase words of a title in another language), and the short lines that
head an entry.  Word lists are in data/candidates.json and data/works.json.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from ..data import load
from ..labelled import line_label
from ..lexicon import Lexicon
from ..mentions import Mentions, Title, clean_title
from ..scoring import title_key as _title_key
from ..story_record import MentionLabel
from ..text import AnalysedStory, numbering_abbreviations
from ..textutil import fold
from ..tokenizer import stop_words
from ..works import WorkMention, belongs_to_someone_else, first_cue, names_an_exhibition, shown_as_a_show
from .base import (
    _QUOTE_WORDS,
    _YEAR,
    AGENT_SUFFIXES,
    BIRTH_TRIGGERS,
    PREDICATE_VERBS,
    TITLE_ARTICLES,
    TRADE_NOUNS,
    WORK_NOUNS,
    Candidate,
    Findings,
    _bucket,
    _position,
    _sentence_words,
    _Spans,
    _window,
    _words_of,
)

_WORDS = load("candidates")
SPEECH_WORDS = frozenset(_WORDS["speech_words"])
NAMING_FILLERS = frozenset(_WORDS["naming_fillers"])
TITLE_CHUNK_LABELS = frozenset(MentionLabel(label) for label in _WORDS["title_chunk_labels"])
TITLE_VENUE_EVIDENCE = frozenset(_WORDS["title_venue_evidence"])
_TITLE_WORDS = load("works")
TITLE_LINK_WORDS = frozenset(_TITLE_WORDS["link_words"])
_NUMBERED = numbering_abbreviations()  # "No", "Op": with a full stop and a number they stay inside a title
LINE_HEADINGS = frozenset(_TITLE_WORDS["line_headings"])
TITLE_EXHIBITION_WORDS = frozenset(_TITLE_WORDS["exhibition_words"])
RANKING_WORDS = frozenset(_TITLE_WORDS["ranking_words"])
SAYING_NOUNS = frozenset(_TITLE_WORDS["saying_nouns"])
_ENGLISH_STOP_WORDS = stop_words()
TITLE_NUMBER_WORDS = frozenset(_TITLE_WORDS["number_words"])
# The work nouns and the nouns of made things the title stages read ("the twelve-panel screen Kurokami")
TITLE_WORK_NOUNS = WORK_NOUNS | frozenset(_TITLE_WORDS["object_nouns"])
NAMING_WORDS = frozenset(_TITLE_WORDS["naming_words"])
NAMED_NON_WORKS = frozenset(_TITLE_WORDS["named_non_works"])
LABEL_LINE_WORDS = frozenset(_TITLE_WORDS["label_line_words"])
SECTION_WORDS = {section: frozenset(words) for section, words in _TITLE_WORDS["section_words"].items()}
_SENTENCE_CASE_WORDS = 4  # lowercase words a sentence-case title may carry past its capitalised opening
_SENTENCE_CASE_LABELS = frozenset((MentionLabel.NAME, MentionLabel.PERSON, MentionLabel.WORK))  # not "Chinese media"
title_key = lru_cache(maxsize=65536)(_title_key)
_LONGEST_VENUE = 300  # characters: a venue mention that starts further back cannot overlap a title
_STOP_PUNCT = frozenset((",", ".", ";", ":", "(", ")", "!", "?", "\u2014", "-", '"', "\u300b", "\u300d", "\u300f"))


def _title_features(
    story: AnalysedStory, found: Findings, title: Title, source: str, known: WorkMention | None
) -> tuple[list[str], str, float]:
    first, last = _words_of(story, title.inner_start, title.inner_end)
    sentence = story.sentence_of(title.start)
    if known is not None:  # the rules' work: its kind is found already
        bonus = 0.1 if not title.cued and title.mark == '"' else 0.0
        kind, kind_confidence = known.kind, round(known.confidence + bonus, 2)
    else:  # (the kind costs a pass of the kind patterns: found only for the titles the record keeps)
        kind, kind_confidence = "", 0.0
    words = title.text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    features = [f"src={source}", f"mark={title.mark}", f"cued={title.cued}", f"kind={kind}", f"kc={kind_confidence}"]
    features.append(f"len={_bucket(len(words), (2, 3, 5, 8))}")
    features.append(f"caps={_bucket(capitals / max(1, len(words)), (0.3, 0.6, 0.99))}")
    features.append(f"end_punct={title.text[-1:] in '.!?,'}")
    features.append(f"person={not found.mentions.person_words.isdisjoint(words)}")
    features += _window(story, first, last)
    features += _position(story, sentence, found.refs)
    features += _sentence_words(story, sentence, SPEECH_WORDS, "sw")
    features += _sentence_words(story, sentence, WORK_NOUNS, "wn")
    return features, kind, kind_confidence


def _unquoted_titles(story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]) -> list[list[Title]]:
    """Capitalised stretches after a work noun ("her collection Chandni", "a newer work, Xalaat",
    "her first collection of poems, Baran-e Sorkh", "we called it Bws")."""
    taken_spans = _Spans(taken)
    words, lower = story.words, story.lower_words
    titles: list[list[Title]] = []
    nouns = TITLE_WORK_NOUNS.intersection(lower)
    if not nouns:
        return titles
    counts: Counter | None = None
    for k in story.positions(nouns):
        if k + 1 >= len(words) or (
            words[k + 1][:1].islower() and lower[k + 1] not in NAMING_FILLERS and not _comma_soon(words, k + 1)
        ):
            continue  # (most work nouns: a lowercase word follows and no comma comes soon)
        sentence_end = story.sentences[story.word_sentence[k]].end_word
        j = k + 1
        while j < min(sentence_end, k + 3) and lower[j] in NAMING_FILLERS and words[j] not in TITLE_ARTICLES:
            j += 1  # ("her film The Long Quay": a capitalised article opens the title)
        if j < sentence_end and words[j] == ",":
            j += 1
        elif j < sentence_end and words[j] in _TITLE_BRACKETS:
            j += 1  # "her long scroll 《Fog City》": the brackets some scripts quote a title with
        elif j < sentence_end and not _opens(words[j]):
            # "collection of poems, Title": a comma after a few lowercase words
            gap = j
            while gap < min(sentence_end, k + 6) and words[gap][:1].islower():
                gap += 1
            if gap < sentence_end - 1 and words[gap] == ",":
                j = gap + 1
        if j >= sentence_end or not _opens(words[j]) or j in story.initial:
            continue
        # Up to the next punctuation ("El puerto dormido,") and the capitalised run ("Yard Gods drew"):
        # alternatives, of which the model keeps one at most.
        run = j
        while run < sentence_end and _opens(words[run]) and run - j < 6:
            run += 1
        run = _past_number(words, lower, run, sentence_end)
        end = j
        while end < min(sentence_end, j + 7) and (
            words[end] not in _STOP_PUNCT or _past_number(words, lower, end, sentence_end) > end
        ):
            end = _past_number(words, lower, end, sentence_end) if words[end] in _STOP_PUNCT else end + 1
        ends = [run] if end >= min(sentence_end, j + 7) or words[end] not in _STOP_PUNCT or end == run else [end, run]
        if run - j <= 3:  # "the painting Inti Raymi en la lluvia won ...": a sentence-case title
            if counts is None:
                counts = story.lowercase_counts()
            small = found.lexicon.title_small_words
            ends += [e for e in _sentence_case_ends(story, counts, j, run, sentence_end, small) if e not in ends]
        linked = _linked_run(words, lower, j, sentence_end)
        if linked > run and linked not in ends:
            ends.append(linked)  # "her canvas Privoz at Dawn shows ...": over the title's small words
        last = max(run, linked)
        if last + 1 < sentence_end and words[last] == "," and words[last + 1][:1].isupper():
            second = _linked_run(words, lower, last + 1, sentence_end, 5)
            if second - last <= 4:
                ends.append(second)  # "her installation Blue Tiles, Black Ink, a room ..."
        start = story.starts[j]
        spans = [(start, story.ends[e - 1]) for e in ends]
        if taken_spans.overlaps(start, spans[0][1]):
            continue
        alternatives = [
            Title(start, stop, start, stop, clean_title(story.text[start:stop]), False, "") for start, stop in spans
        ]
        alternatives = [t for t in alternatives if t.text]
        if alternatives:
            titles.append(alternatives)
    return titles


_TITLE_BRACKETS = frozenset(("\u300a", "\u300c", "\u300e"))


def _opens(word: str) -> bool:
    """Can ``word`` open a title: a capital, or a letter of a script without capitals (Chinese,
    Korean, Thai, Arabic), whose titles an English story writes as they are ("the series 무등")."""
    head = word[:1]
    return head.isupper() or (head.isalpha() and not head.islower())


def _comma_soon(words: list[str], j: int) -> bool:
    return "," in words[j : j + 5]


def _past_number(words: list[str], lower: list[str], end: int, stop: int) -> int:
    """``end``, or past ". 7" when the run ends in a numbering abbreviation ("Allotment No. 7")."""
    if (
        end > 0
        and end + 1 < stop
        and words[end] == "."
        and lower[end - 1] in _NUMBERED
        and words[end + 1][:1].isdigit()
    ):
        return end + 2
    return end


def _linked_run(words: list[str], lower: list[str], j: int, stop: int, longest: int = 9) -> int:
    """The end of the capitalised run from ``j`` carried on over small words that stand between
    capitalised ones ("Privoz at Dawn", "Vesuvio con Panni Stesi", "The Garden of Lost Letters")."""
    end = k = j
    stop = min(stop, j + longest)
    while k < stop:
        if words[k][:1].isupper():
            k = _past_number(words, lower, k + 1, stop)
            end = k
            continue
        m = k
        if lower[m] == "'s" and m > j:
            m += 1  # "Mother's Fishing Place", "Hiroshi's Boat"
        while m < stop and m - k < 2 and lower[m] in TITLE_LINK_WORDS and words[m][:1].islower():
            m += 1
        if m == k or m >= stop or not words[m][:1].isupper():
            break
        k = m
    return end


def _sentence_case_ends(
    story: AnalysedStory, counts: Counter, first: int, end: int, stop: int, small: frozenset[str]
) -> list[int]:
    """Where the capitalised run ``first:end`` may end if carried on over the lowercase words after it
    that the story writes nowhere else and that are no English stop word ("Les Heures creuses", "Kot w
    butach", "Inti Raymi en la lluvia"): a title in another language or in sentence case, whose words
    are its own (prose words come back); never after a title's small word."""
    words, lower = story.words, story.lower_words
    repeats = max(1, story.low.count(" ".join(lower[first:end])))
    ends = []
    k = end
    while (
        k < min(stop, end + _SENTENCE_CASE_WORDS)
        and words[k][:1].islower()
        and words[k].replace("'", "").replace("\u2019", "").replace("-", "").isalpha()
        and lower[k] not in _ENGLISH_STOP_WORDS
        and (lower[k] in small or counts[lower[k]] <= repeats)
    ):
        k += 1
        if lower[k - 1] not in small:
            ends.append(k)
    return ends


def _known_share(story: AnalysedStory, lowercase_counts: Counter, first: int, end: int, text: str) -> str:
    """How many of a title's lowercase words the story also writes elsewhere (English prose does;
    a title in another language's words are its own)."""
    loose = [story.lower_words[k] for k in range(first, end) if story.words[k][:1].islower()]
    if not loose:
        return "none"
    repeats = max(1, story.low.count(text.lower()))
    known = sum(1 for w in loose if lowercase_counts[w] > repeats)
    return str(_bucket(known / len(loose), (0.01, 0.5, 0.99)))


def _chunk_titles(story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]) -> list[tuple[Title, str, int]]:
    """Every other capitalised run that is not the protagonist, a place or a venue: a possible title.

    Over-proposed on purpose ("The breakthrough came with Blue Hours, an installation ..."): the
    decision model tells titles from the rest by their words and context.
    """
    taken_spans = _Spans(taken)
    words, lower = story.words, story.lower_words
    openers = found.lexicon.openers
    own = found.protagonist.words
    titles = []
    counts: Counter | None = None
    for m in found.mentions.chunks:
        if m.label not in TITLE_CHUNK_LABELS and not (
            m.label == MentionLabel.VENUE and m.evidence in TITLE_VENUE_EVIDENCE
        ):
            continue
        first = m.first_word
        if all(w.lower() in own for w in words[first : m.end_word]):
            continue
        sentence = story.word_sentence[first]
        while (
            first > 0
            and words[first - 1][:1].isupper()
            and story.word_sentence[first - 1] == sentence
            and lower[first - 1] not in openers
        ):
            first -= 1  # a capitalised common word the mentions trimmed off ("Container Moon" opening a line)
        article = -1
        if first > 0 and lower[first - 1] in TITLE_NUMBER_WORDS and words[first - 1][:1].isupper():
            if first - 1 not in story.initial:
                first -= 1  # "and Ten Thousand Lanterns": a number word, no name's end
            else:
                article = first - 1  # "Two Rivers, One Mouth, a film ...": with or without, one at most
        elif first > 0 and words[first - 1] in TITLE_ARTICLES:
            if first - 1 not in story.initial:
                first -= 1  # "then The Umbrella Girl"
            else:
                article = first - 1  # "The Iron Supra, a forged table, ...": with or without, one at most
        start, stop = (
            story.starts[first],
            story.ends[_past_number(words, lower, m.end_word, story.sentences[sentence].end_word) - 1],
        )
        if taken_spans.overlaps(start, stop):
            continue
        text = clean_title(story.text[start:stop])
        if not text:
            continue
        label = f"{m.label.value}{m.evidence}"
        linked = _linked_run(words, lower, first, story.sentences[sentence].end_word)
        joined = story.ends[linked - 1] if linked > m.end_word else stop
        joined_text = clean_title(story.text[start:joined]) if joined > stop else ""
        if joined_text and taken_spans.overlaps(start, joined):
            joined_text = ""
        options = [(start, stop, text, label)]
        if joined_text:
            # "Water Dreaming at Ntaria": the run alone or carried on over its small words, one at most
            link = "+poss" if "'s" in lower[first:linked] else "+link"
            options.append((start, joined, joined_text, label + link))
        end_word = linked if joined_text else m.end_word
        sentence_end = story.sentences[sentence].end_word
        if m.end_word - first <= 3 and m.label in _SENTENCE_CASE_LABELS:
            if counts is None:
                counts = story.lowercase_counts()
            small = found.lexicon.title_small_words
            for lowered in _sentence_case_ends(story, counts, first, m.end_word, sentence_end, small):
                # "Les Heures creuses", "El abrazo": the run carried on over lowercase words, one at most
                stop3 = story.ends[lowered - 1]
                if not taken_spans.overlaps(start, stop3):
                    options.append((start, stop3, clean_title(story.text[start:stop3]), label + "+lower"))
        if end_word + 1 < sentence_end and words[end_word] == "," and words[end_word + 1][:1].isupper():
            # "Blue Tiles, Black Ink", "Titicaca, Year Zero": a title with a comma in it, or two names
            second = _linked_run(words, lower, end_word + 1, sentence_end, 5)
            stop2 = story.ends[second - 1]
            if second - end_word <= 4 and not taken_spans.overlaps(start, stop2):
                options.append((start, stop2, clean_title(story.text[start:stop2]), label + "+comma"))
        if article >= 0:
            head = story.starts[article]
            options += [(head, e, clean_title(story.text[head:e]), lab + "+art") for _, e, _, lab in list(options)]
        group = start if len(options) > 1 else -1
        for a, b, option, lab in options:
            if option:
                titles.append((Title(a, b, a, b, option, False, ""), lab, group))
    return titles


_LINE_TAIL = re.compile(
    r"(?:[\s,;/|\u2013\u2014-]*(?:\([^()]*\)|(?:c\.|circa|about|ca\.)\s*\d{4}|\d{4}(?:\s*[\u2013-]\s*\d{2,4})?))+[\s.,]*$"
)


_LABEL_WORD = re.compile(r"[^\W\d_]+\.?")
_FIELD_LABEL = re.compile(r"[^\W\d][\w ]{0,24}:\s")
_TAIL_ENDS = frozenset("0123456789).,")


def _label_words(text: str) -> bool:
    words = _LABEL_WORD.findall(text)
    return not LABEL_LINE_WORDS.isdisjoint(words + [w.rstrip(".") for w in words])


def _line_titles(
    story: AnalysedStory, found: Findings, taken: list[tuple[int, int]]
) -> list[list[tuple[Title, list[str]]]]:
    """Short lines of their own, a work's title as a wall label, a lot or a programme gives it
    ("Polar Night, 14:00" above "2019" and "Archival pigment print"): the whole line less a
    trailing date, and its parts before a bracket, a comma or after a colon, one at most.
    """
    taken_spans = _Spans(taken)
    text = story.text
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lines.append((offset + len(line) - len(line.lstrip()), stripped))
        offset += len(line) + 1
    if len(lines) < 3:
        return []
    own = found.protagonist.words
    body = next((k for k, (_, line) in enumerate(lines) if line.count(" ") > 12 and line[-1] in '.!?"'), len(lines))
    out = []
    for index, (left, line) in enumerate(lines[:body]):  # a title's own line heads the entry
        if len(line) > 90 or line.count(" ") > 12 or not (_opens(line) or line[0] in "\"'\u201c\u2018*_"):
            continue
        tail = _LINE_TAIL.search(line) if line[-1] in _TAIL_ENDS else None
        core = line[: tail.start()] if tail else line
        if not core or (core.endswith(".") and core.count(" ") > 5):
            continue
        spans = {"line": (0, len(core))}
        if "(" in core:
            spans["bracket"] = (0, core.index("("))
        if ", " in core:
            spans["comma"] = (0, core.index(", "))
        if ": " in core:
            colon = core.index(": ")
            spans["colon_before"], spans["colon_after"] = (0, colon), (colon + 2, len(core))
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        previous = lines[index - 1][1] if index else ""
        dated = bool(tail and _YEAR.search(tail.group())) or any(
            _YEAR.search(later[:40]) for _, later in lines[index + 1 : index + 3]
        )
        after_name = any(w.lower() in own for w in previous.split())
        # A wall label: the title's line, then the artist's ("Caldera, Morning" / "Ingrid Solheim-Vázquez")
        before_name = any(w.lower().strip(",:;") in own for w in following.split()[:4])
        after_year = bool(_YEAR.search(previous))  # the artist's dates or the line of their birth
        # "Oil on canvas", "Dir. X · 2024 · 94 min", "Written and performed by X" within the lines below:
        # the entry a title heads, in a wall label's or a programme's register
        below = " ".join(later for _, later in lines[index + 1 : index + 4]).lower()
        label_self = _label_words(core.lower())
        label_below = not label_self and _label_words(below)  # (a medium's line has more of them below)
        words = core.lower().replace(",", " ").split()
        if "b." in words or not BIRTH_TRIGGERS.isdisjoint(words):
            continue  # the artist's line of birth
        common = [
            f"lineno={min(index, 6)}",
            f"dated={dated}",
            f"next_lower={following[:1].islower()}",
            f"after_name={after_name}",
            f"before_name={before_name}",
            f"after_year={after_year}",
            f"upper={core.isupper()}",
            f"label_self={label_self}",
            f"label_below={label_below}",
            f"label_below={label_below}&lineno={min(index, 2)}",
            f"dated={dated}&after_year={after_year}",
        ]
        options: list[tuple[Title, list[str]]] = []
        seen: set[str] = set()
        for how, (a, b) in spans.items():
            start, stop = left + a, left + b
            title = clean_title(text[start:stop])
            key = title.lower()
            if not title or key in seen or key in LINE_HEADINGS or len(title.split()) > 10:
                continue
            if not (_opens(title) or title[0].isdigit()) or all(w.lower() in own for w in title.split()):
                continue
            if taken_spans.overlaps(start, stop):
                continue  # a quoted line is a quoted title already
            seen.add(key)
            # "Venue: Pera Museum", "Artist: X": a field's label and its value, no title
            shape = [f"alt={how}", f"alt={how}&{common[-1]}", f"labelled={_FIELD_LABEL.match(title) is not None}"]
            options.append((Title(start, stop, start, stop, title, False, ""), shape + common))
        if options:
            out.append(options)
    return out


def _shape(word: str) -> str:
    """A number by its shape ("2018" -> "<year>"), so that "Title, 2018" and "Title (2016)" generalise."""
    if word[:1].isdigit():
        return "<year>" if len(word) == 4 and word.isdigit() else "<num>"
    return word


def _context_features(story: AnalysedStory, title: Title) -> list[str]:
    """The words around a title past its quote marks, and whether an appositive names a kind of work."""
    lower = story.lower_words
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    features = [f"init={first == sentence.first_word}"]
    window = lower[max(sentence.first_word, first - 4) : first]
    before = [_shape(w) if w[:1].isdigit() else w for w in window if w not in _QUOTE_WORDS]
    features.append(f"b1={before[-1] if before else '<s>'}")
    if len(before) > 1:
        features.append(f"b21={before[-2]}_{before[-1]}")
    window = lower[end : min(sentence.end_word, end + 7)]
    after = [_shape(w) if w[:1].isdigit() else w for w in window if w not in _QUOTE_WORDS]
    features.append(f"exh_after={not TITLE_EXHIBITION_WORDS.isdisjoint(window[:6])}")
    # '"Salt and Iron", a solo exhibition by ...', '"X" (group exhibition)': an appositive calls it a show
    features.append(
        f"exh_appos={len(after) > 1 and after[0] in (',', '(') and not TITLE_EXHIBITION_WORDS.isdisjoint(after[1:5])}"
    )
    features.append(f"a1={after[0] if after else '</s>'}")
    if len(after) > 1 and after[0] == "(":
        features.append(f"p2={after[1]}")  # "Gewicht (2016)", "Pasar Malam (Night Market)"
        features += _past_bracket(story, sentence.end_word, end)
    features.append(f"year_after={'<year>' in after[:4]}")
    if first - sentence.first_word <= 2:
        # "In Kolanut, they dance ...", "That was Undercurrent, ...": a title opening the sentence
        features.append(f"open={before[-1] if before else '<s>'}&a1={after[0] if after else '</s>'}")
    earlier = lower[sentence.first_word : first]
    features.append(f"exh_earlier={not TITLE_EXHIBITION_WORDS.isdisjoint(earlier)}")
    # "A retrospective of his smaller works, "Azul"", "a show of his studio paintings, "Mam"": the clause's
    # first noun, not the nearest, says whether the name is a show's or a work's.
    head = _clause_head(earlier)
    features.append(f"head={head}")
    features.append(f"head={head}&b1={before[-1] if before else '<s>'}")
    features.append(f"line_start={_line_start(story.text, title.start)}")
    if len(after) > 1 and after[0] == ",":
        features.append(f"a2={after[1]}")
        noun = next((w for w in after[1:6] if w in TITLE_WORK_NOUNS), None)
        features.append(f"appos_wn={noun is not None}")
        if after[1] in ("a", "an", "the"):
            features.append(f"appos_art_wn={noun is not None}")
    near = next((w for w in reversed(before) if w in TITLE_WORK_NOUNS), None)
    features.append(f"wn_before={near is not None}")
    # "the disc Kalemba", "her video Galmaegi", "the smaller weaving Wak'a": a noun phrase right before
    # the title, whichever noun it is.
    np_noun = bool(before) and before[-1].isalpha() and before[-1] not in _TITLE_SMALL_WORDS
    features.append(f"np_b1={np_noun and not _NP_OPENERS.isdisjoint(before[-4:-1])}")
    # "A new rug, "Container", woven ...", "a new cloak, *Te Hau Kāinga*": the same noun phrase, then a comma
    wide = [w for w in lower[max(sentence.first_word, first - 7) : first] if w not in _QUOTE_WORDS]
    np_comma = len(wide) > 2 and wide[-1] == "," and wide[-2].isalpha() and wide[-2] not in _TITLE_SMALL_WORDS
    features.append(f"np_comma={np_comma and not _NP_OPENERS.isdisjoint(wide[-6:-2])}")
    features.append(f"rank_before={not RANKING_WORDS.isdisjoint(before)}")
    # A quote right after a noun that names a saying ("his workshop motto, "X""): a rare noun's own weight
    # teaches little, the class's does.
    said = [w for w in before if w[:1].isalpha()][-1:]
    features.append(f"saying_before={not SAYING_NOUNS.isdisjoint(said)}")
    return features


def _past_bracket(story: AnalysedStory, stop: int, end: int) -> list[str]:
    """The words after a bracket that follows a title ("Kant (2019), neckpieces of pierced silver",
    "Bamboo Lung (2018), a walk-through pavilion"): the appositive past a year or a translation."""
    lower = story.lower_words
    close = next((k for k in range(end, min(stop, end + 12)) if lower[k] == ")"), None)
    if close is None:
        return []
    rest = [_shape(w) for w in lower[close + 1 : min(stop, close + 3)]]
    features = [f"pa1={rest[0] if rest else '</s>'}"]
    if len(rest) > 1 and rest[0] == ",":
        features.append(f"pa2={rest[1]}")
    return features


_CLAUSE_JOINERS = frozenset(_TITLE_WORDS["clause_joiners"])
_NP_OPENERS = frozenset(_TITLE_WORDS["noun_phrase_openers"])
_TITLE_SMALL_WORDS = frozenset(_TITLE_WORDS["small_words"]) | _NP_OPENERS


def _clause_head(earlier: list[str]) -> str:
    """Which kind of noun comes first in the clause before a title: a show's, a work's or neither."""
    start = max(
        (
            k + 1
            for k, w in enumerate(earlier)
            if w in (";", ":", "\u2014") or (w in _CLAUSE_JOINERS and k > 0 and earlier[k - 1] == ",")
        ),
        default=0,
    )
    for w in earlier[start:]:
        if w in TITLE_EXHIBITION_WORDS:
            return "exh"
        if w in WORK_NOUNS:
            return "work"
    return "none"


_BULLETS = " \t-\u2013\u2014\u2022*\"'\u201c\u2018_"


def _line_start(text: str, start: int) -> bool:
    """Does the title open its line (a list entry, "- Wasserschrift (2021)")?"""
    line = text.rfind("\n", max(0, start - 80), start)
    if line < 0 and start > 80:
        return False
    return not text[line + 1 : start].strip(_BULLETS)


def _title_shape_features(story: AnalysedStory, found: Findings, title: Title, source: str) -> list[str]:
    """What tells a title from a phrase or a show's name: lowercase words that are no title's small
    words ("Hrafnar came three years later"), a comma inside, an exhibition word in it (after it: see
    :func:`_context_features`), and whether the story names it again (a work is talked about; a
    passing phrase is not)."""
    small = found.lexicon.title_small_words
    lowered = title.text.lower()
    words = lowered.split()
    loose = sum(1 for w in title.text.split() if w[:1].islower() and w not in small)
    features = [f"lw={source}:{_bucket(loose, (1, 2, 3))}", f"comma_in={',' in title.text}"]
    features.append(f"exh_in={not TITLE_EXHIBITION_WORDS.isdisjoint(words)}")
    content = [w for w in words if w not in small]
    if content:  # words the story never writes in lower case: names, or words of another language
        common = sum(1 for w in content if w in story.lowercase_vocabulary) / len(content)
        features.append(f"lc_share={_bucket(common, (0.01, 0.5, 0.99))}")
    again = story.low.count(lowered) - 1 if lowered else 0
    again_bucket = _bucket(again, (1, 2, 3))
    features.append(f"again={again_bucket}")
    features.append(f"again={again_bucket}&src={source}")
    return features


_SHOW_GLUE = frozenset((",", ":", "called", "titled", "entitled", "named", "title", "the"))


def _show_name(story: AnalysedStory, found: Findings, title: Title) -> str:
    """Whether the noun phrase around a title is a show that the title names, past the work nouns
    inside it: before it ("a solo exhibition of the photographs, *Smena*", "Exhibition title: "X"")
    or as its appositive ("*Low Water*, her second solo exhibition at ..."): a show's name, whatever
    work nouns stand near it ("before", "of", "appos" or "none")."""
    lower = story.lower_words
    if not lower:
        return "none"
    cues = found.lexicon.exhibition_title_cues
    first = story.first_word_from(title.start)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    k = first - 1
    while k >= sentence.first_word and (lower[k] in _QUOTE_WORDS or lower[k] in _SHOW_GLUE):
        k -= 1
    if k >= sentence.first_word and lower[k] in cues:
        return "before"
    # "a solo show of eleven quilts, *X*": the show's noun, "of", a few lowercase words, then a comma or a naming word
    if k < first - 1 or (k >= sentence.first_word and lower[k].isalpha()):
        j = k
        while j >= max(sentence.first_word, k - 4) and lower[j] != "of":
            if not story.words[j].isalpha() or story.words[j][:1].isupper():
                j = -1
                break
            j -= 1
        if j > sentence.first_word and lower[j] == "of" and lower[j - 1] in cues and k < first - 1:
            return "of"
    if shown_as_a_show(story, found.lexicon, title):
        return "appos"
    return "none"


def _venue_just_before(story: AnalysedStory, mentions: Mentions, title: Title) -> bool:
    """'Belfast, Ulster Museum, "Irish Sculpture Now", 1981': a venue, then the name of the show held there."""
    venues = mentions.between("venues", max(0, title.start - 80), title.start)
    return bool(venues) and not story.text[venues[-1].end : title.start].strip(" ,:;\"'\u201c\u2018*_")


_SHORT_BRACKET = re.compile(r"[\"'\u201d\u2019*_]*\s*\((?:[^()\s]+\s?){1,3}\)")  # "(2021)", "(solo)", "(Cheap Ink)"
_VENUE_GLUE = frozenset((",", "at", "the", "in", "(", ")", ":"))


def _venue_just_after(story: AnalysedStory, mentions: Mentions, title: Title) -> bool:
    """'"Tray Stories", Nubuke Foundation, Accra', '"Clay Futures" at the Gardiner Museum': a show's name;
    past a short bracket too ('*Incwadi* (2021), Everard Read', '"Ash and Jasmine" (solo), Galerie Hinterhof')."""
    venues = mentions.between("venues", title.end, title.end + 60)
    if not venues:
        return False
    gap_text = story.text[title.end : venues[0].start]
    bracket = _SHORT_BRACKET.match(gap_text)
    if bracket:
        gap_text = gap_text[bracket.end() :]
    gap = gap_text.lower().replace(",", " , ").split()
    return all(w.strip("\"'\u201d\u2019*_") in _VENUE_GLUE or not w.strip("\"'\u201d\u2019*_") for w in gap)


_NAMING_WORDS = frozenset(("titled", "called", "entitled", "named", "calls", "call"))
_OWNED_WORK_NOUNS = TITLE_WORK_NOUNS - _NAMING_WORDS - NAMING_WORDS
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "whose": "whose", "my": "i", "your": "you"}


def _ownership_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """Whose work and what kind of thing the words before a title make it: the nearest person
    reference ("Her partner, the composer Vlad Ionescu, wrote an album"), the nearest possessive
    ("his album" in a story about a woman, "whose series"), and whether the nearest noun before or
    after it names a show or a work ("Solo exhibitions include "X"", '"X", a solo exhibition by')."""
    refs = found.refs
    lower = story.lower_words
    if refs is None or not lower:
        return []
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    owner = refs.owner_at(title.start, look_after=False)
    features = [f"owner={owner}"]
    sentence_refs = refs.per_sentence[story.word_sentence[min(first, len(lower) - 1)]]
    nearest = next((r for r in reversed(sentence_refs) if r.word < first), None)  # (in word order)
    features.append(f"ref_before={nearest.kind if nearest is not None else None}")
    possessive = "none"
    for k in range(first - 1, max(sentence.first_word, first - 7) - 1, -1):
        family = _POSSESSIVES.get(lower[k])
        if family is None:
            continue
        possessive = family
        if family in ("he", "she", "they"):
            possessive = "own" if family == refs.pronoun else "other"
        break
    features.append(f"poss={possessive}")
    features.append(f"poss={possessive}&owner={owner}")
    before = _nearest_noun_kind(lower, range(first - 1, sentence.first_word - 1, -1))
    after = _nearest_noun_kind(lower, range(end, min(sentence.end_word, end + 8)))
    features.append(f"noun_before={before}")
    features.append(f"noun_after={after}")
    features.append(f"noun_before={before}&noun_after={after}")
    return features


_NAMING_PRONOUNS = frozenset(("it", "its", "them", "they", "which", "this", "that", "one"))


def _naming_features(story: AnalysedStory, found: Findings, title: Title, source: str) -> list[str]:
    """What a name after "called", "titled", "named", "the title" is given to: the first noun back in
    the clause ("a suite of twelve woodcuts called Grúas", "a solo show titled *Polder Light*", "a
    restaurant called Cocina de Humo", "the young man called ...") or a pronoun ("You called it Nastaliq
    for Snow", "Its working title is Roots"): a work, a show, a person, another named thing, or none."""
    lower = story.lower_words
    if not lower:
        return []
    first = story.first_word_from(title.start)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]
    lo = sentence.first_word
    k = first - 1
    while k >= lo and lower[k] in _QUOTE_WORDS:
        k -= 1
    head = "none"
    if k > lo and lower[k] in ("it", "them") and lower[k - 1] in NAMING_WORDS:
        head = "pron"
    else:
        if k > lo and lower[k] in PREDICATE_VERBS and lower[k - 1] in ("title", "name"):
            k -= 1  # "Its working title is Roots"
        if k >= lo and lower[k] in NAMING_WORDS:
            head = "other"
            for w in reversed(lower[max(lo, k - 8) : k]):
                if w in (";", ":", "\u2014", "("):
                    break
                if w in found.lexicon.other_person_nouns or w in TRADE_NOUNS:
                    head = "person"
                elif w in TITLE_EXHIBITION_WORDS:
                    head = "show"
                elif w in NAMED_NON_WORKS:
                    head = "thing"
                elif w in _OWNED_WORK_NOUNS:
                    head = "work"
                elif w in _NAMING_PRONOUNS:
                    head = "pron"
                else:
                    continue
                break
    return [f"named={head}", f"named={head}&src={source}"]


def _nearest_noun_kind(lower: list[str], positions: range) -> str:
    """Whether the first show or work noun met at ``positions`` names a show, a work, or neither ("none")."""
    for k in positions:
        if lower[k] in TITLE_EXHIBITION_WORDS:
            return "show"
        if lower[k] in _OWNED_WORK_NOUNS:
            return "work"
    return "none"


def _kind_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """The kind of work the words right around a title name, as a class ("Huaco Roto, a cracked
    ceremonial vessel", "her tapestry Norrsken i Juni"): the appositive's and the nearest before."""
    lex = found.lexicon
    sentence = story.sentences[story.sentence_of(title.start)]
    low = story.low
    after = low[title.end : min(sentence.end, title.end + 90)].lstrip(" \"'\u201d\u2019*_")
    appositive = None
    if after.startswith((",", "(", "\u2014", "-", ":")):
        for stop in (";", ". ", " and then ", " but ", ")"):
            cut = after.find(stop)
            if cut > 0:
                after = after[:cut]
        appositive = first_cue(lex, after)
    before = first_cue(lex, low[max(sentence.start, title.start - 50) : title.start], nearest_end=True)
    return [f"kind_appos={appositive}", f"kind_before={before}"]


def _person_context_features(story: AnalysedStory, found: Findings, title: Title) -> list[str]:
    """A capitalised run that the words around it make a person ("her partner Caio Lemos",
    "Victoria Lang, a retired set designer", "the novel by Karel Čapek"): a noun for a person just
    before it, or in the appositive after it."""
    lex = found.lexicon
    lower = story.lower_words
    if not lower:
        return []
    first = story.first_word_from(title.start)
    end = story.first_word_from(title.end)
    sentence = story.sentences[story.word_sentence[min(first, len(lower) - 1)]]

    def personal(word: str) -> bool:
        return word in lex.other_person_nouns or word in TRADE_NOUNS or word in lex.artist_self_nouns

    before = any(personal(w) for w in lower[max(sentence.first_word, first - 3) : first])
    appositive = False
    if end < sentence.end_word and lower[end] == ",":
        for w in lower[end + 1 : min(sentence.end_word, end + 7)]:
            if w in (",", ";", "."):
                break
            if personal(w) or (w.endswith(AGENT_SUFFIXES) and w not in WORK_NOUNS and len(w) > 4):
                appositive = True
                break
    return [f"pn_before={before}", f"pn_appos={appositive}", f"pred={_predicate(story, lex, end, sentence, personal)}"]


_HEADING_WORDS = 6  # words at most in a heading line ("Selected solo exhibitions", "Literature:")
_ENTRY_WORDS = 30  # words at most in a list entry's line; a longer line is prose
_HEADINGS_KEY = "works.headings"
_LINE_MARKS = "*\"'\u201c\u2018_\u2022-\u2013\u2014"


def _section(story: AnalysedStory, start: int) -> str:
    """The kind of list a title is an entry of, from its label: "Literature: N. Dlamini, *X*",
    "Selected exhibitions: 2024, "X" (solo)", or a heading line above the entries ("SOLO EXHIBITIONS" /
    "2022 *X*, Nike Art Gallery, Lagos"). A show's name, a book about the artist or a prize-winner's
    entry is listed like a work; the list's label tells them apart. "none" in prose or with no label."""
    label = line_label(story, start)
    if label is not None and len(label.split()) < _HEADING_WORDS:
        return _section_of(label)
    text = story.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if len(text[line_start : line_end if line_end >= 0 else len(text)].split()) > _ENTRY_WORDS:
        return "none"
    headings = story.cache.setdefault(_HEADINGS_KEY, {})
    if line_start not in headings:  # the titles of one entry line share its heading
        headings[line_start] = _heading_above(text, line_start)
    return headings[line_start]


def _heading_above(text: str, line_start: int) -> str:
    """The class of the heading line above a list's entries, up past its other entries; "none" if prose
    comes first."""
    end = line_start - 1
    for _ in range(15):
        if end <= 0:
            break
        above_start = text.rfind("\n", 0, end) + 1
        above = text[above_start:end].strip()
        end = above_start - 1
        if not above:
            continue
        words = above.split()
        if len(words) > _ENTRY_WORDS:
            return "none"
        entry = above[0].isdigit() or above[0] in _LINE_MARKS or any(m in above for m in '*"\u201c')
        if not entry and len(words) <= _HEADING_WORDS and above[-1] not in ".!?":
            return _section_of(above)
    return "none"


def _section_of(label: str) -> str:
    """The class of a list's label (data/works.json "section_words"), or "other"."""
    words = set(label.lower().replace(":", " ").replace("(", " ").replace(")", " ").split())
    return next((section for section, cue in SECTION_WORDS.items() if not cue.isdisjoint(words)), "other")


def _predicate(story: AnalysedStory, lex: Lexicon, end: int, sentence: Any, personal: Any) -> str:
    """What "X is a ..." says X is ("Schwerkraft I is a lead sheet draped over a beam", "Ghungroo is a
    solo performance", "Victoria Lang was a set designer"): a person, a work, something else, or none."""
    lower = story.lower_words
    if end + 1 >= sentence.end_word or lower[end] not in PREDICATE_VERBS or lower[end + 1] not in ("a", "an", "one"):
        return "none"
    words = []
    for w in lower[end + 2 : min(sentence.end_word, end + 8)]:
        if not w[:1].isalnum():
            break
        if personal(w) or (w.endswith(AGENT_SUFFIXES) and w not in WORK_NOUNS and len(w) > 4):
            return "person"
        words.append(w)
    return "work" if first_cue(lex, " ".join(words)) else "other"


def work_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    lex, mentions, refs = found.lexicon, found.mentions, found.refs
    if refs is None:
        return []
    rule_keys = {fold(w.title) for w in found.works}
    venue_keys = {m.key for m in mentions.venues}
    person_keys = {m.key for m in mentions.persons}
    candidates: list[Candidate] = []
    seen: set[str] = set()
    title_spans = [(t.start, t.end) for t in mentions.titles]
    quotes = [
        Title(
            q.start,
            q.end,
            q.inner_start,
            q.inner_end,
            clean_title(story.text[q.inner_start : q.inner_end]),
            False,
            q.mark,
        )
        for q in story.quotes
        if (q.start, q.end) not in title_spans
    ]
    quotes = [q for q in quotes if q.text and len(q.text.split()) <= 10]
    taken = title_spans + [(q.start, q.end) for q in quotes]
    sources = [(t, "title") for t in mentions.titles] + [(q, "quote") for q in quotes]
    alternatives: dict[tuple[str, int, int], int] = {}  # a title's span -> its group of alternatives
    groups = 0
    for options in _unquoted_titles(story, found, taken):
        for t in options:
            sources.append((t, "bare"))
            taken.append((t.start, t.end))
            if len(options) > 1:
                alternatives[("bare", t.start, t.end)] = groups
        groups += 1
    extra: dict[tuple[str, int, int], list[str]] = {}
    for line_options in _line_titles(story, found, title_spans + [(q.start, q.end) for q in quotes]):
        for t, line_features in line_options:
            sources.append((t, "line"))
            extra[("line", t.start, t.end)] = line_features
            if len(line_options) > 1:
                alternatives[("line", t.start, t.end)] = groups
        groups += 1
    chunk_groups: dict[int, int] = {}
    for t, label, joined in _chunk_titles(story, found, taken):
        sources.append((t, "chunk"))
        extra[("chunk", t.start, t.end)] = [f"chunk={label}"]
        if joined >= 0:
            if joined not in chunk_groups:
                chunk_groups[joined] = groups
                groups += 1
            alternatives[("chunk", t.start, t.end)] = chunk_groups[joined]
    sources.sort(key=lambda item: item[0].start)
    by_key = {fold(w.title): w for w in found.works}
    venue_keys |= {fold(ex.venue) for ex in found.exhibitions if ex.venue}
    # A bare title is no venue's name, unless the run was read as a venue only as a title may be ("Fante Queens")
    blocked = venue_keys - {m.key for m in mentions.venues if m.evidence in TITLE_VENUE_EVIDENCE}
    lowercase_counts: Counter | None = None
    for title, source in sources:
        key = fold(title.text)
        if not key or key in seen or (source == "bare" and key in blocked):
            continue
        seen.add(key)
        known = by_key.get(key) if source == "title" else None
        features, kind, kind_confidence = _title_features(story, found, title, source, known)
        features += _context_features(story, title)
        if "saying_before=True" in features and key not in rule_keys:
            continue  # a motto, a lyric, a nickname: the record format says such quotes are no titles
        features += extra.get((source, title.start, title.end), ())
        features += _title_shape_features(story, found, title, source)
        if lowercase_counts is None:
            lowercase_counts = story.lowercase_counts()
        first, last = _words_of(story, title.inner_start, title.inner_end)
        features.append(f"lk={source}:{_known_share(story, lowercase_counts, first, last, title.text)}")
        features.append(f"venue_name={key in venue_keys}")
        near = mentions.between("venues", title.inner_start - _LONGEST_VENUE, title.inner_end)
        features.append(f"in_venue={any(title.inner_start < v.end for v in near)}")
        features.append(f"has_city={bool(mentions.between('cities', title.inner_start, title.inner_end))}")
        features.append(f"venue_before={_venue_just_before(story, mentions, title)}")
        features.append(f"venue_after={_venue_just_after(story, mentions, title)}")
        features.append(f"person_name={key in person_keys}")
        # Whatever found the title: a show's name ("a solo show, "X"") or another person's work is no work of theirs.
        features.append(f"exhibition_title={names_an_exhibition(story, lex, title)}")
        show = _show_name(story, found, title)
        features += [f"show_name={show}", f"show_name={show}&src={source}"]
        features.append(f"someone_else={belongs_to_someone_else(story, mentions, lex, refs, title)}")
        features += _ownership_features(story, found, title)
        features += _naming_features(story, found, title, source)
        features += _kind_features(story, found, title)
        features += _person_context_features(story, found, title)
        section = _section(story, title.start)
        features += [f"section={section}", f"section={section}&src={source}"]
        rule = key in rule_keys
        features.append(f"rule={rule}")
        value = by_key.get(key) or WorkMention(
            title.text,
            kind,
            story.sentence_of(title.start),
            (title.inner_start, title.inner_end),
            kind_confidence,
            title,
        )
        group = alternatives.get((source, title.start, title.end), -1)
        candidates.append(Candidate("works", title_key(title.text), value, features, rule, group=group))
    return candidates
