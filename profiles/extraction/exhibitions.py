"""Stage 3d: showings of the artist's work - exhibitions, festivals, biennales.

A sentence is an exhibition sentence when it has a trigger (data/exhibitions.json)
that is not negated ("refused to let them be exhibited") and not about someone
else ("her mother ... met him at a music festival").  In such a sentence:

* each named venue is one showing; its city is the one right after it ("at
  Gallery Onda in Seoul", "the Holland Festival in Amsterdam", past a kind of
  place: "the Ultima festival in Oslo"), inside its name
  ("Venice Biennale"), just before it in a catalogue entry ("Belfast, Ulster
  Museum, 1981"), ending or opening its name even in a story set elsewhere
  ("Kunsthalle Basel"), in its appositive ("Dream City, the arts festival that
  fills the medina of Tunis"), or the one free city of the sentence
  ("travelled to Edinburgh, where it played at the Traverse Theatre"), but
  not one across "and", "then", "again" or ";", nor one after it past a comma
  that opens the next item (", at a festival in Arles"): the next showing of a list;
* a lone venue word with a number after it is a numbered name ("Gallery 1957");
  names written in lower case ("documenta 6", "the transmediale festival") are
  venues too; "the 21st Century Museum" keeps its ordinal, "the Smithsonian's
  Renwick Gallery" loses its owner;
* a tour of the work counts: "toured it to Johannesburg, Lisbon and Luanda",
  "toured through Tokyo", "has toured Mendoza and Santiago", "it goes to Warsaw";
* "His series Jardín Vertical was shown": a name after a possessive and a noun
  is the work's title, not another person whose show it would be;
* each other city attached to the showing ("galleries in Bukhara and
  Istanbul", "exhibited in Jakarta, Singapore and Amsterdam") is a showing of
  its own; a city attaches through the word before its preposition (a venue,
  "exhibition", "festivals", "exhibited", "travelled" ...), never through
  "wall", "studio", "born" and the like; a venue's city named again counts
  again only from another item of a list ("group shows in Lima and Cusco, and
  in 2019 the X in Lima gave him a solo show");
* a showing the artist was invited to and then declined is dropped.

Repeats ("At the biennale she also presented ...") merge by (city, venue).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from .data import load
from .gazetteer import CityMatch
from .lexicon import Lexicon
from .mentions import Mention, Mentions
from .protagonist import ARTIST, References
from .story_record import MentionLabel
from .text import AnalysedStory
from .textutil import fold
from .works import WorkMention


@dataclass(slots=True)
class ExhibitionMention:
    city: CityMatch | None
    venue: str | None
    kind: str | None
    sentence: int
    match: tuple[int, int]
    confidence: float
    year: int | None = None
    works: list[str] = field(default_factory=list)
    invited: bool = False
    follow_up: bool = False  # a bare "there" with no show of its own: the previous showing in that city
    pairing: str = ""  # how the venue got its city: "after", "name", "before", "free", "there" ...

    @property
    def key(self) -> tuple:
        return (fold(self.city.name) if self.city else None, fold(self.venue) if self.venue else None)


_POSSESSIVES = frozenset(("her", "his", "their", "its", "the", "a", "an", "some", "two", "three", "several", "new"))
_SKIPPED_BEFORE_HEAD = frozenset(("the", "a", "an", "first", "later"))


_CARRY_VERBS = frozenset({"took", "takes", "taken", "brought", "brings", "carried", "carries", "sent"})
_CARRY_VERBS |= frozenset({"toured", "tours", "touring", "tour"})  # "she toured it to Johannesburg, Lisbon and Luanda"


TRAVEL_HEADS = frozenset(load("exhibitions")["travel_heads"])
_TOUR_VERBS = frozenset({"toured", "tours", "touring"})


def _carried_to(lower: list[str], head_index: int, first_word: int) -> bool:
    """'took them to', 'brought her canvases to', 'toured it through': in an exhibition sentence, the work
    carried to a city."""
    if head_index - 1 < first_word:
        return False
    if lower[head_index] in ("them", "it") and lower[head_index - 1] in _CARRY_VERBS:
        return True
    return (
        head_index - 2 >= first_word
        and lower[head_index - 1] in ("her", "his", "their", "the")
        and lower[head_index - 2] in _CARRY_VERBS
        and lower[head_index] not in TRAVEL_HEADS
    )  # (not "took a train to Riga")


LOWERCASE_VENUE_NAMES = tuple(tuple(name.split()) for name in load("exhibitions")["lowercase_venue_names"])
_LOWERCASE_VENUE_FIRST_WORDS = frozenset(name[0] for name in LOWERCASE_VENUE_NAMES)
_ROMAN = frozenset("IVXLC")


def lowercase_venues(story: AnalysedStory, lex: Lexicon, sentence, taken: list[Mention]) -> list[Mention]:
    """'documenta 14', 'the transmediale festival', 'doual'art': names written in lower case (data/exhibitions.json,
    lowercase_venue_names), with the edition after them ("documenta 6", "documenta III", "documenta fifteen")."""
    lower, words = story.lower_words, story.words
    found = []
    # (Only where a name's first word is: most stories have none.)
    for k in story.positions(_LOWERCASE_VENUE_FIRST_WORDS):
        if not sentence.first_word <= k < sentence.end_word:
            continue
        for name in LOWERCASE_VENUE_NAMES:
            end = k + len(name)
            if end > sentence.end_word or tuple(lower[k:end]) != name or not words[k][:1].islower():
                continue
            if any(m.first_word < end and k < m.end_word for m in taken):
                continue
            if end < sentence.end_word and (
                words[end].isdigit() or set(words[end]) <= _ROMAN or lower[end] in lex.number_words
            ):
                end += 1  # the edition
            start, stop = story.starts[k], story.ends[end - 1]
            found.append(Mention(start, stop, k, end, MentionLabel.VENUE, story.text[start:stop], evidence="lowercase"))
    return found


def _after_list_item(lower: list[str], head_index: int, first_word: int, item_ends: set[int]) -> bool:
    """', and in Madrid': the words before the city's preposition join it to a showing just named (an attached
    city or a venue), past commas and 'and'."""
    k = head_index
    while k >= first_word and lower[k] in (",", "and", "or", "&"):
        k -= 1
    return k in item_ends


def _titled_work(story: AnalysedStory, refs: References, lex: Lexicon, start: int) -> bool:
    """'His series Jardín Vertical was shown': a name after a possessive and a noun or two ('series', not
    'teacher') is the title of the artist's work, not someone else whose show it would be."""
    word = story.first_word_from(start)
    sentence = story.word_sentence[word]
    before = [r for r in refs.per_sentence[sentence] if r.word < word]
    if not before or before[-1].kind == ARTIST or any(r.kind == ARTIST for r in before[:-1]):
        return False
    other = before[-1].word
    lower = story.lower_words
    for gap in (1, 2):
        k = other - gap - 1
        if k < story.sentences[sentence].first_word or lower[k] not in ("his", "her", "their"):
            continue
        nouns = lower[k + 1 : other]
        return all(
            w.isalpha() and w.islower() and w not in lex.other_person_nouns and w not in lex.role_descriptors
            for w in story.words[k + 1 : other]
        ) and bool(nouns)
    return False


