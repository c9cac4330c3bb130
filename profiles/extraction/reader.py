"""Read stage: turn paths into a stream of story texts, one at a time.

A PATH is a ``.txt`` file (one story, named by its file name), a directory
(every ``*.txt`` under it, recursively, in sorted order; nested files are named
by their path relative to the directory) or a ``.jsonl`` file (one
``{"id": ..., "text": ...}`` object per line, named by its id).

Nothing here raises for bad input: every story that cannot be read becomes a
``StoryError`` naming the file (and line), so the caller can report it and go
on with the rest. That includes what a directory walk meets: a subdirectory
that cannot be listed, a symbolic link that loops, dangles or leads out of the
directory. Memory stays flat in the number of stories: directories are walked
lazily and JSON Lines files are read line by line (only their ids are kept, to
refuse a repeated one).

Text is cleaned once, here, so that every later stage sees one spelling of a
name: invisible bidirectional controls and zero-width characters are removed,
letters in compatibility forms (fullwidth, mathematical, presentation forms)
are folded to plain ones, and the whole is put in NFC.
"""

import codecs
import errno
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 1024 * 1024

# Control characters other than tab, newlines and form feed; a text with more
# than a sprinkling of them is binary, whatever its encoding says.
# (Deleted by str.translate to count them: three times faster than a regex.)
_DROP_CONTROLS = str.maketrans(dict.fromkeys(list(range(0x00, 0x09)) + list(range(0x0E, 0x20))))
_MAX_CONTROL_SHARE = 0.01
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# A lone surrogate can come from a JSON "\ud800" escape; no database can store it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes that are not UTF-8, as decoded by the "surrogateescape" error handler: one per byte.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

# Invisible characters that reorder or hide text: bidirectional embeddings,
# overrides and isolates, zero-width spaces, non-joiners, word joiners and a
# byte-order mark inside the text. A zero-width joiner between two emoji is
# kept: it makes one picture of them (a family, a profession).
_EMOJI = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_INVISIBLE = re.compile(
    f"[\u202a-\u202e\u2066-\u2069\u200b\u200c\u2060\ufeff]|(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])"
)

# Characters an id may not hold: controls (which no database or message shows
# faithfully), lone surrogates and the invisible characters above.
_UNFIT_FOR_ID = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


_COMPATIBILITY_BLOCKS = ((0x2100, 0x21FF), (0xFB00, 0xFFFF), (0x1D400, 0x1D7FF), (0x1EE00, 0x1EEFF), (0x1FB00, 0x1FBFF))


def _compatibility_letters():
    """Letters and digits in a compatibility form, mapped to their plain forms.

    Only forms that change how a name is spelt, not what the text means:
    fullwidth and halfwidth letters, mathematical and other styled letters,
    Arabic presentation forms and Latin ligatures. Superscripts, fractions,
    circled numbers, no-break spaces, ellipses and fullwidth punctuation (right
    in Chinese and Japanese) are left alone, as full NFKC would not.
    """
    forms = ("<wide>", "<narrow>", "<font>", "<initial>", "<medial>", "<final>", "<isolated>")
    table = {}
    for first, last in _COMPATIBILITY_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.decomposition(char).split(" ")[0] in forms or 0xFB00 <= code <= 0xFB06:
                plain = unicodedata.normalize("NFKC", char)
                if plain.isalnum() or all(unicodedata.category(mark).startswith("M") for mark in plain):
                    table[code] = plain
    return table


_PLAIN_LETTERS = _compatibility_letters()

# The blocks that hold them, to find candidates quickly: a character class of
# the letters themselves is several times slower to match.
_IN_COMPATIBILITY_BLOCK = re.compile(
    "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _COMPATIBILITY_BLOCKS) + "]"
)


class PathError(ValueError):
    """A PATH argument that cannot be read at all (missing, wrong kind)."""


@dataclass(frozen=True)
class StoryText:
    """One story, decoded, cleaned (see the module's docstring) and with newlines normalised to ``\\n``."""

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
            if path.is_symlink():
                raise PathError(f"{raw}: symbolic link that leads nowhere (its target is missing, or it loops)")
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
            yield from _read_directory(path, max_bytes=max_bytes)
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, max_bytes=max_bytes)
        else:
            yield _read_text_file(path, path.name, max_bytes=max_bytes)


# --- directories ---------------------------------------------------------------------------


def _read_directory(directory, *, max_bytes):
    for path, refusal in _walk_txt_files(directory):
        source = path.relative_to(directory).as_posix() if path != directory else directory.name
        if refusal:
            yield StoryError(_printable(source), _printable(path), refusal)
        else:
            yield _read_text_file(path, source, max_bytes=max_bytes)


