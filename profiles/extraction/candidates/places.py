"""The stages of places: the cities the story names and the exhibitions (a venue, a city, or both).

Exhibitions: the showings the rules found, the venues and cities of showing
sentences they left unpaired, names that stand as a field next to a city (a
catalogue's "Oslo, Kunstnerforbundet, 1925"), names with no venue word where a
show was ("played at WOMAD"), the cities near a venue named without one, and a
venue's name read with other ends.  Word lists are in
data/exhibitions.json.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from ..data import load
from ..exhibitions import TRAVEL_HEADS, ExhibitionMention, numbered_venue, without_owner
from ..gazetteer import CityMatch
from ..lexicon import Lexicon
from ..mentions import Mention
from ..story_record import LABEL_NAME, LABEL_OTHER, LABEL_PERSON, LABEL_PLACE
from ..text import AnalysedStory
from ..textutil import fold
from .base import (
    _QUOTE_WORDS,
    _YEAR,
    Candidate,
    Findings,
    _bucket,
    _city_key,
    _FeatureStrings,
    _glued_suffix,
    _position,
    _sentence_words,
    _Spans,
    _window,
    _words_of,
    key_fold,
)

EXHIBITION_SENTENCE_WORDS = frozenset(load("exhibitions")["candidate_sentence_words"])
LOOSE_SHOWING_WORDS = frozenset(load("exhibitions")["loose_showing_words"])
VENUE_NAME_LINKS = frozenset(load("exhibitions")["venue_name_links"])
VENUE_NAME_CUTS = frozenset(load("exhibitions")["venue_name_cuts"])


def city_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    groups: dict[int, list[Mention]] = {}
    for m in found.mentions.cities:
        if m.city is not None:
            groups.setdefault(m.city.geonameid, []).append(m)
    person_words = found.mentions.person_words
    candidates = []
    for items in groups.values():
        m = items[0]
        city = m.city
        assert city is not None
        sentence = story.word_sentence[m.first_word]
        features = ["bias_rule", f"ev={m.evidence}", f"country_after={bool(m.country_after)}"]
        features.append(f"pop={_bucket(math.log10(max(1, city.population)), (4.5, 5, 5.5, 6, 6.5))}")
        features.append(f"n={min(3, len(items))}")
        features.append(f"alias={fold(m.text) != fold(city.name)}")
        features.append(f"person_word={story.words[m.first_word] in person_words}")
        features.append(f"glued={_glued_suffix(story, m)}")
        features.append(f"nwords={min(3, m.end_word - m.first_word)}")
        features += _window(story, m.first_word, m.end_word, 2)
        features += _position(story, sentence, found.refs)
        candidates.append(Candidate("cities", _city_key(city), m, features, True))
    return candidates + _venue_name_cities(story, found, set(groups))


def _venue_name_cities(story: AnalysedStory, found: Findings, seen: set[int]) -> list[Candidate]:
    """'Kunsthalle Basel', 'Art Dubai', 'Kunsthalle Wien': a big city naming a venue is a city the story
    names, though no other word says so (an other name only in a country the story is about: the
    'Museo de Antioquia' is no museum of Antakya)."""
    countries = set(found.mentions.story_countries) | {m.city.country for m in found.mentions.cities if m.city}
    candidates = []
    for sub in found.mentions.name_cities.values():
        city = sub.city
        if city is None or city.geonameid in seen or sub.text.isupper():
            continue
        via_alias = all(c.via_alias for c in sub.candidates if c.city.geonameid == city.geonameid)
        if via_alias and city.country not in countries:
            continue
        seen.add(city.geonameid)
        features = ["bias_rule", "ev=venue-name-only", f"alias={via_alias}"]
        features += _window(story, sub.first_word, sub.end_word, 2)
        candidates.append(Candidate("cities", _city_key(city), sub, features, False))
    return candidates


def exhibition_candidates(story: AnalysedStory, found: Findings) -> list[Candidate]:
    per_sentence: dict[int, int] = {}
    for ex in found.exhibitions:
        per_sentence[ex.sentence] = per_sentence.get(ex.sentence, 0) + 1
    candidates = []
    for ex in found.exhibitions:
        if ex.city is None and ex.venue is None:
            continue
        first, last = _words_of(story, *ex.match)
        features = ["bias_rule", f"city={ex.city is not None}", f"venue={ex.venue is not None}", f"kind={ex.kind}"]
        features += [f"invited={ex.invited}", f"follow={ex.follow_up}", f"year={ex.year is not None}"]
        features.append(f"pair={ex.pairing}")  # how the rules gave the venue its city (next to it, or the sentence's)
        if ex.pairing in ("there", "there-city"):
            features += _there_features(story, found, ex)
        features.append(f"conf={ex.confidence}")
        features.append(f"nsent={min(3, per_sentence[ex.sentence])}")
        sentence = story.sentences[ex.sentence]
        in_sentence = len(found.mentions.between("cities", sentence.start, sentence.end))
        features.append(f"sent_cities={min(2, in_sentence)}")
        features.append(f"city={ex.city is not None}&sent_cities={min(2, in_sentence)}")
        features.append(f"city={ex.city is not None}&story_cities={_bucket(len(found.mentions.cities), (1, 2, 4))}")
        sentences = story.sentences
        around = found.mentions.between(
            "cities",
            sentences[max(0, ex.sentence - 2)].start,
            sentences[min(len(sentences) - 1, ex.sentence + 1)].end,
        )
        features.append(f"city={ex.city is not None}&near_cities={min(2, len(around))}")
        if ex.venue:
            words = fold(ex.venue).split()
            features.append(f"vposs={any(w.endswith(_POSSESSIVE_S) for w in words[:-1])}")  # "Miller's Barn"
            start = story.text.find(ex.venue, ex.match[0])
            features.append(f"vappos={start >= 0 and _called_a_venue(story, found.lexicon, ex, start)}")
            features.append(f"vh={words[-1]}")
            features.append(f"v0={words[0]}")
            features.append(f"vlen={min(4, len(words))}")
            if start >= 0:
                features += _venue_as_work(story, found, start, start + len(ex.venue))
        features += _showing_context(story, found, ex.sentence, ex.match[0])
        window = _showing_window(story, first, first, 3)
        if ex.venue:  # the venue's own words are read as its name (vh, v0, vposs): not as words around it
            inside = min(3, len(ex.venue.split()))
            window = [f for f in window if not (f[0] == "R" and f[1].isdigit() and int(f[1]) <= inside)]
        features += window
        features += _position(story, ex.sentence, found.refs)
        key = (key_fold(ex.city.name) if ex.city else None, key_fold(ex.venue))
        candidate = Candidate("exhibitions", key, ex, features, True)
        candidates.append(candidate)
        if ex.city is None and ex.venue:
            alternatives = _exhibition_cities(story, found, ex, len(candidates))
            if alternatives:
                candidate.group = len(candidates)
                for alternative in alternatives:
                    alternative.group = candidate.group
                candidates += alternatives
    candidates += _unpaired_showings(story, found, {c.key for c in candidates})
    # "at Culturgest in Lisbon": the named field and the bare city are one showing read two ways.
    # (In one sentence only: a name by a city of another sentence is another showing.)
    bare = {(c.key[0], c.value.sentence): c for c in candidates if c.key[1] is None and c.group < 0}
    next_group = len(candidates)  # (the groups so far are indices of candidates)
    for c in candidates:
        if c.features[0] == "field" and c.group < 0:
            other = bare.pop((c.key[0], c.value.sentence), None)
            if other is not None:
                c.group = other.group = next_group
                next_group += 1
    candidates += _named_venues(story, found, {c.key for c in candidates}, next_group)
    return candidates + _venue_extents(story, found, candidates)


_NUMBERING = re.compile(r"(?:[IVXLC]+|\d+(?:st|nd|rd|th)?)$")


def _venue_spans(story: AnalysedStory, first: int, end: int) -> list[tuple[str, int, int]]:
    """Other readings of where a venue's name starts and ends, as word spans (see _venue_extents)."""
    words, lower = story.words, story.lower_words
    sentence = story.sentences[story.word_sentence[first]]
    lo, hi = sentence.first_word, sentence.end_word

    def capital(k: int) -> bool:
        w = words[k]
        return w not in _FIELD_STOPS and (w[:1].isupper() or w[:1].isdigit()) and lower[k] != "the"

    spans = []
    k = end
    if k < hi and _NUMBERING.match(words[k]) and not _YEAR.fullmatch(words[k]):
        spans.append(("num", first, k + 1))  # "Lahore Biennale 02", "Galerie 1957"
    if k + 1 < hi and lower[k] in VENUE_NAME_LINKS:  # "Institut du monde arabe", "Festival au Désert"
        j = k + 1
        while j < hi and j - k <= 4 and words[j] not in _FIELD_STOPS and lower[j] not in _LINK_ENDS:
            j += 1
        if j > k + 1:
            spans.append(("link", first, j))
    elif k + 1 < hi and lower[k] in ("of", "for", "+", "&") and capital(k + 1):  # "Oceania Centre for Arts"
        j = k + 1
        while j < hi and (capital(j) or (lower[j] in _FIELD_SMALL and j + 1 < hi and capital(j + 1))):
            j += 1
        spans.append(("right", first, j))
    j = first
    while (
        j - 1 > lo
        and not _YEAR.fullmatch(words[j - 1])
        and (capital(j - 1) or (lower[j - 1] in ("of", "for", "the", "–", "-") and j - 2 > lo and capital(j - 2)))
    ):
        j -= 1
    if j < first and j - 1 >= lo and not (j in story.initial and j + 1 == first):
        spans.append(("left", j, end))  # "798 Art Zone", "Australian Centre for the Moving Image"
    if end - first >= 2 and _NUMBERING.match(words[first]) and words[first][:1].isupper():
        spans.append(("unnum", first + 1, end))  # "XVIII Venice Biennale"
    if end - first >= 3 and lower[first + 1] == "'s":
        spans.append(("unposs", first + 2, end))  # "Smithsonian's Renwick Gallery"
    for k in range(first + 1, end - 1):
        if lower[k] in VENUE_NAME_CUTS:
            spans.append(("cut", first, k))  # "Fukuoka Asian Art Museum for the Asian Art Triennale"
            break
    return [(kind, a, b) for kind, a, b in spans if 0 < b - a <= _MAX_FIELD_WORDS + 2]


