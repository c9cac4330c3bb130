"""``loadstories --records``: import a JSON Lines dump's records as they are, without extracting again.

A dump row (``exportcatalogue --format jsonl``) is a story record with the
story's ``id`` and ``text``. ``read_stories`` reads and checks the rows as for
any JSON Lines file (ids, text, size limits); ``RecordRows`` follows the same
files line by line beside it and keeps each good row's record only until the
importer asks for it, so memory stays flat however long the dump.
"""

import json
from pathlib import Path

from ..extraction.reader import StoryText, read_stories
from ..extraction.story_record import StoryRecord

SKIP_PIECE = 64 * 1024


class RecordRows:
    """The stories of JSON Lines files, and for each the record its row carries."""

    def __init__(self, paths, *, max_bytes):
        self.paths = [str(path) for path in paths]
        self.max_bytes = max_bytes
        self._pending = {}

    def not_jsonl(self):
        """The paths that are not JSON Lines files: --records has no records to read in them."""
        return [path for path in self.paths if Path(path).suffix.lower() != ".jsonl"]

    def __iter__(self):
        handles = {}
        try:
            for item in read_stories(self.paths, max_bytes=self.max_bytes):
                if isinstance(item, StoryText):
                    path, _, number = item.origin.rpartition(":")
                    if path not in handles:
                        handles[path] = _Lines(path)
                    self._pending[item.origin] = handles[path].record_at(int(number), item)
                yield item
        finally:
            for lines in handles.values():
                lines.close()

    def records(self, stories):
        """The records of ``stories``, in order; the importer asks once per batch, so the batch's
        other records (unchanged stories) are dropped."""
        records = [self._pending.pop(story.origin) for story in stories]
        self._pending.clear()
        return records


class _Lines:
    """One file's lines, read forward only, in step with ``read_stories``."""

    def __init__(self, path):
        self.handle = open(path, "rb")  # noqa: SIM115 (closed by RecordRows)
        self.number = 0

    def record_at(self, number, story):
        while self.number < number - 1:  # lines read_stories refused or skipped: passed over in pieces
            while (piece := self.handle.readline(SKIP_PIECE)) and not piece.endswith(b"\n"):
                pass
            self.number += 1
        line = self.handle.readline()  # a row read_stories accepted, so within --max-bytes
        self.number += 1
        row = json.loads(line.decode("utf-8-sig"))  # read_stories has parsed this row already
        record = StoryRecord.from_json(row, text_length=len(story.text)).to_json()
        record["source"] = story.source
        return record

    def close(self):
        self.handle.close()