def _camel(word: str) -> bool:
    """'deSingel': a name that starts in lower case."""
    return word.isalpha() and not word.islower() and not word.isupper()


def numbered_venue(story: AnalysedStory, venue: Mention) -> Mention:
    """'Gallery 1957', 'Studio 54': a lone venue word is no name, so the number after it is part of the name."""
    after = venue.end_word
    if venue.end_word - venue.first_word != 1 or after >= len(story.words) or not story.words[after].isdigit():
        return venue
    if story.word_sentence[after] != story.word_sentence[venue.first_word]:
        return venue
    end = story.ends[after]
    return replace(venue, end=end, end_word=after + 1, text=story.text[venue.start : end])


_LIST_WORDS = frozenset((";", "then", "again", "and", "&"))
_NEXT_ITEM = frozenset(("at", "in", "to", "into", "a", "an"))  # ", at a festival in Arles": the list's next showing
_CITY_THEN_VENUE = frozenset(
    ((",", "in", "the"), (",", "at", "the"), (",", "in"), (",", "at"), ("at", "the"), ("at",))
)  # the words between "in CITY" and the venue that is there


def _separate_showings(lower: list[str], venue: Mention, city: Mention) -> bool:
    """A city and a venue with 'and', 'then' or ';' between them are two showings of a list ("a group show
    in Luanda, and the Bienal de Cerveira", "at the Museum and later at a group show in Singapore"); so is a
    city after a venue past a comma that opens the next item (", at a photography festival in Arles")."""
    if city.first_word >= venue.end_word:
        between = lower[venue.end_word : city.first_word]
        if any(a == "," and b in _NEXT_ITEM for a, b in zip(between, between[1:], strict=False)):
            return True
    else:
        between = lower[city.end_word : venue.first_word]
    return any(w in _LIST_WORDS for w in between)