def _venue_extents(story: AnalysedStory, found: Findings, candidates: list[Candidate]) -> list[Candidate]:
    """A venue read with other ends ("Institut" of "Institut du monde arabe", "XVIII Venice Biennale"):
    each reading is an alternative to the venue's candidate, in one group with it, and the decision
    layer learns from the kind of change how often each is the name."""
    taken = {c.key for c in candidates}
    next_group = max([len(candidates)] + [c.group + 1 for c in candidates])
    extra: list[Candidate] = []
    for c in list(candidates):
        ex = c.value
        if not c.key[1] or ex.venue is None or c.features[0] in ("alt", "named"):
            continue
        start = story.text.find(ex.venue, ex.match[0])
        if start < 0:
            continue
        first, last = _words_of(story, start, start + len(ex.venue))
        if last <= first:
            continue
        readings = []
        for kind, a, b in _venue_spans(story, first, last):
            text = story.text[story.starts[a] : story.ends[b - 1]]
            city = ex.city
            if city is None and b + 1 < len(story.words) and story.lower_words[b] in ("in", ","):
                # "the Institut du monde arabe in Paris": the name read further meets its city
                after = found.mentions.between("cities", story.starts[b + 1], story.ends[b + 1])
                if after and after[0].city is not None and after[0].first_word == b + 1:
                    city = after[0].city
            key = (key_fold(city.name) if city else None, key_fold(text))
            if key in taken or not key[1]:
                continue
            taken.add(key)
            features = ["bnd", f"bnd={kind}", f"bnd={kind}&rule={c.rule}", f"bvh={fold(text).split()[-1]}"]
            features += [f"b:{f}" for f in c.features[:12]]
            features.append(f"bcity={city is not ex.city}")
            reading = replace(ex, venue=text, city=city)
            readings.append(Candidate("exhibitions", key, reading, features, False, kind="extent"))
        if not readings:
            continue
        if c.group < 0:
            c.group = next_group
            next_group += 1
        for r in readings:
            r.group = c.group
        extra += readings
    return extra


