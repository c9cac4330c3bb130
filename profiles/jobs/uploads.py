"""Reading the admin's uploads: ``.txt`` files, a ``.zip`` of them, or a ``.jsonl``.

Uploads are written to a private temporary folder and read by the same reader
as ``loadstories`` (profiles/extraction/reader.py), so the limits and messages
are the command's. A zip is unpacked with its own limits first: a member count,
a total uncompressed size (counted as it is written, not as the archive
claims), and names that stay inside the folder (no absolute paths, no "..", no
links), so neither a zip bomb nor a path trick gets past it.
"""

import posixpath
import shutil
import stat
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_UNCOMPRESSED = 64 * 1024 * 1024
MAX_NAME_LENGTH = 255
STORY_SUFFIXES = (".txt", ".jsonl", ".zip")
_COPY_BLOCK = 64 * 1024


class UploadRefused(ValueError):
    """An upload that cannot be read at all; the message is for the editor."""


@contextmanager
def unpacked(files, *, max_bytes):
    """Paths for the reader, in a temporary folder removed afterwards; raises UploadRefused."""
    if not files:
        raise UploadRefused("choose at least one .txt, .zip or .jsonl file.")
    folder = Path(tempfile.mkdtemp(prefix="catalogue-upload-"))
    try:
        paths = []
        texts = folder / "files"
        for number, upload in enumerate(files):
            name = Path(upload.name or "").name
            suffix = Path(name).suffix.lower()
            if suffix not in STORY_SUFFIXES:
                raise UploadRefused(f"{name or 'a file'}: not a story file (expected .txt, .zip or .jsonl).")
            if suffix == ".zip":
                target = folder / f"zip-{number}"
                target.mkdir()
                _unzip(upload, name, target, max_bytes=max_bytes)
                paths.append(target)
            elif suffix == ".jsonl":
                target = folder / f"jsonl-{number}"
                target.mkdir()
                paths.append(_save(upload, target / name))
            else:
                texts.mkdir(exist_ok=True)
                target = texts / name
                if target.exists():
                    raise UploadRefused(f"{name}: chosen twice.")
                # Read at most one byte over the limit: the reader refuses it with its message.
                paths.append(_save(upload, target, limit=max_bytes + 1))
        yield [str(path) for path in paths]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _save(upload, target, limit=None):
    written = 0
    with target.open("wb") as out:
        for block in upload.chunks():
            if limit is not None:
                block = block[: max(0, limit - written)]
            out.write(block)
            written += len(block)
            if limit is not None and written >= limit:
                break
    return target


def _unzip(upload, name, target, *, max_bytes):
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UploadRefused(f"{name}: not a readable zip file ({error}).") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadRefused(f"{name}: {len(members):,} entries, over the limit of {MAX_ZIP_MEMBERS:,}.")
        total = 0
        for member in members:
            member_path = _safe_member_path(name, member)
            if member_path is None:
                continue
            destination = target.joinpath(*member_path.split("/"))
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, destination.open("wb") as out:
                    written = 0
                    # One byte over the story limit is enough for the reader to refuse the story.
                    while written <= max_bytes and (block := source.read(_COPY_BLOCK)):
                        out.write(block)
                        written += len(block)
                        total += len(block)
                        if total > MAX_ZIP_UNCOMPRESSED:
                            raise UploadRefused(
                                f"{name}: over {MAX_ZIP_UNCOMPRESSED:,} bytes once unpacked; split it into smaller zips"
                            )
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
                raise UploadRefused(f"{name}: {member_path}: cannot be unpacked ({error}).") from error


def _safe_member_path(name, member):
    """The member's path inside the folder, None for what is not a story; raises for a path trick."""
    raw = member.filename
    if member.is_dir():
        return None
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UploadRefused(f"{name}: {raw!r} is a symbolic link; links are refused.")
    if "\x00" in raw or "\\" in raw or raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise UploadRefused(f"{name}: {raw!r} is not a relative path inside the archive; refused.")
    path = posixpath.normpath(raw)
    if path.startswith("../") or path == ".." or any(part in ("", ".", "..") for part in raw.split("/")):
        raise UploadRefused(f"{name}: {raw!r} leads outside the archive's folder; refused.")
    if len(path) > 4 * MAX_NAME_LENGTH or any(len(part.encode()) > MAX_NAME_LENGTH for part in path.split("/")):
        raise UploadRefused(f"{name}: {raw[:80]!r}…: name too long; refused.")
    if path.split("/")[0] == "__MACOSX" or not path.lower().endswith(".txt"):
        return None
    return path