_CITY_LINKS = (["in"], [","], ["in", "the", "city", "of"], ["of"], [",", "in"])
_MAX_GAP_WORDS = 3


def _city_after_name(words: list[str], gap_heads: frozenset[str]) -> bool:
    """The words between a venue's name and a city that make the city the venue's: "in", ", in", or a
    lower-case kind of place before them ("the Ultima festival in Oslo", "the Ysyakh summer festival in")."""
    between = [w.lower() for w in words]
    if between in _CITY_LINKS:
        return True
    if len(between) < 2 or between[-1] not in ("in", ","):
        return False
    gap = words[:-1]
    return len(gap) <= _MAX_GAP_WORDS and gap[-1] in gap_heads and all(w.isalpha() and w.islower() for w in gap)


def venue_name(text: str) -> str:
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return without_owner(text)


def without_owner(text: str) -> str:
    """'the Smithsonian's Renwick Gallery': the owner's name is no part of the venue's ("Kettle's Yard" is)."""
    owner = _OWNER.match(text)
    return owner.group(1) if owner else text


_OWNER = re.compile(r"[A-Z][\w-]*['\u2019]s\s+([A-Z][\w-]*\s+\S.*)$")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")


def _century_name(story: AnalysedStory, venue: Mention) -> Mention:
    """'the 21st Century Museum of Contemporary Art': the ordinal before 'Century' is the name's."""
    k = venue.first_word
    if k < 1 or story.words[k] != "Century" or not _ORDINAL.match(story.words[k - 1]):
        return venue
    if story.word_sentence[k - 1] != story.word_sentence[k]:
        return venue
    start = story.starts[k - 1]
    return replace(venue, start=start, first_word=k - 1, text=story.text[start : venue.end])