def _unpaired_showings(story: AnalysedStory, found: Findings, taken: set) -> list[Candidate]:
    """Venues and cities of showing sentences that the exhibition rules did not pair: possible showings.

    A venue goes with the first city after it in its sentence (or the one in its name); a city of a
    sentence with an exhibition trigger stands alone, and so does one of a sentence with only a looser
    word ("next month the paintings go on to Iasi": loose_showing_words, candidate_sentence_words), with
    features and an "add" threshold of its own (kind "city-loose").  The decision model keeps the likely ones.
    A venue of any other sentence is a candidate too ("next month they travel to the Museo Tamayo",
    a review's heading "Kunsthal Charlottenborg, Copenhagen"), with features of its own: without a
    trigger, the words that count are others (data/exhibitions.json, loose_showing_words).
    """
    mentions = found.mentions
    showing = mentions.exhibition_sentences
    birth = found.birth_city.value if found.birth_city else None
    taken_cities = {key[0] for key in taken}
    ruled = Counter(ex.sentence for ex in found.exhibitions)
    candidates: list[Candidate] = []
    for m in mentions.venues:
        index = story.word_sentence[m.first_word]
        m = numbered_venue(story, m)
        sentence = story.sentences[index]
        inside = [c for c in mentions.between("cities", m.start, m.end) if c.city is not None]
        if not inside and m.end_word in mentions.name_cities:
            inside = [mentions.name_cities[m.end_word]]
        after = [c for c in mentions.between("cities", m.end, sentence.end) if c.city is not None]
        if after and story.lower_words[m.end_word : after[0].first_word] in (["in"], [","]):
            inside = []  # "the Chale Wote Street Art Festival in Accra": not the Wote of its name
        nearest = inside or after
        city = nearest[0] if nearest else None
        place = city.city if city is not None else None
        # The rules' reading of the name: "Renwick Gallery" of "Smithsonian's Renwick Gallery".
        name = without_owner(m.text)
        key = (key_fold(place.name) if place else None, key_fold(name))
        if key in taken or (None, key[1]) in taken:
            continue
        taken.add(key)
        features = ["extra", "src=venue", f"city={place is not None}", f"city_in_name={bool(inside)}"]
        if index not in showing:  # "it travels to the Museo Tamayo", a heading line "Kunsthal Aarhus"
            features += _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
            features.append(f"slen={_bucket(sentence.end_word - sentence.first_word, (6, 12, 25))}")
        if after and city is after[0]:
            gap = after[0].first_word - m.end_word
            features.append(f"gap={_bucket(gap, (1, 2, 4, 8))}")
        features.append(f"vh={fold(m.text).split()[-1]}")
        features.append(f"ev={m.evidence}")
        features += _venue_as_work(story, found, m.start, m.end)
        features += _showing_context(story, found, index, m.start)
        features += _showing_window(story, m.first_word, m.end_word, 2)
        features += _position(story, index, found.refs)
        if index not in showing:  # weights of their own: no showing sentence's words to lean on
            features = ["exs=False"] + ["nx:" + f for f in features]
        value = ExhibitionMention(place, name, None, index, (m.start, m.end), 0.5)
        kind = ("venue-city" if place is not None else "venue") + ("" if index in showing else "-loose")
        candidates.append(Candidate("exhibitions", key, value, features, False, kind=kind))
    candidates += _field_venues(story, found, taken)
    # The showing sentences' cities first: a city's candidate is the one of its showing sentence, if it has one.
    in_showing = [c for c in mentions.cities if story.word_sentence[c.first_word] in showing]
    for c in in_showing + [c for c in mentions.cities if story.word_sentence[c.first_word] not in showing]:
        index = story.word_sentence[c.first_word]
        if c.city is None:
            continue
        key = (key_fold(c.city.name), None)
        if key[0] in taken_cities or key in taken:
            continue
        loose = index not in showing  # "the paintings go on to Iasi next month", "a retrospective planned for Delhi"
        if loose and not _LOOSE_CITY_WORDS.intersection(_sentence_lower(story, index)):
            continue
        taken.add(key)
        features = ["extra", "src=city", f"birth={birth is not None and birth.geonameid == c.city.geonameid}"]
        features.append(f"ev={c.evidence}")
        features += _showing_context(story, found, index, c.start)
        features.append(f"ruled={min(2, ruled.get(index, 0))}")  # none: the rules found the showing someone else's
        features.append(f"head={_city_head(story, found.lexicon, c)}")
        features += _showing_window(story, c.first_word, c.end_word, 2, head=True)
        features += _position(story, index, found.refs)
        if loose:  # weights of their own: no showing word to lean on
            features += _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
            features = ["exs=False"] + ["nx:" + f for f in features]
        value = ExhibitionMention(c.city, None, None, index, (c.start, c.end), 0.5)
        candidates.append(Candidate("exhibitions", key, value, features, False, kind="city-loose" if loose else "city"))
    return candidates


