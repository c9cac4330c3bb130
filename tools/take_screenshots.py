"""Take the README's screenshots of the pages again: search results, the three maps, the phone layout, a shared show.

    .venv/bin/python tools/take_screenshots.py [--output docs/screenshots]

Builds a throwaway catalogue (SQLite in a temporary folder, migrated, filled by
``tests.helpers.build_catalogue`` like the browser tests, plus a city merged
into another), serves it on loopback with Django's own WSGI server in a thread,
and photographs each page with Playwright driving Debian's Chromium (the same
browser as tests/browser/), at 1280 px for the desktop pages and 390 px for the
phone ones. The PNGs overwrite those in the output folder; commit them.
"""

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CATALOGUE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shots(catalogue):
    """(file name, path, viewport, element to scroll to or None): what the README shows."""
    artist = catalogue["profiles"][0]["artist"]
    city = catalogue["cities"][0]
    return [
        ("artist-page.png", artist.get_absolute_url(), DESKTOP, None),  # with the journey's map
        ("search-results.png", "/search/?q=Almatty", DESKTOP, None),
        ("search-other-name.png", "/search/?q=Vernyi", DESKTOP, None),
        ("cities-map.png", "/cities/", DESKTOP, "svg.map--catalogue"),
        ("city-map.png", city.get_absolute_url(), DESKTOP, "svg.map--city"),
        ("artists-facets.png", "/artists/?discipline=painting&discipline=music", DESKTOP, None),
        ("phone-artists.png", "/artists/?country=KZ", PHONE, None),
        ("phone-search.png", "/search/?q=painter", PHONE, None),
        ("phone-artist.png", artist.get_absolute_url(), PHONE, None),
        ("shared-exhibition.png", catalogue["shared_show"].get_absolute_url(), DESKTOP, None),
    ]


def build():
    from django.core.management import call_command

    from profiles.merge import merge_records
    from profiles.models import City
    from tests.helpers import build_catalogue, make_city, make_profile

    call_command("migrate", verbosity=0)
    catalogue = build_catalogue(30)
    vernyi = make_city("Vernyi", "KZ", "Kazakhstan", 43.25, 76.95)
    make_profile("Nurlan Abenov", birth_city=vernyi, other_city=catalogue["cities"][1], work_title="Dombra Nights")
    almaty = City.objects.get(slug="almaty-kz")
    merge_records(almaty, [vernyi])
    catalogue["shared_show"] = shared_show()
    return catalogue


def shared_show():
    """A show two artists' stories tell of, imported as the importer imports records."""
    from tests.browser.test_shared_exhibition import import_story

    import_story("aigerim.txt", "Aigerim Bekova", "She showed at the Kasteev State Museum of Arts in 2019.")
    import_story("dawit.txt", "Dawit Sorensen", "In 2019 the Kasteev State Museum of Arts showed his prints.")
    from profiles.models import Exhibition

    return Exhibition.objects.get(venue_record__name="Kasteev State Museum of Arts", artists__name="Dawit Sorensen")


def serve():
    """The catalogue on a free loopback port, static files included; returns its address."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="catalogue.settings",
            DJANGO_DEBUG="1",
            DATABASE_URL=f"sqlite:///{Path(folder) / 'screenshots.sqlite3'}",
            CATALOGUE_CACHE_DIR=str(Path(folder) / "cache"),
            DJANGO_ALLOW_ASYNC_UNSAFE="true",
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        catalogue = build()
        address = serve()
        args.output.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path, viewport, element in shots(catalogue):
                phone = viewport is PHONE
                context = browser.new_context(
                    viewport=viewport, device_scale_factor=2 if phone else 1, is_mobile=phone, has_touch=phone
                )
                page = context.new_page()
                response = page.goto(address + path)
                if response is None or response.status != 200:
                    sys.exit(f"{path} answered {response and response.status}")
                if element:
                    page.locator(element).scroll_into_view_if_needed()
                page.screenshot(path=str(args.output / name))
                print(f"{args.output / name}  {path}")
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
