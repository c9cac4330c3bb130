"""Compiled word lists and patterns (built once per extractor from data/)."""

from __future__ import annotations

import bisect
import re
from itertools import compress

from .data import load
from .patterncache import compile as compile_pattern
from .prefilter import FastPattern, Prefilter, _folded
from .text import AnalysedStory, AnchorHits


class Anchored:
    """A regex that is only tried around its anchor words.

    Python's ``re`` scans a whole story slowly when a pattern starts with
    ``\\b`` or an alternation.  So each pattern names *anchors*: lowercase
    beginnings of words that every match contains ("paint" for "painter",
    "paintings").  One pass over the story's words (:meth:`Lexicon.scan_anchors`)
    finds all anchor words for all patterns at once; a pattern then searches
    ``radius`` characters around its own hits and keeps matches covering one.
    A multi-word anchor ("street art") is looked up by its first word.

    Most windows cannot match: "her" anchors a music cue that also needs
    "music", "song" or "album".  So a pattern also has *necessary literals*
    (read off the regex, see prefilter.py): a story or a window without any
    is skipped.  Where the literals are lowercase words or pieces of words,
    the same pass over the words records which words hold one, and the
    check is a dictionary lookup and a bisection (exact unless a literal
    could run across two words with no space between; see ``joints`` in
    :class:`.text.AnalysedStory`).  None of this changes a match.
    """

    __slots__ = (
        "regex",
        "on_lower",
        "anchors",
        "radius",
        "key",
        "prefilter",
        "literals",
        "literal_key",
        "literal_pairs",
        "window_finditer",
    )

    def __init__(self, regex: str, anchors, *, radius: int = 64):
        self.regex, self.on_lower = compile_for_lowercase(regex)
        self.anchors = tuple(a.lower().split()[0] for a in anchors)
        self.radius = radius
        self.key = id(self)
        # A window is searched from the literal beginnings of the pattern's matches, if it has a few.
        self.window_finditer = FastPattern(self.regex, short=0, max_starts=8).finditer
        # Stories and windows without any of the pattern's necessary literals are skipped (prefilter.py).
        prefilter = Prefilter(self.regex)
        self.prefilter = prefilter if prefilter else None
        # Literals that are lowercase and have no white space are also found word by word
        # (WordClasses): one lies inside a word, or runs across a joint of two words with no
        # space between, whose two characters are then one of ``literal_pairs``.
        self.literals: tuple[str, ...] = ()
        self.literal_key = None
        self.literal_pairs: frozenset = frozenset()
        literals = prefilter.literals if prefilter else ()
        # (Short literals, "her", "pen", are in too many words to be worth it.)
        if (
            literals
            and min(map(len, literals)) >= 4
            and all(lit == lit.lower() and not any(ch.isspace() for ch in lit) for lit in literals)
        ):
            self.literals = literals
            self.literal_key = ("literal", self.key)
            self.literal_pairs = frozenset((lit[i], lit[i + 1]) for lit in literals for i in range(len(lit) - 1))

    def finditer(self, story, start: int = 0, end: int | None = None):
        """An iterator over the matches in ``story.norm[start:end]``, in order (the story must have been scanned).

        Patterns without capitals run on ``story.low``: spans are the same, but
        ``match.group()`` is then lowercase.
        """
        anchor_hits = story.anchor_hits
        word_hits = anchor_hits.get(self.key) if anchor_hits else None
        if not word_hits:
            return iter(())
        text = story.low if self.on_lower else story.norm
        end = len(text) if end is None else end
        prefilter = self.prefilter
        literal_words = None  # words holding a literal, when those are all the literals there are
        if (
            self.literal_key is not None
            and not (self.literal_pairs & story.joints)
            and (self.on_lower or _folded(text) is not None)
        ):
            literal_words = anchor_hits.get(self.literal_key)
            if not literal_words:
                return iter(())
        elif prefilter is not None and len(prefilter.literals) <= 4 and not prefilter.could_match_anywhere(text):
            return iter(())
        starts = story.starts
        if start <= 0 and end >= len(text):  # the whole story (most calls): every hit, without a test each
            hits = list(map(starts.__getitem__, word_hits))
        else:
            hits = [starts[i] for i in word_hits if start <= starts[i] < end]
        if not hits:
            return iter(())
        return self._matches(story, text, start, end, hits, prefilter, literal_words)

    def _matches(self, story, text: str, start: int, end: int, hits: list[int], prefilter, literal_words):
        """Matches window by window, in order (windows are disjoint and sorted)."""
        windows: list[list[int]] = []
        for position in hits:
            lo, hi = max(start, position - self.radius), min(end, position + self.radius)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        if literal_words is not None:
            literal_starts = [story.starts[i] for i in literal_words]
            literal_ends = [story.ends[i] for i in literal_words]
        for lo, hi in windows:
            if literal_words is not None:
                # A literal inside the window lies in a word that overlaps it.
                k = bisect.bisect_right(literal_ends, lo)
                if k == len(literal_ends) or literal_starts[k] >= hi:
                    continue
            elif prefilter is not None and not prefilter.could_match(text, lo, hi):
                continue
            for match in self.window_finditer(text, lo, hi):
                span = match.span()
                if span[0] == span[1]:
                    continue
                # Keep it only if it covers an anchor hit (else the window may have cut it).
                k = bisect.bisect_left(hits, span[0])
                if k < len(hits) and hits[k] < span[1]:
                    yield match

    def search(self, story, start: int = 0, end: int | None = None):
        return next(self.finditer(story, start, end), None)