_LOOSE_CITY_WORDS = LOOSE_SHOWING_WORDS | EXHIBITION_SENTENCE_WORDS
_THERE_OPENERS = frozenset((",", ";", ":", "and", "but", "so", "then"))
_THERE_BE = frozenset(load("exhibitions")["there_existential_words"])


def _there_features(story: AnalysedStory, found: Findings, ex: ExhibitionMention) -> list[str]:
    """A showing whose city the rules reached through "there": how the "there" reads and what it points at.

    "In 2016 she moved to Lisbon. There she had her first solo show": a "there" that opens its clause,
    a sentence after a city the artist moved to, is the place; "there were three shows that year" is no
    place at all; and a city named sentences back, or that hung on a school or a studio, is a weaker
    antecedent.  (The pairing alone told none of this: the model could only learn how often it was right.)
    """
    sentence = story.sentences[ex.sentence]
    lower = story.lower_words
    k = next((j for j in range(sentence.first_word, sentence.end_word) if lower[j] == "there"), -1)
    if k < 0 or ex.city is None:
        return ["there=none"]
    if k + 1 < sentence.end_word and lower[k + 1] in _THERE_BE:
        lead = "exist"  # "there were", "there is"
    elif k == sentence.first_word or lower[k - 1] in _THERE_OPENERS:
        lead = "open"
    else:
        lead = "mid"
    start = story.starts[k]
    antecedent = None
    for m in found.mentions.between("cities", 0, start):
        if m.city is not None and m.city.geonameid == ex.city.geonameid:
            antecedent = m
    if antecedent is None:
        return [f"there={lead}"]
    distance = min(2, ex.sentence - story.word_sentence[antecedent.first_word])
    head = _city_head(story, found.lexicon, antecedent)
    return [f"there={lead}", f"there_dist={distance}", f"there_head={head}", f"there={lead}&dist={distance}"]


def _sentence_lower(story: AnalysedStory, index: int) -> list[str]:
    s = story.sentences[index]
    return story.lower_words[s.first_word : s.end_word]


def _called_a_venue(story: AnalysedStory, lex: Lexicon, ex: ExhibitionMention, start: int) -> bool:
    """'Miller's Barn, the small gallery near his village, gave him ...': an appositive that calls the
    name (the venue, found in the text at ``start``) a gallery, a museum, a festival."""
    k = story.first_word_from(start + len(ex.venue or ""))
    hi = story.sentences[ex.sentence].end_word
    if k + 1 >= hi or story.words[k] != "," or story.lower_words[k + 1] not in ("the", "a", "an"):
        return False
    for j in range(k + 2, min(hi, k + 6)):
        if story.words[j] in _FIELD_STOPS:
            return False
        if story.lower_words[j] in lex.attach_heads:
            return True
    return False


def _city_head(story: AnalysedStory, lex: Lexicon, c: Mention) -> str:
    """What a bare city's preposition hangs on, as the rules read it: a showing noun ("exhibitions in
    Oslo"), a showing verb, a blocking noun ("a studio in Oslo"), a journey ("a train to Riga"), a name, or
    something else; the rules attach the first kinds, the decision layer weighs them all."""
    k = c.first_word - 1
    lo = story.sentences[story.word_sentence[c.first_word]].first_word
    lower = story.lower_words
    if k <= lo or lower[k] not in lex.exhibition_city_prepositions:
        return "none"
    k -= 1
    while k > lo and lower[k] in ("the", "a", "an", "her", "his", "their", "its"):
        k -= 1
    head = lower[k]
    if head in lex.attach_heads:
        return "attach"
    if head in lex.showing_verbs or head in lex.trigger_words:
        return "verb"
    if head in lex.blocking_heads:
        return "block"
    if head in TRAVEL_HEADS:
        return "travel"
    if story.words[k][:1].isupper():
        return "name"
    return "other"