def _walk_txt_files(directory):
    """(path, None) for every ``*.txt`` under ``directory``, in sorted order; (path, why) for an entry refused.

    Iterative, so that depth costs no stack, and lazy: one directory's listing
    at a time. Symbolic links to directories are not followed (those inside are
    walked where they really are; one to an ancestor would never end); those to
    files are read when the file is inside ``directory``.
    """
    root = os.path.realpath(directory)
    entries, refusal = _listing(directory)
    if refusal:
        yield directory, refusal
        return
    pending = [entries]
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        path = Path(entry.path)
        kind, refusal = _classify(entry, root)
        if refusal:
            yield path, refusal
        elif kind == "directory":
            entries, refusal = _listing(path)
            if refusal:
                yield path, refusal
            else:
                pending.append(entries)
        elif kind == "story":
            yield path, None


def _listing(directory):
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        return None, f"directory cannot be read ({_reason(error)}); the stories in it were not imported"
    return iter(entries), None


def _classify(entry, root):
    """("directory" | "story" | None, refusal or None) for one directory entry."""
    is_story_name = entry.name.lower().endswith(".txt")
    try:
        if entry.is_symlink():
            return _classify_link(entry.path, root, is_story_name)
        if entry.is_dir(follow_symlinks=False):
            return "directory", None
        if is_story_name and entry.is_file(follow_symlinks=False):
            return "story", None
    except OSError as error:
        return None, f"cannot be read: {_reason(error)}"
    return None, None


def _classify_link(path, root, is_story_name):
    try:
        target = os.path.realpath(path, strict=True)
        is_directory = os.path.isdir(target)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, "symbolic link loop (it leads back to itself): not followed"
        if error.errno == errno.ENOENT:
            return None, "symbolic link to a missing file: nothing to read" if is_story_name else None
        return None, f"symbolic link cannot be followed: {_reason(error)}"
    inside = os.path.commonpath([root, target]) == root
    if is_directory:
        if inside:
            return None, None
        return None, f"symbolic link to a directory outside {root} ({target}): not followed"
    if not is_story_name:
        return None, None
    if not inside:
        return None, f"symbolic link to a file outside {root} ({target}): refused"
    return ("story" if os.path.isfile(target) else None), None


def _reason(error):
    return error.strerror or str(error)


def _printable(name):
    """A path or name fit to print, whatever bytes the file system holds."""
    return os.fsencode(str(name)).decode("utf-8", "backslashreplace")


# --- files and their text ----------------------------------------------------------------


def _read_text_file(path, source, *, max_bytes):
    origin = str(path)
    if _LONE_SURROGATE.search(source):  # bytes that are not UTF-8, kept as escapes by Python's file-system layer
        return StoryError(_printable(source), _printable(path), "file name is not valid UTF-8; rename the file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return StoryError(
                source, origin, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
            )
        data = path.read_bytes()
    except OSError as error:
        return StoryError(source, origin, f"cannot be read: {_reason(error)}")
    return decode_story(data, source=source, origin=origin)


