"""Import spaCy safely and build the blank, rule-only pipeline: for tools, tests and benchmarks only.

The extractor does not import spaCy: it runs spaCy's English tokenizer from
data (``tokenizer.py``, ``data/tokenizer.json``).  spaCy is a dev dependency,
used to rebuild that data (``tools/build_tokenizer_rules.py``), to check the
two tokenizers agree (``tests/extraction/test_tokenizer.py``) and to compare
them (``bench/bench_tokenizer.py``).

The Django project is a package called ``catalogue``, which is also the name of
a library that spaCy, thinc and confection import at start-up.  When the
project root is on ``sys.path`` (``manage.py``, ``python -m ...`` from the
repository, pytest with ``rootdir`` on the path) or ``catalogue.settings`` is
already imported, ``import spacy`` would pick up the project package and fail
with ``AttributeError: module 'catalogue' has no attribute 'create'``.  We load
the library under its own name just long enough for spaCy to bind to it, then
put ``sys.modules`` back the way we found it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys


def _is_catalogue_library(module) -> bool:
    return module is not None and hasattr(module, "create") and hasattr(module, "Registry")


def _load_catalogue_library():
    """Load the ``catalogue`` library from a path entry that is not the project's."""
    shadowing_dirs = set()
    for entry in sys.path:
        folder = os.path.join(entry or os.getcwd(), "catalogue")
        if os.path.isfile(os.path.join(folder, "settings.py")):
            shadowing_dirs.add(entry)
    search_path = [entry for entry in sys.path if entry not in shadowing_dirs and entry]
    spec = importlib.machinery.PathFinder.find_spec("catalogue", search_path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    previous = sys.modules.get("catalogue")
    sys.modules["catalogue"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        if previous is not None:
            sys.modules["catalogue"] = previous
        else:
            sys.modules.pop("catalogue", None)
    return module


def import_spacy():
    """Return the ``spacy`` module, working around the ``catalogue`` name clash."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    current = sys.modules.get("catalogue")
    if _is_catalogue_library(current):
        import spacy

        return spacy
    if current is None:
        try:
            spec = importlib.util.find_spec("catalogue")
        except (ImportError, ValueError):
            spec = None
        origin = getattr(spec, "origin", None) or ""
        if spec is not None and not os.path.isfile(os.path.join(os.path.dirname(origin), "settings.py")):
            import spacy

            return spacy
    library = _load_catalogue_library()
    if library is None:  # nothing better to try: let spaCy raise its own error
        import spacy

        return spacy
    saved = sys.modules.get("catalogue")
    sys.modules["catalogue"] = library
    try:
        import spacy
        import spacy.lang.en
        import spacy.matcher
        import spacy.pipeline
    finally:
        if saved is not None:
            sys.modules["catalogue"] = saved
        else:
            sys.modules.pop("catalogue", None)
    return spacy


def make_blank_pipeline(*, max_length: int = 5_000_000, sentencizer: bool = False):
    """A blank English pipeline: the rule-based tokenizer, no statistical weights.

    Sentence bounds are computed from the tokenizer's arrays in
    ``text.build_story`` (spaCy's sentencizer creates a Python ``Token`` per
    token, which cost more than tokenising).  ``sentencizer=True`` adds the
    pipe anyway, for callers that want ``doc.sents``.
    """
    spacy = import_spacy()
    nlp = spacy.blank("en")
    if sentencizer:
        nlp.add_pipe("sentencizer")
    nlp.max_length = max_length
    return nlp
