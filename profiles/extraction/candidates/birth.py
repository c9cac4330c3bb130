"""The birth city's stage: every city of the story, the birth words around it and what points back at it.

Besides the cities, the single words and short names right after a birth word
that the mention rules did not believe were cities.  Word lists are in
data/candidates.json and data/places.json.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from ..data import load
from ..gazetteer import CityMatch, default_gazetteer
from ..labelled import label_at
from ..lexicon import Lexicon
from ..mentions import Mention
from ..protagonist import ARTIST, Fact, References, artist_birth_phrases
from ..story_record import MentionLabel
from ..text import AnalysedStory
from .base import (
    BIRTH_TRIGGERS,
    Candidate,
    Findings,
    _bucket,
    _city_key,
    _glued_suffix,
    _position,
    _sentence_words,
    _window,
)

_WORDS = load("candidates")
BIRTH_BACK_TRIGGERS = frozenset(_WORDS["birth_back_triggers"])
BIRTH_ANAPHORS = frozenset(_WORDS["birth_anaphors"])
BIRTH_AFTER_TRIGGERS = frozenset(_WORDS["birth_after_triggers"])
GLUED_ART_NOUNS = frozenset(_WORDS["glued_art_nouns"])
_PLACE_WORDS = load("places")
CHILDHOOD_WORDS = frozenset(_PLACE_WORDS["childhood_words"])
FROM_PERSON_WORDS = frozenset(_PLACE_WORDS["from_person_words"])
UNNAMED_PLACE_WORDS = frozenset(_PLACE_WORDS["unnamed_place_words"])


def _glued_birth_word(story: AnalysedStory, m: Mention) -> set[str]:
    """The birth word glued after the place ("Maputo-born"): a cue as near as "born in Maputo"."""
    if not _glued_suffix(story, m):
        return set()
    word = story.norm[m.end + 1 : story.ends[m.end_word - 1]].lower()
    return {word} if word in BIRTH_TRIGGERS else set()


_ANAPHOR_CLEAR = 3  # words after a birth anaphor ("born in the city") in which a city names it ("the city, Accra")


def _birth_back_references(
    story: AnalysedStory, cities: list[Mention], refs: References | None = None
) -> dict[int, list[str]]:
    """Birth words that name no city after them, by the city named last before them.

    "Valparaiso climbs its hills ... she was born halfway up one of them",
    "He grew up there", "a native of the port": the birth city is named in an
    earlier clause or sentence, which the cues around a city never see.  Whose birth word it is
    (the artist's "She was born there", or "her mother was born there") and how many sentences back
    the city is named are features too: the anaphor alone does not say the reference is the artist's.
    """
    lower = story.lower_words
    starts = [m.first_word for m in cities]
    found: dict[int, list[str]] = {}
    for s in story.sentences:
        words = lower[s.first_word : s.end_word]
        if BIRTH_BACK_TRIGGERS.isdisjoint(words):
            continue
        for k in range(s.first_word, s.end_word):
            word = lower[k]
            if word not in BIRTH_BACK_TRIGGERS:
                continue
            after_k = bisect_right(starts, k)
            after = lower[k + 1 : k + 5]
            anaphor = next((w for w in after if w in BIRTH_ANAPHORS), "none")
            # "born in Lagos": the cues around the city see it; but "She was born there, in the old city, and grew
            # up in Mashhad", "born in the old city in 1980 ... and studied in Cairo": the anaphor is the
            # birthplace, and the city named later in its sentence is somewhere else.
            if (
                after_k < len(starts)
                and starts[after_k] < s.end_word
                and (anaphor == "none" or starts[after_k] <= k + 1 + after.index(anaphor) + _ANAPHOR_CLEAR)
            ):
                break
            n = after_k - 1
            # An anaphor ("born there", "in this city") may point further back than the sentences just before.
            reach = story.sentences[max(0, story.word_sentence[k] - (2 if anaphor == "none" else 8))].first_word
            if n < 0 or cities[n].first_word < reach:
                break
            # ("In Itauguá, east of Asunción, ... She was born there": the city that opens its sentence)
            opening = story.sentences[story.word_sentence[cities[n].first_word]].first_word
            n = bisect_left(starts, opening)
            owner = (refs.owner_at(story.starts[k], look_after=False) or "blocked") if refs is not None else "none"
            distance = min(2, story.word_sentence[k] - story.word_sentence[cities[n].first_word])
            found.setdefault(n, []).extend(
                (
                    f"back={word}",
                    f"back_ana={anaphor}",
                    f"back_own={owner}",
                    f"back_dist={distance}",
                    f"back_ana={anaphor != 'none'}&own={owner}",
                )
            )
            break
    return found


_PHRASE_KINDS = ("city", "unlisted", "place", "country")  # what a birth phrase may name first, surest first


def _birth_phrase_places(
    story: AnalysedStory, found: Findings, demoted: list[Mention]
) -> tuple[dict[Any, float], set[str]]:
    """What the artist's own birth phrases ("born in", "grew up on", "a native of", "X, where she was born")
    name first, up to the clause's end: the cities' keys with the strength of the surest phrase naming
    each, and the kinds of the other places.

    "born in Stornoway, in the Outer Hebrides" (a name the gazetteer does not list: "unlisted"),
    "born in a village in the Eastern Highlands" ("place"), "born in Lebanon" ("country"): the story
    gives its birthplace, and a city named elsewhere is not it.
    """
    cached = story.cache.get("candidates.birth_phrase_places")
    if cached is not None:
        return cached
    refs = found.refs
    lex = found.lexicon
    norm = story.norm
    keys: dict[Any, float] = {}
    kinds: set[str] = set()
    anchor_hits = lex.scan_anchors(story)
    demoted_starts = sorted((m.start, m) for m in demoted)

    def named(city: CityMatch | None, strength: float) -> None:
        key = _city_key(city)
        keys[key] = max(strength, keys.get(key, 0.0))

    for regex, strength in lex.birth_phrases:
        if regex.key not in anchor_hits:
            continue
        for match in artist_birth_phrases(story, refs, regex) if refs is not None else ():
            sentence = story.sentences[story.sentence_of(match.start())]
            stop = lex.birth_phrase_stops.search(norm, match.end(), sentence.end)
            end = stop.start() if stop else sentence.end
            places = found.mentions.between("cities", match.end(), end)
            places += [m for start, m in demoted_starts if match.end() <= start < end]
            if places:
                places.sort(key=lambda m: m.start)
                named(places[0].city, strength)
                # ("born in Sur, the walled old district of Diyarbakır": the quarter's city too)
                for later in places[1:]:
                    if lex.neighbourhood_words.search(norm, places[0].end, later.start):
                        named(later.city, strength)
                        break
                continue
            if found.mentions.between("countries", match.end(), end):
                kinds.add("country")
                continue
            first = story.first_word_from(match.end())
            words = story.words[first : story.first_word_from(end)]
            if any(w[:1].isupper() and w.lower() not in lex.non_name_words for w in words):
                kinds.add("unlisted")
            elif any(w.lower() in UNNAMED_PLACE_WORDS for w in words):
                kinds.add("place")
    for regex, strength in lex.backward_birth_phrases:
        if regex.key not in anchor_hits:
            continue
        for match in regex.finditer(story):
            # "Bethlehem, where Layla was born": the place just before
            sentence = story.sentences[story.sentence_of(match.start())]
            places = found.mentions.between("cities", max(sentence.start, match.start() - 80), match.start())
            if places and refs is not None and refs.owner_at(match.end() - 1, look_after=False) == ARTIST:
                named(places[-1].city, strength)
    if keys:
        kinds.add("city")
    story.cache["candidates.birth_phrase_places"] = (keys, kinds)
    return keys, kinds


def _birth_phrase_features(key: Any, keys: dict[Any, float], kinds: set[str]) -> list[str]:
    if key in keys:
        return ["bp=this", f"bp_surest={keys[key] >= max(keys.values())}"]
    if len(keys):
        return ["bp=city"]
    return ["bp=" + next((k for k in _PHRASE_KINDS[1:] if k in kinds), "none")]


def _birth_word_owner(story: AnalysedStory, found: Findings, m: Mention, near: list[str]) -> str:
    """Whose the birth word just before the city is: the artist's, or another person's ("her mother was
    born in Lviv", "his wife, who grew up in Delft")."""
    if not near or found.refs is None:
        return "tb_own=none"
    lower = story.lower_words
    for k in range(m.first_word - 1, max(-1, m.first_word - 8), -1):
        if lower[k] in BIRTH_TRIGGERS:
            owner = found.refs.owner_at(story.starts[k], look_after=False)
            return f"tb_own={owner or 'blocked'}"
    return "tb_own=none"


def _a_date(story: AnalysedStory, lex: Lexicon, m: Mention) -> bool:
    """ "born in March 1975", "in May 12": a month before a number is a date, whatever the gazetteer lists."""
    k = m.end_word
    return (
        m.end_word - m.first_word == 1
        and story.words[m.first_word] in lex.non_name_words
        and k < len(story.words)
        and story.words[k][:1].isdigit()
    )


def _glued_to(story: AnalysedStory, found: Findings, m: Mention) -> str:
    """Whom a glued place ("Lagos-born") describes: the artist when their name or an art noun follows
    ("the Kumasi-born guitarist", "a Calcutta-born embroiderer")."""
    lower = story.lower_words
    stop = story.sentences[story.word_sentence[m.first_word]].end_word
    after = lower[m.end_word : min(stop, m.end_word + 6)]
    if any(w in found.protagonist.words for w in after):
        return "artist"
    if any(w in found.lexicon.artist_self_nouns or w in GLUED_ART_NOUNS for w in after[:4]):
        return "artist_noun"
    return "other"


def _demoted_birth_places(story: AnalysedStory, found: Findings) -> list[Mention]:
    """Single words the mention rules did not believe were cities, right after a birth word.

    "born in Dresden", "(born 1983, Luanda)", "his native Gdańsk": a word also used
    as a name elsewhere, or without the place evidence the city rules ask for,
    is still the likely birthplace; it becomes a candidate, marked as such.
    """
    lower = story.lower_words
    non_names = found.lexicon.non_name_words
    name_words = found.protagonist.words
    places = []
    back_sentences: set[int] | None = None
    # (and names of two or three words the rules left unlabelled: "The first is Mazar-e Sharif, where she
    # was born")
    others = [
        m
        for m in found.mentions.chunks
        if m.label == MentionLabel.OTHER and 1 < m.end_word - m.first_word <= 3 and m.candidates
    ]
    for m in sorted([*found.mentions.names, *others], key=lambda m: m.first_word):
        if not m.candidates or story.words[m.first_word] in non_names:
            continue  # ("born in March")
        if m.end_word - m.first_word != 1 and m.label != MentionLabel.OTHER:
            continue
        before = lower[max(0, m.first_word - 3) : m.first_word]
        if BIRTH_TRIGGERS.isdisjoint(before) and label_at(story, m.start) != "birth":
            # "Baghdad, where Yusuf Al-Amiri was born, ...", "Tromso, January: ... born in that Arctic
            # city": a birth phrase after the name, in its sentence or the next two, may point back at it.
            if lower[m.first_word] in name_words:
                continue
            if back_sentences is None:
                back_sentences = {story.word_sentence[k] for k in story.positions(BIRTH_BACK_TRIGGERS)}
            sentence = story.word_sentence[m.first_word]
            later = sentence + 1 in back_sentences or sentence + 2 in back_sentences
            if not later and (
                sentence not in back_sentences
                or BIRTH_BACK_TRIGGERS.isdisjoint(lower[m.end_word : story.sentences[sentence].end_word])
            ):
                continue
        # An alias is a weaker reading than a primary name, but the only one of an English spelling
        # ("her hometown of Mysore", "born in Heraklion"): the gazetteer kept it as a likely spelling.
        readings = [c for c in m.candidates if not c.via_alias] or list(m.candidates)
        places.append(replace(m, city=max(readings, key=lambda c: c.city.population).city))
    return places


def _from_person(story: AnalysedStory, found: Findings, mentions: list[Mention]) -> str:
    """Whose origin "from X" gives: the artist's ("a weaver from Ayacucho", "Aino from Tampere", "who comes
    from Chengdu"), somebody's, or nobody's ("back from Paris", "a loan from Berlin")."""
    lower = story.lower_words
    lex = found.lexicon
    kind = "none"
    for m in mentions:
        k = m.first_word - 1
        if k < 1 or lower[k] != "from":
            continue
        before = lower[k - 1]
        if before in found.protagonist.words or before in lex.artist_self_nouns or before.endswith("-old"):
            return "artist"
        if before in FROM_PERSON_WORDS or before in ("who", "is", "was", "are", "were"):
            kind = "person"
        elif kind == "none":
            kind = "other"
    return kind


def _childhood_sentence(story: AnalysedStory, m: Mention) -> bool:
    """The city's sentence is about someone's early years ("since she was a girl in ... Naples")."""
    s = story.sentences[story.word_sentence[m.first_word]]
    return not CHILDHOOD_WORDS.isdisjoint(story.lower_words[s.first_word : s.end_word])


_ONE = frozenset({"one"})


def _country_marks(story: AnalysedStory, found: Findings) -> dict[int, list[tuple[int, str]]]:
    """By sentence, (word, country code) of every country and region the story names ("Perth, in Scotland")."""
    marks = story.cache.get("candidates.country_marks")
    if marks is None:
        gaz = default_gazetteer()
        marks = {}
        for m in found.mentions.chunks:
            if m.label == MentionLabel.COUNTRY:
                code = gaz.country_code(m.text)
            elif m.label == MentionLabel.REGION:
                code = gaz.region_countries.get(m.key)
            else:  # (not a demonym: "sings in Spanish" names no country)
                continue
            if code:
                marks.setdefault(story.word_sentence[m.first_word], []).append((m.first_word, code))
        # "Cartagena, the Colombian one", "Perth, the Scottish one": a nationality that tells namesakes apart
        lower = story.lower_words
        for k in story.positions(_ONE):
            if k < 2 or lower[k - 2] != "the" or (k >= 3 and lower[k - 3] == "not"):
                continue
            code = gaz.demonym_countries.get(lower[k - 1])
            if code:
                marks.setdefault(story.word_sentence[k], []).append((k - 1, code))
        story.cache["candidates.country_marks"] = marks
    return marks


def _born_in_a_country(story: AnalysedStory, found: Findings, m: Mention) -> bool:
    """A birth word of the city's sentence names a country before it ("born in Chile and later moved to Hamburg")."""
    sentence = story.word_sentence[m.first_word]
    lower = story.lower_words
    for word, _ in _country_marks(story, found).get(sentence, ()):
        if word < m.first_word and any(w in BIRTH_TRIGGERS for w in lower[max(0, word - 3) : word]):
            return True
    return False


def _country_distance(story: AnalysedStory, found: Findings, mentions: list[Mention], country: str) -> int:
    """How many words from one of the city's mentions its sentence names ``country`` (99: not at all)."""
    marks = _country_marks(story, found)
    best = 99
    for m in mentions:
        for word, code in marks.get(story.word_sentence[m.first_word], ()):
            if code == country:
                best = min(best, abs(word - m.first_word))
    return best


_NAMESAKE_REACH = 12  # words between a city and the country named beside it


def _namesake_near(
    story: AnalysedStory, found: Findings, mentions: list[Mention], m: Mention, by_key: dict[Any, list[Mention]]
) -> CityMatch | None:
    """A namesake of the city in a country named nearer to its mentions than the reading's own country."""
    if m.city is None or len(m.candidates) < 2:
        return None
    # Each mention with a candidate's country named within reach says which it is; a namesake wins only if no
    # mention says the reading's own country ("Tripoli, in the north of Lebanon ... the other Tripoli, the one
    # in Libya").
    said: dict[str, CityMatch] = {}
    for x in mentions:
        best: CityMatch | None = m.city
        best_distance = min(_country_distance(story, found, [x], m.city.country), _NAMESAKE_REACH + 1)
        for c in m.candidates:
            city = c.city
            if c.via_alias or city.country == m.city.country:
                continue
            distance = _country_distance(story, found, [x], city.country)
            if distance < best_distance:
                best, best_distance = city, distance
        if best_distance <= _NAMESAKE_REACH and best is not None:
            said.setdefault(best.country, best)
    if len(said) != 1 or m.city.country in said:
        return None
    return next(iter(said.values()))


def _next_start(starts: list[int], first: int) -> int:
    k = bisect_right(starts, first)
    return starts[k] if k < len(starts) else 1 << 30


def _born_next(story: AnalysedStory, found: Findings, cities: list[Mention]) -> set[Any]:
    """The cities named first after a birth note word in its sentence ("born into a family of griots in
    Kayes, and grew up in Bamako"): the birth city, where the cues of later places only tell of a childhood."""
    notes = found.lexicon.birth_note_words
    starts = [m.first_word for m in cities]
    keys = set()
    for k in story.positions(notes):
        n = bisect_right(starts, k)
        sentence = story.word_sentence[k]
        if n >= len(cities) or cities[n].first_word >= story.sentences[sentence].end_word:
            continue
        # ("born in Chile and later moved to Hamburg": the country is the birthplace the story gives)
        if not any(k < w < cities[n].first_word for w, _ in _country_marks(story, found).get(sentence, ())):
            keys.add(_city_key(cities[n].city))
    return keys


_AFTER_REACH = 8  # words after a city in which a birth word may still be about it


def _birth_words_after(story: AnalysedStory, m: Mention, next_city: int) -> list[str]:
    """Birth words after the city, before the next city or the sentence's end ("a Samarkand native",
    "Shiraz, where the director was born"): the clause tells of the city named before it."""
    lower = story.lower_words
    stop = min(story.sentences[story.word_sentence[m.first_word]].end_word, next_city, m.end_word + _AFTER_REACH)
    words = lower[m.end_word : stop]
    found = [w for w in words if w in BIRTH_AFTER_TRIGGERS]
    if not found:
        return []
    where = "where" in words[: words.index(found[0])]
    return [f"ta={w}" for w in sorted(set(found))] + [
        f"ta_where={where}",
        f"ta_next={words[0] in BIRTH_AFTER_TRIGGERS}",
    ]


_QUARTER_REACH = 10  # words of a neighbourhood phrase between a quarter and its city


def _quarter_cities(story: AnalysedStory, found: Findings, cities: list[Mention]) -> dict[Any, Mention]:
    """The city each quarter of the story is a quarter of, by the quarter's key: "Sur, the walled old district
    of Diyarbakır", "the Santurce district of San Juan", "Kharkiv's Saltivka district", "Ayacucho, in the
    barrio of Santa Ana", "Soweto, the sprawling township on the south-western edge of Johannesburg".

    A quarter the gazetteer lists as a town of its own (Sur in Oman, Santurce read as Santurtzi) is the city
    it is a quarter of: born in the quarter is born in the city.
    """
    norm = story.norm
    lower = story.lower_words
    words_of = found.lexicon.neighbourhood_words
    quarters: dict[Any, Mention] = {}
    for a, b in zip(cities, cities[1:], strict=False):
        if a.city is None or b.city is None or _city_key(a.city) == _city_key(b.city):
            continue
        if story.word_sentence[a.first_word] != story.word_sentence[b.first_word]:
            continue
        between = lower[a.end_word : b.first_word]
        if between in (["'s"], ["’s"], ["'"]):
            if b.end_word < len(lower) and words_of.match(norm, story.starts[b.end_word]):
                quarters.setdefault(_city_key(b.city), a)  # "Kharkiv's Saltivka district"
            continue
        if not between or len(between) > _QUARTER_REACH or not words_of.search(norm, a.end, b.start):
            continue
        if between[:2] == [",", "in"] and between[-1] == "of":
            # "Ayacucho, in the barrio of Santa Ana", "Bergen, in the suburb of Fana"
            quarters.setdefault(_city_key(b.city), a)
        elif between[-1] in ("of", "outside") and (
            between[:1] == [","]
            and between[1:2] in (["the"], ["a"], ["an"])
            or lower[a.first_word - 1 : a.first_word] == ["the"]
        ):
            # "Sur, the walled old district of Diyarbakır", "the Santa Ana neighbourhood of Ayacucho"
            quarters.setdefault(_city_key(a.city), b)
    # "in the Santurce district of San Juan" where the quarter's name was not read as a city there
    by_text: dict[str, Mention] = {}
    for m in cities:
        if m.city is not None:
            by_text.setdefault(norm[m.start : m.end].lower(), m)
    for b in cities:
        k = b.first_word
        if b.city is None or k < 4 or lower[k - 1] != "of" or not words_of.match(norm, story.starts[k - 2]):
            continue
        for first in range(k - 3, max(0, k - 6), -1):
            if lower[first - 1] == "the":
                quarter = by_text.get(norm[story.starts[first] : story.ends[k - 3]].lower())
                if quarter is not None and _city_key(quarter.city) != _city_key(b.city):
                    quarters.setdefault(_city_key(quarter.city), b)
                break
    # (a city is no quarter of its own quarter)
    return {key: city for key, city in quarters.items() if _city_key(city.city) not in quarters}


def birth_city_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    """Every city of the story may be the birth city: alternatives, the likeliest kept if likely enough.

    Besides the birth words around it, the shapes of a catalogue's birth note
    are features: a year right after the city ("b. 1984, Lagos", "(Londrina,
    1985)"), a parenthesis or the artist's name just before it.
    """
    rule = found.birth_city.value if found.birth_city else None
    rule_key = _city_key(rule)
    lower = story.lower_words
    name_words = found.protagonist.words
    cities = [m for m in found.mentions.cities if m.city is not None and not _a_date(story, found.lexicon, m)]
    demoted = _demoted_birth_places(story, found)
    if demoted:
        cities = sorted(cities + demoted, key=lambda m: m.first_word)
    demoted_ids = {id(m) for m in demoted}
    quarters = _quarter_cities(story, found, cities)
    if quarters:
        # (the quarter's mentions are its city's: its birth words are the city's cues)
        resolved = []
        for m in cities:
            city = quarters.get(_city_key(m.city))
            if city is not None:
                was_demoted = id(m) in demoted_ids
                m = replace(m, city=city.city)
                if was_demoted:
                    demoted_ids.add(id(m))
            resolved.append(m)
        cities = resolved
        if rule_key in quarters:
            rule_key = _city_key(quarters[rule_key].city)
    by_key: dict[Any, list[Mention]] = {}
    for m in cities:
        by_key.setdefault(_city_key(m.city), []).append(m)
    candidates: list[Candidate] = []
    strengths: list[tuple[bool, bool, bool]] = []
    first_key = _city_key(cities[0].city) if cities else None
    back = _birth_back_references(story, cities, found.refs)
    back_of: dict[Any, list[str]] = {}
    for n, features in back.items():
        back_of.setdefault(_city_key(cities[n].city), []).extend(features)
    city_starts = [m.first_word for m in cities]
    city_ends = [m.end_word for m in cities]
    phrase_keys, phrase_kinds = _birth_phrase_places(story, found, demoted)
    for order, (key, mentions) in enumerate(by_key.items()):
        cues = []
        for m in mentions:
            sentence = story.word_sentence[m.first_word]
            s = story.sentences[sentence]
            # A birth word before another city is that city's ("born in Tlemcen and studied in Algiers").
            previous = bisect_left(city_starts, m.first_word) - 1
            since = city_ends[previous] if previous >= 0 else 0
            before = lower[max(s.first_word, m.first_word - 6, since) : m.first_word]
            near = sorted(BIRTH_TRIGGERS.intersection(before) | _glued_birth_word(story, m))
            in_sentence = _sentence_words(story, sentence, BIRTH_TRIGGERS, "ts")
            cues.append((bool(near), bool(in_sentence), -m.first_word, m, sentence, near, in_sentence))
        _, _, _, m, sentence, near, in_sentence = max(cues, key=lambda c: c[:3])
        glued = ""
        if key != rule_key and _glued_suffix(story, m):
            # "a Lagos-born nurse": the place describes the noun it is glued to, which may be the artist
            # ("Lagos-born performer X", "the Tehran-born video artist X").
            glued = _glued_to(story, found, m)
            if glued == "other":
                continue
        backward = back_of.get(key, ())
        after_words = sorted(
            {f for x in mentions for f in _birth_words_after(story, x, _next_start(city_starts, x.first_word))}
        )
        features = [f"tb={w}" for w in near] + in_sentence + (after_words or ["ta=none"])
        features.append(f"glued={glued or 'none'}")
        features.append(f"demoted={id(m) in demoted_ids}")
        features.append(f"cue={'near' if near else 'sentence' if in_sentence else 'back' if backward else 'none'}")
        features += [f"is_rule={key == rule_key}", f"rule_none={rule is None}", f"first_city={key == first_key}"]
        features += [f"order={min(order, 3)}", f"nmen={_bucket(len(mentions), (2, 3, 5))}"]
        features += sorted(set(backward)) or ["back=none"]
        after = lower[m.end_word : m.end_word + 2]
        features.append(
            f"year_after={len(after) == 2 and after[0] == ',' and after[1].isdigit() and len(after[1]) == 4}"
        )
        earlier = lower[max(0, m.first_word - 4) : m.first_word]
        features.append(f"paren_before={'(' in earlier}")
        features.append(f"name_before={not name_words.isdisjoint(earlier)}")
        features.append(f"from_person={_from_person(story, found, mentions)}")
        features.append(f"childhood={any(_childhood_sentence(story, x) for x in mentions)}")
        features.append(f"born_in_country={_born_in_a_country(story, found, m)}")
        features += _birth_phrase_features(key, phrase_keys, phrase_kinds)
        features.append(_birth_word_owner(story, found, m, near))
        features += _window(story, m.first_word, m.end_word)
        features += _position(story, sentence, found.refs)
        if key == rule_key and found.birth_city is not None and _city_key(found.birth_city.value) == key:
            fact = found.birth_city
        else:
            fact = Fact(m.city, sentence, (m.start, m.end))
        # "Perth, in Scotland", "the National Gallery of Jamaica in Kingston": a namesake in the country
        # named beside the city is the one meant, whichever is larger.
        namesake = _namesake_near(story, found, mentions, m, by_key)
        if namesake is not None:
            key = _city_key(namesake)
            if key in by_key:
                continue  # (another mention reads it so: that city is a candidate of its own)
            if found.birth_city is not None and _city_key(found.birth_city.value) == _city_key(m.city):
                fact = replace(found.birth_city, value=namesake)
            else:
                fact = Fact(namesake, sentence, (m.start, m.end))
        features.append(f"namesake={namesake is not None}")
        rule_here = key == rule_key or (namesake is not None and _city_key(m.city) == rule_key)
        candidates.append(Candidate("birth_city", key, fact, features, rule_here, group=0))
        strengths.append((bool(near), bool(in_sentence) or "year_after=True" in features, bool(backward)))
    born_next = _born_next(story, found, cities)
    for c, strength in zip(candidates, strengths, strict=True):
        c.features.append(f"cue_rank={sum(other > strength for other in strengths)}")
        c.features.append(f"cue_ties={sum(other == strength for other in strengths) - 1 > 0}")
        c.features += [f"born_next={c.key in born_next}", f"born_elsewhere={any(k != c.key for k in born_next)}"]
    return candidates