def decode_story(data, *, source, origin):
    """Decode story bytes: UTF-8 (with or without BOM); the rest with a warning.

    UTF-16 (with a byte-order mark, or without one when its NUL bytes say so),
    UTF-8 with a few bytes that are not (replaced), and Windows-1252. Binary
    content and text that decodes as nothing sensible are refused.
    """
    warnings = []
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return StoryError(source, origin, "starts with a UTF-16 byte-order mark but is not valid UTF-16")
        warnings.append("decoded as UTF-16 (the catalogue expects UTF-8)")
    elif b"\x00" in data:
        codec = _utf16_without_bom(data)
        try:
            text = data.decode(codec) if codec else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            return StoryError(source, origin, "binary content (NUL bytes), not a text story")
        warnings.append("decoded as UTF-16 without a byte-order mark (the catalogue expects UTF-8)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            text, warning = _decode_not_quite_utf8(data)
            if text is None:
                return StoryError(
                    source, origin, f"not UTF-8 text (undecodable byte at offset {error.start}); save it as UTF-8"
                )
            warnings.append(warning.format(offset=error.start))
    return _story_from_text(text, source=source, origin=origin, warnings=warnings)


def _utf16_without_bom(data):
    """The UTF-16 codec ("utf-16-le" or "utf-16-be") when NUL bytes sit on one side of the 16-bit units; else None.

    In UTF-16 every ASCII character (spaces, digits, punctuation, newlines) has a
    zero high byte, and hardly any character has a zero low byte; binary data
    has its zeros on both sides.
    """
    if len(data) % 2:
        return None
    units = len(data) // 2
    zeros_first, zeros_second = data[0::2].count(0), data[1::2].count(0)
    if zeros_second >= max(1, units // 20) and zeros_first <= zeros_second // 4:
        return "utf-16-le"
    if zeros_first >= max(1, units // 20) and zeros_second <= zeros_first // 4:
        return "utf-16-be"
    return None


def _decode_not_quite_utf8(data):
    """(text, warning) for bytes that are not UTF-8: UTF-8 with bad bytes replaced, or Windows-1252; (None, None).

    UTF-8 wins when its valid non-ASCII characters are at least as many as the
    bad bytes: in Windows-1252 text, accented letters hardly ever form valid
    UTF-8 sequences, so one stray byte must not turn "Sørensen" into "SÃ¸rensen".
    """
    text = data.decode("utf-8-sig", "surrogateescape")
    bad = sum(1 for _ in _ESCAPED_BYTE.finditer(text))
    valid = len(text) - len(text.encode("ascii", "ignore")) - bad
    if valid >= bad:
        text = _ESCAPED_BYTE.sub("\ufffd", text)
        noun = "1 byte that is" if bad == 1 else f"{bad:,} bytes that are"
        return text, f"{noun} not UTF-8 replaced with \ufffd (first at byte {{offset}}); the rest is UTF-8"
    try:
        return data.decode("cp1252"), "not UTF-8 (byte {offset}); decoded as Windows-1252, check the accents"
    except UnicodeDecodeError:
        return None, None


def _story_from_text(text, *, source, origin, warnings=()):
    if "\x00" in text:
        return StoryError(source, origin, "binary content (NUL characters), not a text story")
    sample = text[:65536]
    controls = len(sample) - len(sample.translate(_DROP_CONTROLS))
    if controls > max(8, _MAX_CONTROL_SHARE * len(sample)):
        return StoryError(source, origin, f"binary content ({controls} control characters), not a text story")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if surrogate := _LONE_SURROGATE.search(text):
            return StoryError(
                source,
                origin,
                f"not valid Unicode: a lone surrogate ({surrogate.group()!a}) at character {surrogate.start()}",
            )
        text, cleaning = _clean(text)
        warnings = [*warnings, *cleaning]
    if not text or text.isspace():  # (what ``not text.strip()`` says, without the copy)
        return StoryError(source, origin, "empty story (no text, or only white space)")
    return StoryText(source=source, text=text, origin=origin, warnings=tuple(warnings))


def _clean(text):
    """One spelling for what looks the same: invisible characters out, compatibility letters folded, NFC."""
    warnings = []
    text, removed = _INVISIBLE.subn("", text)
    if removed:
        warnings.append(
            f"removed {removed:,} invisible character{'s' if removed != 1 else ''} "
            "(bidirectional controls, zero-width spaces or joiners)"
        )
    folded = sum(1 for match in _IN_COMPATIBILITY_BLOCK.finditer(text) if ord(match.group()) in _PLAIN_LETTERS)
    if folded:
        text = text.translate(_PLAIN_LETTERS)
        warnings.append(
            f"folded {folded:,} letter{'s' if folded != 1 else ''} in fullwidth or styled forms to plain letters"
        )
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, warnings


# --- JSON Lines ------------------------------------------------------------------------------


def _read_jsonl(path, *, max_bytes):
    try:
        handle = path.open("rb")
    except OSError as error:
        yield StoryError(path.name, str(path), f"cannot be read: {_reason(error)}")
        return
    lines_by_id = {}  # to refuse a repeated id, naming the line that had it first
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
            item = _story_from_json_line(raw_line, path=path, number=number, origin=origin)
            if isinstance(item, StoryText):
                first = lines_by_id.setdefault(item.source, number)
                if first != number:
                    item = StoryError(
                        item.source,
                        origin,
                        f'duplicate "id" "{item.source}": line {first} has it already; this row is refused',
                    )
            yield item


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
    story_id = story_id.strip()
    if unfit := _UNFIT_FOR_ID.search(story_id):
        return StoryError(
            fallback_source,
            origin,
            f'malformed JSON Lines row: "id" contains U+{ord(unfit.group()):04X} at character {unfit.start()} '
            "(a control or invisible character); ids must be plain printable text",
        )
    if not isinstance(text, str):
        return StoryError(story_id, origin, 'malformed JSON Lines row: "text" must be a string')
    return _story_from_text(text, source=story_id, origin=origin)
