"""The learned layer's candidate stages: one contract for every field.

A stage takes the analysed story and what earlier stages found
(:class:`Findings`) and returns :class:`Candidate` values: a possible fact,
the scoring key it would be compared under (scoring.py), its evidence, the
features the decision model (:mod:`..learned`) reads, and whether the rules
themselves would have recorded it.  The rules stay the generators; here they
are loosened (rejected discipline cues, quoted stretches the title rules
dropped, unquoted titles after a work noun, every other capitalised run (and the
same run carried over its small words, or over the lowercase words of a title in
another language), the short lines that head an entry, every
city near a birth phrase, venues and cities of showing sentences the rules left
unpaired, a person the rules would drop next to "nobody") so that the model has
more to choose from than the rules' single answer.

Features are short strings ("L1=born", "rej=owner"); the model keeps a weight
per string.  Word lists are in data/candidates.json (those of titles in data/works.json);
each module loads the lists it reads.

The modules, by job:

* :mod:`.base`: the contract (:class:`Candidate`, :class:`Findings`, :class:`Stage`,
  ``FIELDS``, ``DECISIONS``), the feature-string helpers every stage uses (the
  window of words around a candidate, its sentence's position and trigger words)
  and the word lists and helpers more than one field reads;
* :mod:`.people`: the protagonist's name, whether they are an artist, their pronoun and age;
* :mod:`.birth`: the birth city;
* :mod:`.disciplines`: the disciplines;
* :mod:`.places`: the cities and the exhibitions (venues, and the cities of showings);
* :mod:`.works`: the works' titles.

``STAGES`` maps each field to its stage.
"""

from __future__ import annotations

from .base import DECISIONS, FIELDS, Candidate, Findings, Stage
from .birth import birth_city_candidates
from .disciplines import discipline_candidates, implied_disciplines
from .people import age_candidates, artist_candidates, name_candidates, pronoun_candidates
from .places import city_candidates, exhibition_candidates
from .works import work_candidates

STAGES: dict[str, Stage] = {
    "name": name_candidates,
    "pronoun": pronoun_candidates,
    "age": age_candidates,
    "birth_city": birth_city_candidates,
    "disciplines": discipline_candidates,
    "cities": city_candidates,
    "exhibitions": exhibition_candidates,
    "works": work_candidates,
    "artist": artist_candidates,
}

__all__ = [
    "DECISIONS",
    "FIELDS",
    "STAGES",
    "Candidate",
    "Findings",
    "Stage",
    "age_candidates",
    "artist_candidates",
    "birth_city_candidates",
    "city_candidates",
    "discipline_candidates",
    "exhibition_candidates",
    "implied_disciplines",
    "name_candidates",
    "pronoun_candidates",
    "work_candidates",
]