class ExhibitionFinder:
    """Finds the showings of the artist's work, sentence by sentence (see the module docstring).

    Long because one exhibition sentence is read in several passes (live
    triggers, venues, their cities, attached cities, kinds, declines) that
    share its words; each method is one pass.

    Keyword-only options: max_trigger_distance=40 words between a city and a trigger.
    """

    def __init__(self, lexicon: Lexicon, *, max_trigger_distance: int = 40):
        self.lex = lexicon
        self.max_trigger_distance = max_trigger_distance

    def __call__(
        self, story: AnalysedStory, mentions: Mentions, refs: References, works: list[WorkMention]
    ) -> list[ExhibitionMention]:
        found: list[ExhibitionMention] = []
        for sentence_index in sorted(mentions.exhibition_sentences):
            found.extend(self._sentence(story, mentions, refs, works, sentence_index))
            if len(found) >= self.lex.max_items_per_story:
                break
        return _merge(found)

    # -------------------------------------------------------------------------
    def _live_triggers(self, story: AnalysedStory, refs: References, sentence_index: int) -> list[tuple[int, int]]:
        lex = self.lex
        sentence = story.sentences[sentence_index]
        live = []
        for start, end in lex.exhibition_triggers(story):
            if not (sentence.start <= start < sentence.end):
                continue
            word = story.first_word_from(start)
            window_start = story.starts[max(sentence.first_word, word - 6)]
            if lex.negation_before.search(story.norm, window_start, start):
                continue
            if self._shows_someone_else(story, refs, end, sentence.end):
                continue  # "the retrospective of an old classmate"
            if refs.owner_at(start, look_after=False, look_back_sentences=0) != ARTIST and not _titled_work(
                story, refs, lex, start
            ):
                # "a gallery run by a retired sailor, who showed her pots": the work is still the artist's.
                after = story.first_word_from(end)
                following = refs.per_sentence[sentence_index]
                if not any(r.kind == ARTIST and after <= r.word <= after + 2 for r in following):
                    continue
            live.append((start, end))
        return live

    def _declined(self, story: AnalysedStory, start: int, sentence_end: int, next_end: int) -> bool:
        """A decline in this sentence, or in the next one unless that one brings its own offer
        ("Invitations followed from galleries in Cairo. A hotel asked for a commission, but declined")."""
        lex = self.lex
        if lex.decline_cues.search(story.norm, start, sentence_end):
            return True
        decline = lex.decline_cues.search(story.norm, sentence_end, next_end)
        if decline is None:
            return False
        return lex.invitation_words.search(story.norm, sentence_end, decline.start()) is None

    def _verb_object_in(self, story: AnalysedStory, lower: list[str], head_index: int, first_word: int) -> bool:
        """'exhibited his drawings in Porto': a showing verb, then the artist's work, then the city."""
        lex = self.lex
        k = head_index
        steps = 0
        while k > first_word and steps < 4:
            word = story.words[k]
            if not word.islower() or lower[k] in lex.blocking_heads:
                return False
            k -= 1
            steps += 1
            if lower[k] in lex.showing_verbs or lower[k] in lex.trigger_words:
                return lower[k + 1] in _POSSESSIVES
        return False

    def _of_phrase_head(self, lower: list[str], head_index: int, first_word: int) -> bool:
        """'a group show of Tasmanian ceramics in Melbourne': the city's head is the showing noun before
        the 'of' phrase that describes the show."""
        for k in range(head_index, max(first_word, head_index - 5), -1):
            word = lower[k]
            if word == "of":
                return lower[k - 1] in self.lex.of_phrase_heads
            if not word.isalpha() and word != "-":
                return False
        return False

    def _shows_someone_else(self, story: AnalysedStory, refs: References, end: int, limit: int) -> bool:
        """'an exhibition by Ana Ruiz', 'the retrospective of an old classmate, the painter X'."""
        word = story.first_word_from(end)
        if word >= len(story.words) or story.lower_words[word] not in ("of", "by"):
            return False
        sentence_refs = {r.word: r for r in refs.per_sentence[story.word_sentence[word]]}
        for k in range(word + 1, min(len(story.words), word + 6)):
            if story.starts[k] >= limit or story.words[k] in (",", ".", ";", ":"):
                break
            ref = sentence_refs.get(k)
            if ref is not None:
                return ref.kind != ARTIST
            lower = story.lower_words[k]
            if lower in self.lex.other_person_nouns or lower in self.lex.role_descriptors:
                return True
        return False

    def _span_venues(
        self, story: AnalysedStory, sentence, venues: list[Mention], cities: list[Mention], mentions: Mentions
    ) -> list[Mention]:
        """'at the Museum der bildenden Künste in Leipzig': a name with lowercase words, cut by 'at ... in CITY'."""
        lower, words = story.lower_words, story.words
        found: list[Mention] = []
        for c in cities:
            k = c.first_word - 1
            if k <= sentence.first_word or lower[k] != "in":
                continue
            for at in range(k - 1, max(sentence.first_word, k - 10) - 1, -1):
                if words[at] in (",", ".", ";", ":"):
                    break
                if lower[at] != "at":
                    continue
                first = at + 1
                if first < k and lower[first] == "the":
                    first += 1
                if first >= k or not (words[first][:1].isupper() or _camel(words[first])):
                    break
                if any(w in (",", ";", ":", "(", ")") for w in words[first:k]):
                    break
                if not (words[k - 1][:1].isupper() or _camel(words[k - 1])):
                    break  # "the Suma Flamenca festival": the name ends before the lowercase word
                start, end = story.starts[first], story.ends[k - 1]
                overlapping = [v for v in venues if v.start < end and start < v.end]
                if (
                    any(v.start != start or v.end >= end for v in overlapping)
                    or any(p.start < end and start < p.end for p in mentions.persons)
                    or any(x.start < end and start < x.end for x in cities)
                ):
                    break
                for v in overlapping:  # "Museum" alone was only the head of this longer name
                    venues.remove(v)
                found.append(
                    Mention(start, end, first, k, MentionLabel.VENUE, story.text[start:end], evidence="at-span")
                )
                break
        return found

    def _sentence(
        self, story: AnalysedStory, mentions: Mentions, refs: References, works: list[WorkMention], sentence_index: int
    ) -> list[ExhibitionMention]:
        lex = self.lex
        sentence = story.sentences[sentence_index]
        triggers = self._live_triggers(story, refs, sentence_index)
        if not triggers:
            return []
        lower = story.lower_words
        venues = mentions.between("venues", sentence.start, sentence.end)
        cities = mentions.between("cities", sentence.start, sentence.end)
        first_trigger_word = story.first_word_from(triggers[0][0])
        last_trigger_word = story.first_word_from(triggers[-1][0])

        venues = [_century_name(story, numbered_venue(story, v)) for v in venues]
        venues += self._span_venues(story, sentence, venues, cities, mentions)
        venues += lowercase_venues(story, lex, sentence, venues + cities)
        venues.sort(key=lambda v: v.start)
        venue_city: dict[int, Mention] = {}
        pairing: dict[int, str] = {}
        used: set[int] = set()
        # The city right after the venue ("the Holland Festival in Amsterdam": not the Holland of its
        # name), else the one inside its name, else one just before it ("Belfast, Ulster Museum, 1981").
        for v in venues:
            place = next(
                (
                    c
                    for c in cities
                    if c.first_word >= v.end_word
                    and _city_after_name(story.words[v.end_word : c.first_word], lex.venue_gap_heads)
                    or c.end_word + 1 == v.first_word
                    and lower[c.end_word] == "'s"  # "Dublin's X Gallery"
                ),
                None,
            )
            if place is None:
                place = next((c for c in cities if c.evidence == "venue-name" and v.start <= c.start < v.end), None)
            if place is None:
                place = next((c for c in cities if c.end_word + 1 == v.first_word and lower[c.end_word] == ","), None)
            if place is None:  # "in Moscow, in the Tretyakov Gallery", "in Stockholm, at Nationalmuseum"
                place = next(
                    (
                        c
                        for c in cities
                        if c.first_word > sentence.first_word
                        and lower[c.first_word - 1] == "in"
                        and tuple(lower[c.end_word : v.first_word]) in _CITY_THEN_VENUE
                    ),
                    None,
                )
            if place is None:
                place = mentions.name_cities.get(v.end_word)  # "Kunsthalle Basel" in a story set elsewhere
            if place is not None:
                venue_city[id(v)] = place
                used.add(id(place))
                pairing[id(v)] = "near"
        # A city in a venue's appositive: "X, the arts festival that fills the medina of Tunis".
        for v in venues:
            if id(v) in venue_city or v.evidence != "appositive":
                continue
            nxt = next(
                (
                    c
                    for c in cities
                    if c.start > v.end and id(c) not in used and not any(v.end < o.start < c.start for o in venues)
                ),
                None,
            )
            if nxt is not None:
                venue_city[id(v)] = nxt
                used.add(id(nxt))
                pairing[id(v)] = "appositive"

        # Cities attached to the showing through their head word.
        attached: list[Mention] = []
        attached_ends: set[int] = set()
        venue_ends = {v.end_word - 1 for v in venues}
        for c in cities:
            if id(c) in used or c.evidence == "venue-name":
                continue
            if (
                abs(c.first_word - first_trigger_word) > self.max_trigger_distance
                and abs(c.first_word - last_trigger_word) > self.max_trigger_distance
            ):
                continue
            k = c.first_word - 1
            ok = False
            if k >= sentence.first_word:
                preposition = lower[k]
                if preposition in _TOUR_VERBS:
                    ok = True  # "they have toured Mendoza, Montevideo and Santiago"
                elif preposition in lex.exhibition_city_prepositions:
                    head_index = k - 1
                    while head_index >= sentence.first_word and lower[head_index] in _SKIPPED_BEFORE_HEAD:
                        head_index -= 1
                    head = lower[head_index] if head_index >= sentence.first_word else ""
                    head_word = story.words[head_index] if head_index >= sentence.first_word else ""
                    if head in lex.attach_heads and head_index > sentence.first_word and lower[head_index - 1] == "no":
                        ok = False  # "no gallery in Naples has ever shown his work"
                    elif head_index in venue_ends or head in lex.attach_heads:
                        ok = True
                    elif head_word[:1].isupper() and head_word not in mentions.person_words:
                        ok = True  # the end of a name: "at the Museum der bildenden Künste in Leipzig"
                    elif head in lex.blocking_heads:
                        ok = False
                    elif head in (",", "and", "or", "&") and _after_list_item(
                        lower, head_index, sentence.first_word, attached_ends | venue_ends
                    ):
                        # "exhibitions followed in Brisbane, in Perth", "in Singapore and in Hong Kong",
                        # "shown at the Bienal de São Paulo and in Madrid"
                        ok = True
                    elif preposition in ("to", "through") and _carried_to(lower, head_index, sentence.first_word):
                        ok = True  # "a touring exhibition took them to Vilnius, Riga and Tallinn"
                    elif preposition == "in" and self._of_phrase_head(lower, head_index, sentence.first_word):
                        ok = True  # "a group exhibition of Himalayan textiles in Zürich"
                    else:
                        ok = self._verb_object_in(story, lower, head_index, sentence.first_word)
                elif preposition in (",", "and", "or", "&"):
                    # A list that began with an attached city (countries may sit in between).
                    j = k
                    country_words = {
                        k
                        for m in mentions.between("countries", sentence.start, sentence.end)
                        for k in range(m.first_word, m.end_word)
                    }
                    while j >= sentence.first_word and (lower[j] in (",", "and", "or", "&") or j in country_words):
                        j -= 1
                    ok = j in attached_ends
            if ok:
                attached.append(c)
                attached_ends.add(c.end_word - 1)

        # Pair venues without a city with a free attached city of the sentence.
        free = list(attached)
        for v in venues:
            if id(v) in venue_city:
                continue
            # Not across a list of showings: "at the Hungarian National Gallery in 1991, and again in Szeged".
            apart = [c for c in free if not _separate_showings(lower, v, c)]
            if apart:
                nearest = min(apart, key=lambda c: abs(c.first_word - v.first_word))
                venue_city[id(v)] = nearest
                pairing[id(v)] = "free-after" if nearest.first_word > v.first_word else "free-before"
                free.remove(nearest)
        # "There she had her first solo show": the city just named.
        cityless = [v for v in venues if id(v) not in venue_city]
        there_city = there_antecedent = None
        wants_there = cityless or (not venues and not attached)
        if wants_there and lex.there_words.search(story.norm, sentence.start, sentence.end):
            there = None
            for match in lex.there_words.finditer(story.norm, sentence.start, sentence.end):
                if match.group(0).lower() == "there":
                    there = match.start()
                    break
            if there is not None:
                earlier = [c for c in cities if c.start < there]
                # The last city named before, in this paragraph (at most three sentences back).
                back = sentence_index - 1
                while (
                    not earlier
                    and back >= max(0, sentence_index - 3)
                    and (back == sentence_index - 1 or story.sentences[back].paragraph == sentence.paragraph)
                ):
                    previous = story.sentences[back]
                    earlier = mentions.between("cities", previous.start, previous.end)
                    back -= 1
                if earlier:
                    if cityless:
                        for v in cityless:
                            venue_city[id(v)] = earlier[-1]
                            pairing[id(v)] = "there"
                    else:
                        there_antecedent = earlier[-1]
                        attached.append(earlier[-1])
                        free.append(earlier[-1])
                        if not lex.own_trigger_nouns.search(story.norm, sentence.start, sentence.end):
                            there_city = earlier[-1]  # "They also staged a new piece there"

        # "the Roskilde Festival in Roskilde": one showing, not a second one for the city; but a city named
        # again in another item of a list is a showing of its own ("group shows in Lima and Cusco, and in
        # 2019 the X in Lima gave him a solo show").
        venue_places = [(v, venue_city[id(v)]) for v in venues if id(v) in venue_city]
        free = [c for c in free if not _same_showing_city(lower, c, venue_places)]
        items: list[tuple[int, int, CityMatch | None, str | None, str]] = []
        for v in venues:
            place = venue_city.get(id(v))
            venue_name_ = venue_name(v.text)
            end = max(v.end, place.end if place else 0)
            items.append((v.start, end, place.city if place else None, venue_name_, pairing.get(id(v), "")))
        for c in free:  # (a city reached through "there" is marked so: its showing's sentence does not name it)
            items.append((c.start, c.end, c.city, None, "there-city" if there_antecedent is c else ""))
        items.sort()

        year_match = lex.year.search(story.norm, sentence.start, sentence.end)
        year = int(year_match.group(1)) if year_match else None
        work_starts = [w.match[0] for w in works]
        titles = [
            w.title
            for w in works[
                bisect.bisect_left(work_starts, sentence.start) : bisect.bisect_left(work_starts, sentence.end)
            ]
        ]
        following = sentence_index + 1
        next_sentence_end = story.sentences[following].end if following < len(story.sentences) else sentence.end

        results: list[ExhibitionMention] = []
        previous_end = sentence.start
        previous_kind = None
        for position, (start, end, city, venue, paired) in enumerate(items):
            window_end = min(sentence.end, end + 40)
            window = story.norm[previous_end:window_end]
            kind = None
            if lex.solo_cues.search(window):
                kind = "solo"
            elif lex.group_cues.search(window):
                kind = "group"
            elif previous_kind and not lex.own_trigger_nouns.search(story.norm, previous_end, start):
                kind = previous_kind
            # The invitation may come before the place or after it in the same clause
            # ("A gallery in Berlin invited her to show there, but she turned it down").
            clause_end = items[position + 1][0] if position + 1 < len(items) else sentence.end
            boundary = lex.clause_boundaries.search(story.norm, start, clause_end)
            if boundary:
                clause_end = boundary.start()
            invited = bool(lex.invitation_words.search(story.norm, previous_end, max(clause_end, start)))
            if invited and self._declined(story, previous_end, sentence.end, next_sentence_end):
                previous_end = end
                continue
            if lex.sale_after.match(story.norm, end):
                previous_end = end
                continue  # "a museum in Wellington bought the whole work": a sale, not a showing
            confidence = 0.9 if (city and venue) else 0.75
            results.append(
                ExhibitionMention(
                    city,
                    venue,
                    kind,
                    sentence_index,
                    (start, end),
                    confidence,
                    year,
                    list(titles),
                    invited,
                    follow_up=venue is None and there_city is not None and city is there_city.city,
                    pairing=paired,
                )
            )
            previous_end = end
            previous_kind = kind
        return results


