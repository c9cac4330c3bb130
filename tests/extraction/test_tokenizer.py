"""The tokenizer run from data gives exactly spaCy's tokens (spaCy is a dev dependency for this).

The extractor no longer imports spaCy; profiles/extraction/tokenizer.py runs spaCy's
algorithm on the rules tools/build_tokenizer_rules.py exported.  These tests are the
proof that nothing changed: every labelled story, variants of them, and hostile text
are tokenised both ways and compared token by token (offset, length, punctuation flag).
"""

import random
from pathlib import Path

import pytest

from profiles.extraction._spacy import make_blank_pipeline
from profiles.extraction.tokenizer import Tokenizer, load_rules, sentence_final_characters, stop_words

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "stories"


@pytest.fixture(scope="module")
def spacy_tokenizer():
    return make_blank_pipeline().tokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return Tokenizer()


def _spacy_rows(spacy_tokenizer, text):
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    return [tuple(row) for row in spacy_tokenizer(text).to_array([IDX, LENGTH, IS_PUNCT]).tolist()]


def _same(spacy_tokenizer, tokenizer, text):
    ours = [(start, length, int(punct)) for start, length, punct in tokenizer(text)]
    theirs = _spacy_rows(spacy_tokenizer, text)
    if ours != theirs:
        words = [text[a : a + n] for a, n, _ in ours]
        expected = [text[a : a + n] for a, n, _ in theirs]
        assert words == expected, repr(text[:300])
        assert ours == theirs, repr(text[:300])


def _labelled_texts():
    folders = sorted((ROOT / "tests" / "stories").glob("*/stories"))
    folders += [SHARED / "dev", SHARED / "seeds", ROOT / "seeds"]
    paths = [path for folder in folders if folder.is_dir() for path in sorted(folder.glob("*.txt"))]
    return [path.read_text(encoding="utf-8") for path in paths]


def test_the_committed_rules_are_spacys(spacy_tokenizer):
    import spacy

    rules = load_rules()
    assert rules["spacy_version"] == spacy.__version__, "run tools/build_tokenizer_rules.py"
    assert rules["special_cases"] == {k: [p[65] for p in v] for k, v in spacy_tokenizer.rules.items()}
    assert rules["prefix"]["pattern"] == spacy_tokenizer.prefix_search.__self__.pattern
    assert rules["suffix"]["pattern"] == spacy_tokenizer.suffix_search.__self__.pattern
    assert rules["infix"]["pattern"] == spacy_tokenizer.infix_finditer.__self__.pattern
    assert rules["url_match"]["pattern"] == spacy_tokenizer.url_match.__self__.pattern
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.pipeline import Sentencizer

    assert stop_words() == STOP_WORDS
    assert sentence_final_characters() == set(Sentencizer.default_punct_chars)


def test_every_labelled_story_and_its_variants(spacy_tokenizer, tokenizer):
    texts = _labelled_texts()
    assert len(texts) > 600
    rng = random.Random(5)
    for number, text in enumerate(texts):
        _same(spacy_tokenizer, tokenizer, text)
        if number % 4 == 0:  # (a quarter is enough to meet every rule in new company)
            words = text.split(" ")
            _same(spacy_tokenizer, tokenizer, " ".join(rng.sample(words, len(words))).upper())
    # One long text: the special-case pass runs over every token of it at once.
    _same(spacy_tokenizer, tokenizer, "\n\n".join(texts[:200]))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "  ",
        "\n",
        " a",
        "a ",
        "a  ",
        "  a  b   c\n \n\t d\u00a0e\u3000f\u2028g",
        "a : ) b",
        ":) :-) ;) (: =] ]= <3 </3 :( :-(",
        "=]=",
        "(:(,#",
        "Dr. Ana Ruiz-Pérez, 34, lives in St. Louis, U.S.A. -- e.g. at 5 p.m.!",
        "can't won't don't Let's gonna y'all ma'am o'clock 'cause 'em",
        "He said: \"Go.\" Then 'Art' (1999) was shown... and… again?!",
        "http://example.org/a?b=1&c=2 www.example.com user@example.com https://x.y/(z)",
        "$5.00 5% 10km 1990s '90s 3:30 1,000,000 #art @artist",
        "ΟΔΟΣ. ΣΑΣ ΟΔΟΣ'Α İstanbul ſtrasse ﬁne Ｆｕｌｌ",
        "\x00\x01\x1c\x1f\x7f\x85\u200b\u200d\ufeff\ufffd a\x1cb c\x85 d",
        "a" * 300,
        "-" * 80 + "." * 80,
        "((((((((((a))))))))))",
        "''\"\"''``´´‘’“”«»",
        "ಠ_ಠ (ಠ_ಠ) ¯\\_(ツ)_/¯",
    ],
)
def test_edge_cases(spacy_tokenizer, tokenizer, text):
    _same(spacy_tokenizer, tokenizer, text)


def test_random_hostile_text(spacy_tokenizer, tokenizer):
    rng = random.Random(17)
    specials = list(spacy_tokenizer.rules)
    alphabet = list(" \n\t\u00a0\u2028\u3000.,;:!?'\"()[]{}-–—…/\\@#$%^&*_+=<>|~`´’‘“”«»abcXYZ019éİ\u200b\x00")
    fragments = specials + ["http://x.org/a?b=1", "www.test.com", "U.S.", "co-op", "Harrington-Aliyev", "...", "--"]
    for _ in range(6000):
        parts = []
        for _ in range(rng.randrange(1, 14)):
            roll = rng.random()
            if roll < 0.4:
                parts.append(rng.choice(fragments))
            elif roll < 0.8:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 7))))
            else:
                parts.append(rng.choice([" ", "  ", "\n", " \n ", ""]))
        _same(spacy_tokenizer, tokenizer, "".join(parts))


def test_lone_surrogates_are_tokens_not_errors(tokenizer):
    # spaCy cannot encode them (normalise replaces them first); this tokenizer just keeps them in a token.
    assert tokenizer.words("a\ud800b c") == ["a\ud800b", "c"]


def test_a_full_cache_stops_growing(spacy_tokenizer):
    small = Tokenizer(cache_limit=5)
    for text in _labelled_texts()[:5]:
        _same(spacy_tokenizer, small, text)
    assert len(small._spans) <= len(small.special_cases) + 5