_FIELD_STOPS = frozenset((",", ";", ":", "(", ")", "\u2014", "\u2013", "|", "\u00b7", ".", "!", "?")) | _QUOTE_WORDS
_FIELD_SMALL = frozenset(("of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le"))
_FIELD_SMALL |= frozenset(("and", "for", "&", "+", "van", "von", "der", "den", "für", "y", "e", "et", "a", "an", "at"))
_FIELD_SMALL |= frozenset(("al", "el"))  # "Darat al Funun"
_MAX_FIELD_WORDS = 7
_LINK_ENDS = _FIELD_SMALL | frozenset(load("exhibitions")["venue_name_link_ends"])
_TRAILING_SHOW_NOUNS = frozenset(load("exhibitions")["venue_trailing_show_nouns"])
_POSSESSIVE_S = ("'s", "\u2019s")  # "Sadler's Wells"


def _field_run(story: AnalysedStory, first: int, end: int) -> bool:
    """A name's words: capitalised (or a number, a small word inside), none a stop mark."""
    words = story.words
    if end - first < 1 or end - first > _MAX_FIELD_WORDS:
        return False
    if words[first].islower() or words[end - 1].islower():
        return False
    for k in range(first, end):
        w = words[k]
        if w in _FIELD_STOPS or (w.islower() and w not in _FIELD_SMALL and w not in _POSSESSIVE_S):
            return False
    return True


_PERSON_FREE_SIDES = frozenset(("at", "to", "the", "in-tail"))  # a name there is a person's
_TAIL_SMALL = _FIELD_SMALL - frozenset(("at", "a", "an", "and"))


def _field_word(word: str) -> bool:
    return word not in _FIELD_STOPS and (word[:1].isupper() or _camel_word(word))


def _camel_word(word: str) -> bool:
    return word.isalpha() and not word.islower() and not word.isupper()  # "deSingel", "i8"


def _capital_tail(words: list[str], lower: list[str], lo: int, k: int) -> int:
    """Where the capitalised run that ends just before word ``k`` starts ("exhibitions include Dak'Art",
    "at MUMOK"); small words inside it ("Darat al Funun") but not at its start."""
    j = k
    while j > lo:
        w = words[j - 1]
        inside = lower[j - 1] in _TAIL_SMALL and j - 2 >= lo and _field_word(words[j - 2])
        if not (_field_word(w) or w[:1].isdigit() or inside):
            break
        j -= 1
    while j < k and not _field_word(words[j]):
        j += 1
    return j


def _field_venues(story: AnalysedStory, found: Findings, taken: set) -> list[Candidate]:
    """Names that stand as a field next to a city, whatever their label: a catalogue's "Oslo,
    Kunstnerforbundet, 1925", a CV's "Kitchen Windows, PinchukArtCentre, Kyiv (2019)", "read at StAnza
    in St Andrews", "playing the Concertgebouw in Amsterdam".
    Venue words are no help here (a name is all these venues have); which field is the venue, and which
    a show's title, the decision layer learns from the shapes.  Sentences without a showing word count
    too ("her prints hung at X in Y", a CV line), with weights of their own."""
    mentions = found.mentions
    showing = mentions.exhibition_sentences
    words, lower = story.words, story.lower_words
    candidates: list[Candidate] = []
    person_spans = _Spans((p.start, p.end) for p in mentions.persons)
    own_name = set(found.protagonist.name.split()) if found.protagonist is not None else set()
    for c in mentions.cities:
        index = story.word_sentence[c.first_word]
        if c.city is None:
            continue
        shown = index in showing
        sentence = story.sentences[index]
        lo, hi = sentence.first_word, sentence.end_word
        spans = []
        k = c.first_word - 1
        if k > lo and words[k] == ",":  # "PinchukArtCentre, Kyiv"
            j = k
            while j > lo and words[j - 1] not in _FIELD_STOPS:
                j -= 1
            spans.append(("before", j, k))
        elif k > lo and lower[k] == "in":  # "at StAnza in St Andrews", "travel to ARCO in Madrid"
            j = k
            while j > lo and words[j - 1] not in _FIELD_STOPS and lower[j - 1] not in ("at", "to"):
                j -= 1
            if j > lo and lower[j - 1] in ("at", "to"):
                spans.append((lower[j - 1], j + (lower[j] == "the"), k))
            else:  # "playing the Concertgebouw in Amsterdam"
                j = k
                while j > lo and words[j - 1] not in _FIELD_STOPS and lower[j - 1] != "the":
                    j -= 1
                if j > lo and lower[j - 1] == "the":
                    spans.append(("the", j, k))
                else:  # "Foam in Amsterdam showed ...", "has played Sónar in Barcelona", "in Manzi gallery in"
                    end = k - 1 if k - 1 > lo and words[k - 1] in found.lexicon.venue_gap_heads else k
                    side = "in-tail" if end == k else "in-tail-kind"
                    spans.append((side, _capital_tail(words, lower, lo, end), end))
        if spans and spans[0][0] == "before":  # "include Dak'Art, Dakar", "at MUMOK, Vienna": the name alone
            tail = _capital_tail(words, lower, lo, k)
            if tail > spans[0][1]:
                spans.append(("before-tail", tail, k))
        k = c.end_word
        opens = (
            c.first_word in story.initial
            or (c.first_word > lo and words[c.first_word - 1] in (":", ";"))
            or (c.first_word > lo and "\n" in story.text[story.ends[c.first_word - 1] : c.start])  # a line
        )
        if opens and k + 1 < hi and words[k] == ",":  # "Exhibited: Oslo, Kunstnerforbundet, Sigrid Halvorsen, 1925"
            j = k + 1
            while j < hi and words[j] not in _FIELD_STOPS:
                j += 1
            spans.append(("after", k + 1, j))
        for side, first, end in spans:
            if first < end and lower[first] == "the":
                first += 1
            if side in ("at", "to", "the") and end - first >= 2 and lower[end - 1] in _TRAILING_SHOW_NOUNS:
                end -= 1  # "at the Lux festival in Riga": the kind of show, not the name's
                side += "-kind"
            if not _field_run(story, first, end):
                continue
            if not shown and any(lower[k] in found.lexicon.blocking_heads for k in range(first, end)):
                continue  # "a scholarship to the University of Otago in Dunedin": no showing word, a school
            start, stop = story.starts[first], story.ends[end - 1]
            if any(p.start < stop and start < p.end for p in mentions.cities if p is not c):
                continue
            person = person_spans.overlaps(start, stop)
            if person and (
                side.removesuffix("-kind") in _PERSON_FREE_SIDES or not own_name.isdisjoint(words[first:end])
            ):
                continue  # (a CV's field may be a gallery named for a person: "Esther Schipper, Berlin")
            text = story.text[start:stop]
            key = (key_fold(c.city.name), key_fold(text))
            if key in taken or (None, key[1]) in taken:
                continue
            taken.add(key)
            features = ["field", f"side={side}", f"flen={min(4, end - first)}", f"fh={lower[end - 1]}"]
            features.append(f"fend={words[end] if end < hi else '</s>'}")
            features.append(f"side={side}&fend={words[end] if end < hi else '</s>'}")
            features.append(f"fstart={words[first - 1] if first > lo else '<s>'}")
            features.append(f"f0={lower[first]}")
            features.append(f"fperson={person}")
            features += [f"f{f}" for f in _showing_window(story, first, end, 2)]
            features += [f"f{f}" for f in _showing_context(story, found, index, start)]
            if not shown:
                features += _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
                features = ["field", "exs=False"] + ["nx:" + f for f in features[1:]]
            value = ExhibitionMention(c.city, text, None, index, (start, stop), 0.5)
            kind = "field" if shown else "field-loose"
            candidates.append(Candidate("exhibitions", key, value, features, False, kind=kind))
    return candidates