def _same_showing_city(lower: list[str], city: Mention, paired: list[tuple[Mention, Mention]]) -> bool:
    """A free city that is a paired venue's city, with no list between it and that venue: the venue's
    showing named twice, not a second one."""
    if city.city is None:
        return False
    for venue, place in paired:
        if place.city is None or place.city.geonameid != city.city.geonameid:
            continue
        if not _separate_showings(lower, venue, city):
            return True
    return False


def _merge(found: list[ExhibitionMention]) -> list[ExhibitionMention]:
    """One entry per showing: same (city, venue) merges, a bare city merges into its venue."""
    merged: list[ExhibitionMention] = []
    by_key: dict[tuple, ExhibitionMention] = {}
    venue_cities: dict[str, ExhibitionMention] = {}
    for ex in found:
        if ex.key in by_key:
            _absorb(by_key[ex.key], ex)
            continue
        if ex.venue and ex.city is None and fold(ex.venue) in venue_cities:
            _absorb(venue_cities[fold(ex.venue)], ex)
            continue
        if ex.follow_up and ex.city is not None:
            city_id = ex.city.geonameid
            same_city = next((m for m in reversed(merged) if m.venue and m.city and m.city.geonameid == city_id), None)
            if same_city is not None:
                _absorb(same_city, ex)
                continue
        by_key[ex.key] = ex
        if ex.venue and ex.city:
            venue_cities[fold(ex.venue)] = ex
        merged.append(ex)
    return _merge_short_names(merged)


def _merge_short_names(merged: list[ExhibitionMention]) -> list[ExhibitionMention]:
    """'the Jehangir' after 'Jehangir Art Gallery, Bombay': a venue without a city named by some of the
    words of another showing's venue is that showing again."""
    named = [(frozenset(fold(ex.venue).split()), ex) for ex in merged if ex.venue]
    if len(named) < 2:
        return merged
    drop: set[int] = set()
    for words, ex in named:
        if ex.city is not None:
            continue
        fuller = next((other for other_words, other in named if words < other_words), None)
        if fuller is not None:
            _absorb(fuller, ex)
            drop.add(id(ex))
    return [ex for ex in merged if id(ex) not in drop] if drop else merged


def _absorb(target: ExhibitionMention, other: ExhibitionMention) -> None:
    target.kind = target.kind or other.kind
    target.year = target.year or other.year
    for title in other.works:
        if title not in target.works:
            target.works.append(title)
