"""Django's file cache, culled now and then instead of on every write.

``FileBasedCache`` lists every file of its folder before each write to decide
whether to cull, so a write costs time in proportion to what the cache holds:
with a few thousand cached pages, each page stored took milliseconds, and an
import that stored a few thousand values spent most of its time listing the
folder. This one culls at most once every ``CULL_EVERY`` writes of a process,
so the folder may hold up to that many entries more per process than
``MAX_ENTRIES`` between culls.
"""

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    CULL_EVERY = 200

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes_since_cull = 0

    def _cull(self):
        self._writes_since_cull += 1
        if self._writes_since_cull < self.CULL_EVERY:
            return
        self._writes_since_cull = 0
        super()._cull()