_NAMED_BEFORE = frozenset(load("exhibitions")["named_venue_before"])
_NAMED_AFTER = frozenset(load("exhibitions")["named_venue_after"])
_NAMED_BEFORE_WIDE = frozenset(load("exhibitions")["named_venue_before_wide"])
_NAMED_AFTER_WIDE = frozenset(load("exhibitions")["named_venue_after_wide"])
_NAMED_BEFORE_LOOSE = frozenset(load("exhibitions")["named_venue_before_loose"])
_LOOSE_BEFORE_ARTICLE = _NAMED_BEFORE_LOOSE | frozenset(("the",))
_NAMED_LABELS = frozenset((LABEL_PERSON, LABEL_NAME, LABEL_OTHER, LABEL_PLACE))
_NAMED_NOT_NAMES = frozenset(("I", "I\u2019m", "I'm"))  # the first person: a capital, not a name


def _named_venues(story: AnalysedStory, found: Findings, taken: set, next_group: int) -> list[Candidate]:
    """Names of a showing sentence with no venue word that read as where a show was: "played at WOMAD",
    "a gallery in Iloilo called Casa Real", "Galeri Zilberman gave her a second solo show".

    The mention stage labels such a name a person's or nobody's, so no other stage proposes it; the
    words before it (past "the") or the verb after it (data/exhibitions.json) let it be a candidate, and
    its features are its own ("nm:"): its shape and the words around it are all the model has.  Its
    city may be the sentence's next one, the one before it ("in Lisbon, where the Gulbenkian ..."), the
    one its name opens or ends with ("Venice Glass Week"), or none: one group of alternatives.

    Further words of a showing sentence (named_venue_before_wide, named_venue_after_wide: a list's item,
    an appositive, an owner, "Darat al Funun included her") make a candidate
    of kind "named-wide"; the words before a name of a sentence with no showing word (named_venue_before_loose:
    "went to Ars Electronica in Linz", "switched on at Lux Helsinki") one of kind "named-loose", with
    weights of their own ("nx:").  Each kind has its own threshold.
    """
    mentions = found.mentions
    showing = mentions.exhibition_sentences
    words, lower = story.words, story.lower_words
    own_name = set(found.protagonist.name.split()) if found.protagonist is not None else set()
    texts = Counter(m.text for m in mentions.chunks)
    chunk_at = {m.first_word: m for m in mentions.chunks}
    taken_spans = _Spans((m.start, m.end) for m in mentions.cities + mentions.venues)
    story_cities = {key_fold(c.text): c.city for c in mentions.cities if c.city is not None}
    taken_venues = {key[1] for key in taken}  # asked once per name: a set, not a walk over every key
    candidates: list[Candidate] = []
    for m in mentions.chunks:
        if m.label not in _NAMED_LABELS or m.text in _NAMED_NOT_NAMES:
            continue
        index = story.word_sentence[m.first_word]
        if not own_name.isdisjoint(words[m.first_word : m.end_word]):
            continue
        shown = index in showing
        if not shown and (m.first_word == 0 or lower[m.first_word - 1] not in _LOOSE_BEFORE_ARTICLE):
            continue  # (a sentence with no showing word: only a name after "at", "to" ..., or "the")
        sentence = story.sentences[index]
        lo, hi = sentence.first_word, sentence.end_word
        k = m.first_word - 1
        article = k >= lo and lower[k] == "the"
        k -= article
        before = lower[k] if k >= lo else "<s>"
        end, grown = m.end_word, "no"
        while end + 1 < hi and words[end] in ("'s", "'") and end + 1 in chunk_at:  # "Sadler's Wells"
            end, grown = chunk_at[end + 1].end_word, "poss"
        if end == m.first_word + 1 and end < hi and words[end].isdigit():  # "Gallery 1957", "Calvert 22"
            end, grown = end + 1, "num"
        after = lower[end] if end < hi else "</s>"
        kind_after = after in found.lexicon.venue_gap_heads  # "the Java Arts space in Phnom Penh"
        if not shown:
            if before not in _NAMED_BEFORE_LOOSE or any(
                w in found.lexicon.blocking_heads for w in lower[m.first_word : end]
            ):
                continue  # ("a scholarship to the University of Otago": no showing word, a school)
            how = "loose"
        elif before in _NAMED_BEFORE or after in _NAMED_AFTER or kind_after:
            how = "strict"
        elif before in _NAMED_BEFORE_WIDE or after in _NAMED_AFTER_WIDE or before in found.lexicon.venue_gap_heads:
            how = "wide"  # "a gallery in Naples, Studio Trisorio, gave her", "Kyiv's PinchukArtCentre"
        else:
            continue
        start, stop = m.start, story.ends[end - 1]
        if taken_spans.overlaps(start, stop):
            continue
        text = story.text[start:stop]
        name_key = key_fold(text) or ""
        if name_key in taken_venues:
            continue
        name_words = name_key.split()
        places: dict[str, CityMatch | None] = {}  # how the city was found -> the city
        for size in (1, 2, 3):  # "Venice Glass Week", "Montréal en Lumière", "Bentara Budaya Jakarta"
            for part in (" ".join(name_words[:size]), " ".join(name_words[-size:])):
                if size < len(name_words) and part in story_cities:
                    places.setdefault("name", story_cities[part])
        cities = [c for c in mentions.between("cities", stop, sentence.end) if c.city is not None]
        if cities:
            places.setdefault("after", cities[0].city)
        earlier = [c for c in mentions.between("cities", sentence.start, start) if c.city is not None]
        if earlier:
            places.setdefault("before", earlier[-1].city)
        common = [f"label={m.label}", f"b={before}", f"the={article}", f"a={after}", f"b={before}&a={after}"]
        common.append(f"nw={min(4, len(name_words))}")
        common.append(f"grown={grown}")
        common.append(f"kind_after={kind_after}")
        common.append(f"caps={text.isupper()}")
        common.append(f"seen={min(3, texts[m.text])}")
        common.append(f"how={how}")
        if how == "wide":
            common.append(f"how=wide&label={m.label}")
        common += _venue_as_work(story, found, start, stop)
        common += _showing_context(story, found, index, start)
        common += _showing_window(story, m.first_word, end, 2)
        common += _position(story, index, found.refs)
        loose = [] if shown else _sentence_words(story, index, LOOSE_SHOWING_WORDS, "lw")
        group: list[Candidate] = []
        seen_places: set = set()
        pairings: list[tuple[str, CityMatch | None]] = [*places.items(), ("none", None)]
        for pairing, place in pairings:
            key = (key_fold(place.name) if place is not None else None, name_key)
            if key in seen_places or key in taken:
                continue
            seen_places.add(key)
            features = [f"pair={pairing}", f"pair={pairing}&b={before}", f"pair={pairing}&n={len(places)}"]
            if pairing == "after":
                gap = cities[0].first_word - end
                features.append(f"gap={_bucket(gap, (1, 2, 4, 8))}")
                features.append(f"vbetween={bool(mentions.between('venues', stop, cities[0].start))}")
            elif pairing == "before":
                features.append(f"bgap={_bucket(m.first_word - earlier[-1].end_word, (1, 2, 4, 8))}")
            value = ExhibitionMention(place, text, None, index, (start, stop), 0.5)
            if shown:
                features = ["named"] + ["nm:" + f for f in common + features]
            else:  # weights of their own: no showing word to lean on
                features = ["named", "exs=False"] + ["nx:nm:" + f for f in common + features + loose]
            kind = "named" if how == "strict" else "named-" + how
            group.append(Candidate("exhibitions", key, value, features, False, group=next_group, kind=kind))
        if group:
            taken.update(c.key for c in group)
            taken_venues.add(name_key)
            candidates += group
            next_group += 1
    return candidates


