"""Extraction in worker processes (``loadstories --jobs N``); writing stays in one process.

Plain Python, no Django: a worker process only extracts. Each loads the
extractor once (its initializer); a batch is cut into one contiguous slice per
process and the slices' records are put back in order, so the output is the
same as one process's.
"""

import multiprocessing
import os

_extractor = None


def default_jobs():
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extractor():
    """Loaded once per process (spaCy and the gazetteer are slow to load).

    Every process that uses it is a batch process (a ``--jobs`` worker, a
    Celery worker), so the garbage collector is told to leave the extractor's
    many long-lived objects alone (see StoryExtractor's ``freeze_gc``).
    """
    global _extractor
    if _extractor is None:
        from profiles.extraction import StoryExtractor

        _extractor = StoryExtractor(freeze_gc=True)
    return _extractor


def extract(texts):
    """[(record, None) or (None, error message)] for ``texts`` (StoryText), in order; one bad story spoils no other."""
    if not texts:
        return []
    try:
        return [(record, None) for record in extractor().pipe((story.source, story.text) for story in texts)]
    except Exception:
        results = []
        for story in texts:
            try:
                results.append((extractor().extract(story.text, source=story.source), None))
            except Exception as error:
                results.append((None, f"{story.origin}: extraction failed: {error!r}"))
        return results


def _load_extractor():
    extractor()


# A process is started for at least this many stories of the first batch
# that needs one: each loads its own extractor, so a few stories never pay
# for many processes (nor does a big machine start one per core for them).
MIN_STORIES_PER_PROCESS = 16


class ExtractionPool:
    """Up to ``processes`` worker processes, started by the first batch big enough to share."""

    def __init__(self, processes):
        self.processes = max(1, processes)
        self._pool = None
        self._size = 1

    def extract(self, texts):
        if self._pool is None:
            size = min(self.processes, len(texts) // MIN_STORIES_PER_PROCESS)
            if size < 2:
                return extract(texts)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool, self._size = context.Pool(size, initializer=_load_extractor), size
        size = -(-len(texts) // self._size)
        slices = [texts[start : start + size] for start in range(0, len(texts), size)]
        return [result for part in self._pool.map(extract, slices) for result in part]

    def close(self):
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