class WordClasses:
    """What each distinct lowercase word is, for every rule at once.

    A word's classes are the :class:`Anchored` patterns it anchors (it starts
    with one of their anchors) and named word sets (``"trigger"``,
    ``"number"``, ``"pronoun"``, ``"reference"``).  The answer for a word is
    memoised across stories, so scanning a story is one dictionary lookup per
    word - the single pass over words that every stage shares.
    """

    def __init__(
        self, patterns, word_sets: dict[str, frozenset], predicates: dict | None = None, *, memo_limit: int = 300_000
    ):
        self._by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        grouped: dict[str, list[int]] = {}
        for pattern in patterns:
            for anchor in pattern.anchors:
                grouped.setdefault(anchor, []).append(pattern.key)
        for anchor, keys in grouped.items():
            self._by_prefix.setdefault(anchor[:3], []).append((anchor, tuple(dict.fromkeys(keys))))
        self._word_sets = word_sets
        self._predicates = predicates or {}
        self._memo: dict[str, tuple] = {}
        self._memo_limit = memo_limit
        # Literal -> the patterns' literal keys, looked up by the literal's first two characters.
        self._by_bigram: dict[str, list[tuple[str, tuple]]] = {}
        literal_keys: dict[str, list] = {}
        for pattern in patterns:
            for literal in getattr(pattern, "literals", ()) if getattr(pattern, "literal_key", None) else ():
                literal_keys.setdefault(literal, []).append(pattern.literal_key)
        for literal, keys in literal_keys.items():
            self._by_bigram.setdefault(literal[:2], []).append((literal, tuple(dict.fromkeys(keys))))

    def classes(self, word: str) -> tuple:
        keys: list = []
        for anchor, pattern_keys in self._by_prefix.get(word[:3], ()):
            if word.startswith(anchor):
                keys.extend(pattern_keys)
        by_bigram = self._by_bigram
        for i in range(len(word) - 1):
            for literal, literal_keys in by_bigram.get(word[i : i + 2], ()):
                if word.startswith(literal, i):
                    keys.extend(literal_keys)
        for name, words in self._word_sets.items():
            if word in words:
                keys.append(name)
        for name, predicate in self._predicates.items():
            if predicate(word):
                keys.append(name)
        return tuple(dict.fromkeys(keys))

    def scan(self, lower_words: list[str]) -> AnchorHits:
        """Class or pattern key -> indices of the words that have it, in order."""
        memo = self._memo
        if len(memo) > self._memo_limit:
            memo.clear()
        for word in set(lower_words).difference(memo):
            memo[word] = self.classes(word)
        hits: AnchorHits = {}
        classes = list(map(memo.__getitem__, lower_words))
        for i in compress(range(len(classes)), classes):
            for key in classes[i]:
                bucket = hits.get(key)
                if bucket is None:
                    hits[key] = [i]
                else:
                    bucket.append(i)
        return hits