def _venue_as_work(story: AnalysedStory, found: Findings, start: int, end: int) -> list[str]:
    """A name that may be a work's title rather than a venue's: the works stage took it for a title, or
    the word after it ("Solo exhibitions include Ash Tides, a series of twenty vessels").  (The words
    further on were too rare to learn from: the model overfitted them.)"""
    work = any(w.match[0] < end and start < w.match[1] for w in found.works)
    limit = story.sentences[story.sentence_of(start)].end_word
    after = story.first_word_from(end)
    return [_WORK_FEATURES[work], _AFTER_VENUE_1[story.lower_words[after] if after < limit else "</s>"]]


_WORK_FEATURES = {True: "work=True", False: "work=False"}
_AFTER_VENUE_1 = _FeatureStrings("va1=")


_FAR_LEFT = ("L2=", "L3=", "L21=")


def _showing_window(story: AnalysedStory, first: int, end: int, size: int, head: bool = False) -> list[str]:
    """The words around a possible showing: the one just before it and those after it.  Words further
    left ("from the esteemed X") say more about the story's phrasing than about the showing; but before
    a bare city (``head``), the word before its preposition is what it hangs on ("a train to Riga")."""
    far = _FAR_LEFT[1:] if head else _FAR_LEFT
    return [f for f in _window(story, first, end, size) if not f.startswith(far)]


