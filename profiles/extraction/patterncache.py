"""Regular expressions compiled by an earlier process, and what prefilter.py read off them.

Every process that builds the extractor compiled the same few hundred
patterns (the tokenizer's affix rules alone are thousands of alternatives)
and read their literals off the same parse trees (prefilter.py): a third of
the extractor's start-up, redone for data that changes only with a commit.
So both are kept in a file under ``$CATALOGUE_CACHE_DIR/patterns`` that
``marshal`` reads back fast, as the gazetteer keeps its tables: for a regex,
the code ``re`` compiles it to, from which ``_sre.compile`` builds the
pattern without parsing it; for an analysis, its result. The decision
model's weights, parsed from their JSON, are kept there too (:func:`parsed_json`).

Entries are found by the pattern's text and flags, so changed data is a miss,
compiled as before; the file's name changes with Python's version and with
the modules the analyses come from. A compiled entry is kept only when the
pattern it builds equals what ``re.compile`` gives (patterns compare equal
when their code is the same), so a Python whose ``re`` works otherwise
compiles as before. The file is rewritten (:func:`save`, once the extractor
is built) only when there were misses, with the entries this process used:
stale ones drop out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # the engine behind re, and re's compiler (private: any surprise falls back to re.compile)
    import _sre  # type: ignore[import-not-found]  # (no type information)
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    _sre = None

log = logging.getLogger(__name__)

FORMAT = 1
_HERE = Path(__file__).resolve().parent


def default_cache_dir() -> Path | None:
    """``$CATALOGUE_CACHE_DIR/patterns`` (default ``.cache/patterns`` in the project), or None
    with ``CATALOGUE_PATTERN_CACHE=off``: every process then compiles its patterns."""
    if os.environ.get("CATALOGUE_PATTERN_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("CATALOGUE_CACHE_DIR") or _HERE.parents[1] / ".cache"
    return Path(base) / "patterns"


def cache_key() -> str:
    """What the entries depend on besides their own pattern, hashed: the file's name."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{FORMAT} {sys.version} {getattr(_sre, 'MAGIC', None)} {sys.implementation.cache_tag}".encode())
    for name in ("patterncache.py", "prefilter.py"):
        try:
            digest.update((_HERE / name).read_bytes())
        except OSError:  # (an install without sources: the module's time stands for it)
            digest.update(f"{name} missing {Path(__file__).stat().st_mtime_ns}".encode())
    return f"patterns-{digest.hexdigest()}"


class PatternCache:
    """Compiled patterns and analyses, read from ``directory`` on first use (None: kept in memory only)."""

    def __init__(self, directory: Path | str | None):
        self.directory = None if directory is None else Path(directory)
        self._stored: dict | None = None  # what the file held
        self._used: dict = {}  # what this process asked for: the next file
        self._missed = False

    @property
    def path(self) -> Path | None:
        return None if self.directory is None else self.directory / f"{cache_key()}.marshal"

    def _entries(self) -> dict:
        if self._stored is None:
            self._stored = {}
            path = self.path
            if path is not None:
                try:
                    with open(path, "rb") as handle:
                        stored = marshal.loads(handle.read())
                    if isinstance(stored, dict) and stored.get("format") == FORMAT:
                        self._stored = stored["entries"]
                except (OSError, EOFError, ValueError, TypeError, KeyError):
                    pass  # missing or unreadable: everything is a miss, and the file is written again
        return self._stored

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        """``re.compile(pattern, flags)``, from the code an earlier process compiled it to when there is one."""
        flags = int(flags)
        key = ("re", pattern, flags)
        entry = self._entries().get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, *entry)
            except Exception:  # (a damaged entry: compiled afresh below)
                pass
            else:
                self._used[key] = entry
                return compiled
        compiled = re.compile(pattern, flags)
        self._missed = True
        entry = _compiled_entry(pattern, flags, compiled)
        if entry is not None:
            self._used[key] = entry
        return compiled

    def analysis(self, kind: str, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()`` (a plain value marshal can store), or what it gave an earlier process for ``(kind, *key)``."""
        full_key = (kind, *key)
        entries = self._entries()
        if full_key in entries:
            value = self._used[full_key] = entries[full_key]
            return value
        value = self._used[full_key] = compute()
        self._missed = True
        return value

    def save(self) -> None:
        """Write what this process used, if anything was missing from the file."""
        path = self.path
        if path is None or not self._missed:
            return
        temporary = None
        try:
            data = marshal.dumps({"format": FORMAT, "entries": self._used})
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole under a temporary name, then renamed: a reader never sees half a file.
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as out:
                temporary = out.name
                out.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
            for stale in path.parent.glob("patterns-*.marshal"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except (OSError, ValueError) as error:  # a read-only checkout still works, compiling every time
            log.warning("compiled patterns not stored in %s: %s", path.parent, error)
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            return
        self._stored = dict(self._used)
        self._missed = False


def _compiled_entry(pattern: str, flags: int, compiled: re.Pattern) -> tuple | None:
    """The arguments of ``_sre.compile`` after the pattern (as ``re._compiler.compile`` makes them),
    or None when they do not build the very pattern ``re`` compiled."""
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (
            int(flags | parsed.state.flags),
            [int(op) for op in code],
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        if _sre.compile(pattern, *entry) != compiled:
            return None
        marshal.dumps(entry)
    except Exception:  # another Python's internals: no entry, nothing else changes
        return None
    return entry


_default: PatternCache | None = None


def default_cache() -> PatternCache:
    """The process's cache (see :func:`default_cache_dir`)."""
    global _default
    if _default is None:
        _default = PatternCache(default_cache_dir())
    return _default


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` through the process's cache."""
    return default_cache().compile(pattern, flags)


def analysis(kind: str, key: tuple, compute: Callable[[], Any]) -> Any:
    return default_cache().analysis(kind, key, compute)


def parsed_json(path: Path | str) -> Any:
    """``json.loads`` of the file at ``path``, or what it gave an earlier process for the same bytes.

    For the decision model's weights (data/decisions.json): parsing their text is several times
    slower than reading back what ``marshal`` made of them. Raises what reading or parsing raises.
    """
    raw = Path(path).read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return analysis("json", (Path(path).name, digest), lambda: json.loads(raw.decode("utf-8")))


def save() -> None:
    """Store the process's misses (called once the extractor is built)."""
    if _default is not None:
        _default.save()
