"""The default shared cache: Django's file cache, culled every so often rather than on every write."""

from catalogue.filecache import FileCache


def cache_files(folder):
    return [path for path in folder.iterdir() if path.suffix == ".djcache"]


def test_the_folder_stays_bounded_and_is_not_listed_on_every_write(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    listings = []
    original = FileCache._list_cache_files
    monkeypatch.setattr(FileCache, "_list_cache_files", lambda self: listings.append(1) or original(self))

    for number in range(1_000):
        cache.set(f"key-{number}", number)

    assert len(listings) == 1_000 // FileCache.CULL_EVERY
    assert len(cache_files(tmp_path)) <= 50 + FileCache.CULL_EVERY
    assert cache.get("key-999") == 999