def _showing_context(story: AnalysedStory, found: Findings, sentence: int, start: int) -> list[str]:
    """Whose showing it reads as (the artist's, or a friend's: 'Brekke's own solo show opened at ...') and
    the sentence's words that make a place no showing of the artist's (cancelled, bought, commissioned ...)."""
    features = _sentence_words(story, sentence, EXHIBITION_SENTENCE_WORDS, "xw")
    if found.refs is not None:
        features.append(f"owner={found.refs.owner_at(start, look_after=False, look_back_sentences=0)}")
    return features


def _exhibition_cities(story: AnalysedStory, found: Findings, ex: ExhibitionMention, group: int) -> list[Candidate]:
    """A venue without a city: the cities named close by, each as the showing's possible city."""
    sentences = story.sentences
    first = sentences[max(0, ex.sentence - 2)].start
    last = sentences[min(len(sentences) - 1, ex.sentence + 1)].end
    birth = found.birth_city.value if found.birth_city else None
    seen: set[int] = set()
    nearby = [m for m in found.mentions.between("cities", first, last) if m.city is not None]
    before = [m for m in nearby if m.start < ex.match[0]]
    nearest = before[-1].city.geonameid if before and before[-1].city else None
    counts = Counter(m.city.geonameid for m in found.mentions.cities if m.city is not None)
    paragraph = sentences[ex.sentence].paragraph
    alternatives = []
    for m in nearby:
        city = m.city
        if city is None or ex.venue is None or city.geonameid in seen:
            continue
        seen.add(city.geonameid)
        sentence = story.word_sentence[m.first_word]
        delta = sentence - ex.sentence
        features = ["alt", f"dsent={delta}", f"after={m.start > ex.match[0]}", f"n_alt={min(3, len(nearby))}"]
        features.append(f"dsent={delta}&after={m.start > ex.match[0]}")
        # Which of the cities around reads as the showing's: the last one named before it, one the
        # story keeps returning to, one in the same paragraph, a dateline's ("TBILISI - ...").
        features.append(f"nearest={city.geonameid == nearest}")
        features.append(f"nearest={city.geonameid == nearest}&dsent={delta}")
        features.append(f"count={min(3, counts[city.geonameid])}")
        features.append(f"para={sentences[sentence].paragraph == paragraph}")
        features.append(f"story_first={sentence == 0}")
        features.append(f"birth={birth is not None and birth.geonameid == city.geonameid}")
        features.append(f"vh={(key_fold(ex.venue) or '').split()[-1:]}")
        if delta == 0:
            features += _alt_between(story, found, m, ex)
        features += [f + "&alt" for f in _showing_window(story, m.first_word, m.end_word, 2)]
        key = (key_fold(city.name), key_fold(ex.venue))
        value = replace(ex, city=city)
        alternatives.append(Candidate("exhibitions", key, value, features, False, group=group, kind="alt"))
    return alternatives


_ALT_GAPS = (3, 6, 12, 25)


def _alt_between(story: AnalysedStory, found: Findings, city: Mention, ex: ExhibitionMention) -> list[str]:
    """What stands between a venue and a city of its own sentence: how far, another venue or city (the
    city is another showing's: "at the X in Oslo and at the Y"), or "where" ("went to Tokyo, where it
    hung at the Watari Museum": the city of the venue after it)."""
    venue_word = story.first_word_from(ex.match[0])
    low, high = sorted((city.end_word, venue_word))
    lower = story.lower_words
    start, end = story.starts[low] if low < len(lower) else city.end, story.starts[high] if high < len(lower) else 0
    venues = sum(1 for v in found.mentions.between("venues", start, end) if v.start != ex.match[0])
    cities = sum(1 for c in found.mentions.between("cities", start, end) if c is not city)
    where = any(lower[k] in ("where", "there") for k in range(low, high))
    features = [f"gap={_bucket(high - low, _ALT_GAPS)}", f"vbetween={min(2, venues)}", f"cbetween={min(2, cities)}"]
    features.append(f"where={where}")
    features.append(f"cprep={lower[city.first_word - 1] if city.first_word > 0 else '<s>'}")
    # "went to Hong Kong for a group exhibition at Para Site" (one showing) against "a group show in Luanda,
    # and the Bienal de Cerveira" (two): a list word between them, and what the city's preposition hangs on.
    features.append(f"listbetween={any(lower[k] in _ALT_LIST_WORDS for k in range(low, high))}")
    features.append(f"chead={_city_head(story, found.lexicon, city)}")
    return features


_ALT_LIST_WORDS = frozenset(("and", "&", ";", "then", "again"))
