"""Read stage: turn paths into a stream of story texts, one at a time.

A PATH is a ``.txt`` file (one story, named by its file name), a directory
(every ``*.txt`` under it, recursively, in sorted order; nested files are named
by their path relative to the directory) or a ``.jsonl`` file (one
``{"id": ..., "text": ...}`` object per line, named by its id).

Nothing here raises for bad input: every story that cannot be read becomes a
``StoryError`` naming the file (and line), so the caller can report it and go
on with the rest. Memory stays flat in the number of stories: directories are
walked lazily and JSON Lines files are read line by line.
"""

import codecs
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 1024 * 1024

# Control characters other than tab, newlines and form feed; a text with more
# than a sprinkling of them is binary, whatever its encoding says.
# (Deleted by str.translate to count them: three times faster than a regex.)
_DROP_CONTROLS = str.maketrans(dict.fromkeys(list(range(0x00, 0x09)) + list(range(0x0E, 0x20))))
_MAX_CONTROL_SHARE = 0.01
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class PathError(ValueError):
    """A PATH argument that cannot be read at all (missing, wrong kind)."""


@dataclass(frozen=True)
class StoryText:
    """One story, decoded and with newlines normalised to ``\\n``."""

    source: str
    text: str
    origin: str  # where it came from, for messages: a path, or path:line
    warnings: tuple = field(default=())

    @property
    def sha256(self):
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoryError:
    """A story that could not be read, with a message fit for a person."""

    source: str
    origin: str
    message: str

    def __str__(self):
        return f"{self.origin}: {self.message}"


def check_paths(paths):
    """Refuse missing paths and unsupported files before anything is read."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PathError(f"{raw}: no such file or directory")
        if path.is_file() and path.suffix.lower() not in (".txt", ".jsonl"):
            raise PathError(f"{raw}: not a story file (expected a .txt file, a .jsonl file or a directory)")
        if not (path.is_file() or path.is_dir()):
            raise PathError(f"{raw}: not a regular file or directory")


def read_stories(paths, *, max_bytes=DEFAULT_MAX_BYTES):
    """Yield a StoryText or StoryError for every story under ``paths``, in order."""
    check_paths(paths)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file_path in _walk_txt_files(path):
                source = file_path.relative_to(path).as_posix()
                yield _read_text_file(file_path, source, max_bytes=max_bytes)
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
        else:
            yield _read_text_file(path, path.name, max_bytes=max_bytes)


def _walk_txt_files(directory):
    """Every ``*.txt`` under ``directory`` in sorted order, without listing it all first."""
    entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_txt_files(Path(entry.path))
        elif entry.is_file() and entry.name.lower().endswith(".txt"):
            yield Path(entry.path)


def _read_text_file(path, source, *, max_bytes):
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return StoryError(
                source, origin, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
            )
        data = path.read_bytes()
    except OSError as error:
        return StoryError(source, origin, f"cannot be read: {error.strerror or error}")
    return decode_story(data, source=source, origin=origin)


def decode_story(data, *, source, origin):
    """Decode story bytes: UTF-8 (with or without BOM); UTF-16 and Windows-1252 with a warning.

    Binary content and text that decodes as nothing sensible are refused.
    """
    warnings = []
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return StoryError(source, origin, "starts with a UTF-16 byte-order mark but is not valid UTF-16")
        warnings.append("decoded as UTF-16 (the catalogue expects UTF-8)")
    else:
        if b"\x00" in data:
            return StoryError(source, origin, "binary content (NUL bytes), not a text story")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return StoryError(
                    source, origin, f"not UTF-8 text (undecodable byte at offset {error.start}); save it as UTF-8"
                )
            warnings.append(f"not UTF-8 (byte {error.start}); decoded as Windows-1252, check the accents")
    return _story_from_text(text, source=source, origin=origin, warnings=warnings)


def _story_from_text(text, *, source, origin, warnings=()):
    if "\x00" in text:
        return StoryError(source, origin, "binary content (NUL characters), not a text story")
    sample = text[:65536]
    controls = len(sample) - len(sample.translate(_DROP_CONTROLS))
    if controls > max(8, _MAX_CONTROL_SHARE * len(sample)):
        return StoryError(source, origin, f"binary content ({controls} control characters), not a text story")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # (what ``not text.strip()`` says, without the copy)
        return StoryError(source, origin, "empty story (no text, or only white space)")
    return StoryText(source=source, text=text, origin=origin, warnings=tuple(warnings))


def _read_jsonl(path, *, max_bytes):
    try:
        handle = path.open("rb")
    except OSError as error:
        yield StoryError(path.name, str(path), f"cannot be read: {error.strerror or error}")
        return
    with handle:
        for number, raw_line in enumerate(_bounded_lines(handle, max_bytes), start=1):
            origin = f"{path}:{number}"
            if raw_line is None:
                yield StoryError(
                    f"{path.name}:{number}", origin, f"line is over the {max_bytes:,}-byte limit (--max-bytes)"
                )
                continue
            if not raw_line or raw_line.isspace():  # (not raw_line.strip(), without the copy)
                continue
            yield _story_from_json_line(raw_line, path=path, number=number, origin=origin)


def _bounded_lines(handle, max_bytes):
    """Lines of a binary file; a line longer than ``max_bytes`` is skipped and yields None."""
    limit = max_bytes + 2  # room for the line ending
    while True:
        line = handle.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            # Too long: skip the rest of this line without holding it in memory.
            while line and not line.endswith(b"\n"):
                line = handle.readline(limit)
            yield None
            continue
        yield line


def _story_from_json_line(raw_line, *, path, number, origin):
    fallback_source = f"{path.name}:{number}"
    try:
        # (What decode("utf-8-sig") does, without its Python-level codec wrapper.)
        if raw_line.startswith(codecs.BOM_UTF8):
            raw_line = raw_line[len(codecs.BOM_UTF8) :]
        row = json.loads(raw_line.decode("utf-8"))
    except UnicodeDecodeError:
        return StoryError(fallback_source, origin, "malformed JSON Lines row: not UTF-8")
    except json.JSONDecodeError as error:
        return StoryError(fallback_source, origin, f"malformed JSON Lines row: {error.msg} (column {error.colno})")
    if not isinstance(row, dict):
        return StoryError(
            fallback_source, origin, 'malformed JSON Lines row: expected an object {"id": ..., "text": ...}'
        )
    story_id, text = row.get("id"), row.get("text")
    if isinstance(story_id, int) and not isinstance(story_id, bool):
        story_id = str(story_id)
    if not isinstance(story_id, str) or not story_id.strip():
        return StoryError(fallback_source, origin, 'malformed JSON Lines row: "id" must be a non-empty string')
    if len(story_id) > 255:
        return StoryError(fallback_source, origin, 'malformed JSON Lines row: "id" is over 255 characters')
    if not isinstance(text, str):
        return StoryError(story_id, origin, 'malformed JSON Lines row: "text" must be a string')
    return _story_from_text(text, source=story_id.strip(), origin=origin)