_ESCAPE = compile_pattern(r"\\.")


def compile_for_lowercase(pattern: str) -> tuple[re.Pattern, bool]:
    """(regex, runs_on_lowercase).

    A pattern with no upper-case letter of its own can run without re.I on the
    story's lowercase copy, which is faster; one that needs
    case ("[A-Z]") runs with re.I on the original text.
    """
    if any(ch.isupper() for ch in _ESCAPE.sub("", pattern)):
        return compile_pattern(pattern, re.I), False
    return compile_pattern(pattern), True


def _words(items) -> frozenset:
    return frozenset(item.lower() for item in items)


def _by_last_word(phrases) -> dict[str, list[tuple]]:
    """Phrases (word tuples) grouped by their last word, in their order."""
    grouped: dict[str, list[tuple]] = {}
    for phrase in phrases:
        if phrase:
            grouped.setdefault(phrase[-1], []).append(phrase)
    return grouped


def _alternation(items) -> str:
    return "|".join(sorted((re.escape(i) for i in items), key=len, reverse=True))


class Lexicon:
    """Every table the rules consult, with regexes precompiled.

    Keeping this in one object means a stage receives its vocabulary as an
    argument, so tests can run a stage with a hand-made lexicon.
    """

    def __init__(self):
        from .tokenizer import stop_words

        people = load("people")
        places = load("places")
        venues = load("venues")
        exhibitions = load("exhibitions")
        works = load("works")
        numbers = load("numbers")
        ages = load("ages")
        disciplines = load("disciplines")

        # People --------------------------------------------------------------
        self.name_particles = _words(people["name_particles"])
        self.name_suffix_particles = _words(people["name_suffix_particles"])
        self.hyphen_particles = _words(people["hyphen_particles"])
        self.honorifics = frozenset(h.rstrip(".") for h in people["honorifics"])
        self.other_person_nouns = _words(people["other_person_nouns"])
        self.artist_self_nouns = _words(people["artist_self_nouns"])
        self.role_descriptors = _words(people["role_descriptors"])
        self.pronoun_forms = {p: frozenset(forms) for p, forms in people["pronouns"].items()}
        self.pronoun_of = {form: p for p, forms in people["pronouns"].items() for form in forms}
        self.possessive_determiners = _words(people["possessive_determiners"])
        self.object_pronouns = frozenset({"him", "her", "them", "themself", "themselves", "himself", "herself"})
        self.singular_they = _words(people["singular_they"])
        self.pronoun_declaration = Anchored(people["pronoun_declaration"], people["pronoun_declaration_anchors"])
        self.openers = _words(people["sentence_openers"]) | stop_words()  # spaCy's English stop words, as data
        self.non_name_words = frozenset(people["non_name_words"])
        self.name_demonyms = frozenset(people["name_demonyms"])
        self.reference_words = frozenset(self.pronoun_of) | self.other_person_nouns | self.artist_self_nouns
        self.group_nouns = _words(people["group_nouns"])
        self.causative_verbs = _words(people["causative_verbs"])
        self.biography_cues = _words(people["biography_cues"])
        self.non_art_professions = _words(people["non_art_professions"])
        self.they_kin_pattern = FastPattern(compile_pattern(people["they_kin_pattern"], re.I))

        # Places --------------------------------------------------------------
        self.strong_prepositions = _words(places["strong_prepositions"])
        self.birth_note_words = _words(places["birth_note_words"])
        self.preposition_phrases = [tuple(p.lower().split()) for p in places["preposition_phrases"]]
        self.weak_prepositions = _words(places["weak_prepositions"])
        self.place_head_nouns = _words(places["place_head_nouns"])
        self.city_suffix_evidence = _words(places["city_suffix_evidence"])
        self.feature_words_after = frozenset(places["feature_words_after"])
        self.feature_words_before = frozenset(places["feature_words_before"])
        self.feature_phrases_before = [tuple(p.split()) for p in places["feature_phrases_before"]]
        self.feature_phrases_ending = _by_last_word(self.feature_phrases_before)
        self.preposition_phrases_ending = _by_last_word(self.preposition_phrases)
        self.birth_phrases = [(Anchored(p["regex"], p["anchors"]), p["strength"]) for p in places["birth_phrases"]]
        self.backward_birth_phrases = [
            (Anchored(p["regex"], p["anchors"]), p["strength"]) for p in places["backward_birth_phrases"]
        ]
        self.anaphoric_birth_phrases = [
            (Anchored(p["regex"], p["anchors"]), p["strength"]) for p in places["anaphoric_birth_phrases"]
        ]
        # Glued to the place they follow ("Rotterdam-born", "a Nairobi native").
        self.city_birth_suffixes = [
            (compile_pattern(p["regex"], re.I), p["strength"]) for p in places["city_birth_suffixes"]
        ]
        self.childhood_cues = FastPattern(
            compile_pattern(r"\b(?:" + _alternation(places["childhood_cues"]) + r")\b", re.I)
        )
        self.birth_phrase_stops = FastPattern(
            compile_pattern(
                "|".join(re.escape(s) if s.strip() else re.escape(s) for s in places["birth_phrase_stops"]), re.I
            )
        )
        self.neighbourhood_words = FastPattern(
            compile_pattern(r"\b(?:" + _alternation(places["neighbourhood_words"]) + r")\b", re.I)
        )
        self.setting_words = FastPattern(
            compile_pattern(r"\b(?:" + _alternation(places["setting_words"]) + r")\b", re.I)
        )
        self.majors_population = places["majors_population"]
        self.of_min_population = places["of_min_population"]
        self.venue_lead_city_min_population = places["venue_lead_city_min_population"]
        self.region_city_names = frozenset(places["region_city_names"])
        self.not_city_names = frozenset(places["not_city_names"])
        self.attributive_city_heads = frozenset(w.split()[0] for w in places["attributive_city_heads"])
        self.anaphoric_city = compile_pattern(places["anaphoric_city"], re.I)
        self.neighbourhood_appositive = compile_pattern(places["neighbourhood_appositive"], re.I)
        self.loose_min_population = places["loose_min_population"]

        # Venues --------------------------------------------------------------
        self.venue_heads = frozenset(venues["heads"])
        self.room_words = frozenset(venues.get("room_words", ()))
        self.lowercase_name_heads = frozenset(venues["lowercase_name_heads"])
        self.possessive_plurals = frozenset(venues["possessive_plurals"])
        self.possessive_heads = frozenset(venues["possessive_heads"]) | self.venue_heads
        self.showing_verbs = frozenset(venues.get("showing_verbs", ()))
        self.conditional_venue_heads = {k: frozenset(v) for k, v in venues["conditional_heads"].items()}
        self.event_heads = [tuple(h.split()) for h in venues["event_heads"]]
        self.event_head_first_words = frozenset(h[0] for h in self.event_heads)
        # Not events, so not in event_heads: they only make the name before them a venue.
        self.name_heads_after = self.event_heads + [tuple(h.split()) for h in venues.get("place_heads", ())]
        self.name_head_after_first_words = frozenset(h[0] for h in self.name_heads_after)
        self.event_head_words = frozenset(h for h in venues["event_heads"] if " " not in h) | frozenset(
            (
                "biennale",
                "biennial",
                "bienal",
                "triennale",
                "triennial",
                "festival",
                "fest",
                "fair",
                "rencontres",
                "encuentro",
                "encuentros",
                "mostra",
                "week",
            )
        )
        self.appositive_heads = compile_pattern(
            r"\s*,\s+(?:the|a|an)\s+(?:(?!(?:of|at|in|for|with|from|to|by|who|whose|which|that)\b)[\w'-]+\s+){0,4}?"
            r"(?:" + _alternation(venues["appositive_heads"]) + r")\b",
            re.I,
        )
        self.connectors = _words(venues["connectors"]) | self.name_particles
        self.venue_connectors = _words(venues["venue_connectors"]) - self.connectors
        self.context_prepositions = _words(venues["context_prepositions"])

        # Exhibitions -----------------------------------------------------------
        self.trigger_words = _words(exhibitions["trigger_words"])
        self.trigger_patterns = [
            Anchored(p["regex"], p["anchors"], radius=p.get("radius", 90)) for p in exhibitions["trigger_patterns"]
        ]
        self.clause_boundaries = FastPattern(compile_pattern(exhibitions["clause_boundaries"], re.I))
        self.foreign_show_after = compile_pattern(exhibitions["foreign_show_after"], re.I)
        self.attach_heads = _words(exhibitions["attach_heads"])
        self.blocking_heads = _words(exhibitions["blocking_heads"])
        self.of_phrase_heads = _words(exhibitions.get("of_phrase_heads", ()))
        self.exhibition_city_prepositions = _words(exhibitions["city_prepositions"])
        self.solo_cues = FastPattern(compile_pattern(exhibitions["solo_cues"], re.I))
        self.group_cues = FastPattern(compile_pattern(exhibitions["group_cues"], re.I))
        self.own_trigger_nouns = FastPattern(compile_pattern(exhibitions["own_trigger_nouns"], re.I))
        self.invitation_words = FastPattern(compile_pattern(exhibitions["invitation_words"], re.I))
        self.decline_cues = FastPattern(compile_pattern(exhibitions["decline_cues"], re.I))
        self.sale_after = compile_pattern(exhibitions["sale_after"], re.I)
        self.negation_before = FastPattern(compile_pattern(exhibitions["negation_before"], re.I))
        self.year = FastPattern(compile_pattern(exhibitions["year"]))
        self.there_words = FastPattern(compile_pattern(exhibitions["there_words"], re.I))
        self.max_items_per_story = exhibitions["max_items_per_story"]
        self.venue_gap_heads = _words(exhibitions["venue_gap_heads"])

        # Works ---------------------------------------------------------------
        self.title_small_words = _words(works["small_words"])
        self.speech_verbs = _words(works["speech_verbs"])
        self.speech_openers = _words(works["speech_openers"])
        self.title_cue_before = _words(works["title_cue_before"])
        self.work_kind_cues = [(compile_pattern(rx, re.I), kind) for rx, kind in works["kind_cues"]]
        # One scan finds every kind cue; the group name says which kind (k<index>).  With its
        # hundred alternatives the pattern is slow at every position even of a short stretch:
        # it is tried only where one of its words begins, however short the stretch.
        self.work_kind_regex = FastPattern(
            compile_for_lowercase("|".join(f"(?P<k{i}>{rx})" for i, (rx, _) in enumerate(works["kind_cues"])))[0],
            short=0,
            max_starts=256,
        )
        self.work_kind_of_group = {f"k{i}": kind for i, (_, kind) in enumerate(works["kind_cues"])}
        self.max_title_words = works["max_title_words"]
        self.exhibition_title_cues = _words(works["exhibition_title_cues"])

        # Numbers and ages ------------------------------------------------------
        units, tens = numbers["units"], numbers["tens"]
        self.number_words = dict(units)
        for ten_word, ten in tens.items():
            self.number_words[ten_word] = ten
            for unit_word, unit in units.items():
                if 1 <= unit <= 9:
                    self.number_words[f"{ten_word}-{unit_word}"] = ten + unit
                    self.number_words[f"{ten_word} {unit_word}"] = ten + unit
                    self.number_words[f"{ten_word}{unit_word}"] = ten + unit
        ten_alt = "|".join(sorted(tens, key=len, reverse=True))
        unit_alt = "|".join(sorted((u for u, v in units.items() if 1 <= v <= 9), key=len, reverse=True))
        small_alt = "|".join(sorted(units, key=len, reverse=True))
        # (a tens word is whole with its unit or has none after it: a pattern whose look-ahead refuses
        # "thirty-one and" must not take the "thirty" of it)
        number_alt = rf"\d{{1,3}}|(?:{ten_alt})(?:[- ]?(?:{unit_alt})\b|(?![- ]?(?:{unit_alt})\b))|{small_alt}"
        self.min_age, self.max_age = numbers["min_age"], numbers["max_age"]
        self.age_patterns = []
        for pattern in ages["patterns"]:
            regex = pattern["regex"].replace("NUM", f"(?:{number_alt})")
            context = FastPattern(compile_pattern(pattern["context"], re.I)) if pattern.get("context") else None
            self.age_patterns.append(
                (
                    # (Tried in a window around every number: most windows lack the pattern's words.)
                    FastPattern(compile_pattern(regex, re.I), prefilter=True),
                    pattern["strength"],
                    pattern["noun_check"],
                    (context, bool(pattern.get("context_or_initial_comma"))),
                )
            )
        self.number_word_set = frozenset(self.number_words) | frozenset(tens) | frozenset(units)
        self.age_other_after = _words(ages["other_person_after"])
        self.age_other_before = _words(ages["other_person_before"])
        self.age_child_nouns = _words(ages["child_nouns"])

        # Disciplines -----------------------------------------------------------
        self.discipline_negations = _words(disciplines["negations"])
        context_excludes = disciplines.get("context_excludes") or []
        # Its forty-odd beginnings are looked for all at once (a trie): the pattern itself, tried at
        # every position of the window around each cue, was the slowest test of a cue.
        self.discipline_context_exclude = (
            FastPattern(compile_for_lowercase("|".join(f"(?:{c})" for c in context_excludes))[0], max_starts=256)
            if context_excludes
            else None
        )
        self.disciplines = []
        for entry in disciplines["disciplines"]:
            cue = Anchored("|".join(f"(?:{c})" for c in entry["cues"]), entry["anchors"])
            exclude = None
            if entry["exclude"]:
                exclude = FastPattern(compile_for_lowercase("|".join(f"(?:{c})" for c in entry["exclude"]))[0])
            self.disciplines.append((entry["name"], cue, exclude))

        patterns = [self.pronoun_declaration] + self.trigger_patterns
        patterns += [p for p, _ in self.birth_phrases] + [p for p, _ in self.backward_birth_phrases]
        patterns += [p for p, _ in self.anaphoric_birth_phrases]
        patterns += [cue for _, cue, _ in self.disciplines]
        self.word_classes = WordClasses(
            patterns,
            {
                "trigger": self.trigger_words,
                "number": self.number_word_set,
                "pronoun": frozenset(self.pronoun_of),
                "reference": self.reference_words,
            },
            {
                # "fifty-two-year-old", "52-year-old": a number glued to more words.
                "number": lambda w: w[:1].isdigit() or ("-" in w and w.split("-", 1)[0] in self.number_word_set),
            },
        )

    def scan_anchors(self, story: AnalysedStory) -> AnchorHits:
        """Every anchor word of the story, found once and kept on the story."""
        if story.anchor_hits is None:
            story.anchor_hits = self.word_classes.scan(story.lower_words)
        return story.anchor_hits

    def exhibition_triggers(self, story) -> list[tuple[int, int]]:
        """Character spans of exhibition triggers in the story, in order (cached on the story)."""
        found = story.cache.get("triggers")
        if found is None:
            anchor_hits = self.scan_anchors(story)
            found = [(story.starts[i], story.ends[i]) for i in anchor_hits.get("trigger", ())]
            for pattern in self.trigger_patterns:
                if pattern.key in anchor_hits:
                    found.extend(m.span() for m in pattern.finditer(story))
            found.sort()
            story.cache["triggers"] = found
        return found

    def parse_number(self, text: str) -> int | None:
        text = text.strip().lower()
        # isdecimal, not isdigit: "0³" is digits to isdigit and no number to int(); a long run of digits is
        # no number a story counts in (and past Python's limit for int()).
        if text.isdecimal():
            return int(text) if len(text) <= 9 else None
        return self.number_words.get(text)
