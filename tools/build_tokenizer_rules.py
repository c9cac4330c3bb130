"""Build profiles/extraction/data/tokenizer.json, spaCy's English tokenizer rules as data.

Run by a developer after upgrading spaCy (a dev dependency since the extractor stopped importing it),
and commit the output:

    .venv/bin/python tools/build_tokenizer_rules.py            # writes the data file
    .venv/bin/python tools/build_tokenizer_rules.py --check    # exits 1 if the committed file is out of date

Importing spaCy and building its blank English pipeline cost most of a one-story import's start-up,
for a tokenizer whose behaviour is fixed data: three regular expressions for prefixes, suffixes and
infixes, one for URLs, the special cases, and the token sequences that spaCy's phrase matcher looks
for to re-apply special cases after affixes were split off.  profiles/extraction/tokenizer.py runs
spaCy's algorithm on this data; tests/extraction/test_tokenizer.py checks the two agree.  The same
file carries the other facts the extractor took from spaCy: the sentencizer's sentence-final
characters and English stop words.

The output is deterministic: the same spaCy gives byte-identical JSON.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from profiles.extraction._spacy import import_spacy, make_blank_pipeline  # noqa: E402
from profiles.extraction.tokenizer import DATA_PATH  # noqa: E402


def _regex(function):
    if function is None:
        return None
    pattern = function.__self__
    return {"pattern": pattern.pattern, "flags": pattern.flags}


def build() -> dict:
    spacy = import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.tokenizer import Tokenizer

    tokenizer = make_blank_pipeline().tokenizer
    # The same affix rules without special cases: what spaCy's phrase matcher is given per case.
    bare = Tokenizer(
        tokenizer.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    special_cases = {}
    matched = {}
    for string, pieces in sorted(tokenizer.rules.items()):
        special_cases[string] = [piece[65] for piece in pieces]  # 65: spaCy's ORTH attribute
        affixed = (
            tokenizer.find_prefix(string) or tokenizer.find_infix(string) or tokenizer.find_suffix(string)
        ) or " " in string
        if affixed or not tokenizer.faster_heuristics:
            matched[string] = [token.text for token in bare(string)]
        elif [token.text for token in bare(string)] != [string]:
            raise SystemExit(f"special case {string!r} splits without affixes: this tool needs updating")
    return {
        "about": "spaCy's blank English tokenizer as data; built by tools/build_tokenizer_rules.py, do not edit",
        "spacy_version": spacy.__version__,
        "prefix": _regex(tokenizer.prefix_search),
        "suffix": _regex(tokenizer.suffix_search),
        "infix": _regex(tokenizer.infix_finditer),
        "token_match": _regex(tokenizer.token_match),
        "url_match": _regex(tokenizer.url_match),
        "special_cases": special_cases,
        "matched_special_cases": matched,
        "sentence_final": "".join(sorted(spacy.pipeline.Sentencizer.default_punct_chars)),
        "stop_words": sorted(STOP_WORDS),
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=True, indent=0, sort_keys=True) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = DATA_PATH.read_text(encoding="utf-8") if DATA_PATH.exists() else ""
        if current != text:
            print(f"{DATA_PATH} is out of date: run tools/build_tokenizer_rules.py", file=sys.stderr)
            return 1
        print(f"{DATA_PATH} is up to date")
        return 0
    DATA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DATA_PATH} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
