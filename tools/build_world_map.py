"""Build profiles/data/world-110m.json, the country outlines the server-side maps draw.

Run once by a developer after `npm ci` (package.json pins npm's `world-atlas`), and commit the output:

    .venv/bin/python tools/build_world_map.py            # reads node_modules/world-atlas/countries-110m.json
    .venv/bin/python tools/build_world_map.py --check    # exits 1 if the committed asset is out of date

The input is Natural Earth's Admin 0 countries at 1:110m (public domain) as TopoJSON: shared arcs, each a list
of delta-encoded integer positions with one affine `transform` back to longitude/latitude. This script decodes
the arcs, simplifies each shared arc once in projected units (Douglas-Peucker, so neighbours keep one common
border), cuts the three rings that cross the antimeridian (Fiji, Chukotka, Wrangel Island) into their two sides
and closes Antarctica along the South Pole, projects with the Natural Earth projection (profiles.maps.project,
the same function the pages use for their dots), rounds to whole map units (one unit is about 0.1 degree at
the equator) and writes one SVG path per country: an absolute move to each ring's first point, then relative
integer steps. A ring that shrinks below three distinct points at that precision is dropped.

The output is deterministic: the same input gives byte-identical JSON.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from profiles.maps import ASSET_PATH, WORLD_HEIGHT, WORLD_WIDTH, project  # noqa: E402

SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
PACKAGE = ROOT / "node_modules" / "world-atlas" / "package.json"
TOLERANCE = 1.0  # map units (about 0.1 degree at the equator): the world map is 3,600 units wide


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude): undo the delta encoding, then the quantization transform."""
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker on a list of (x, y); the end points are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        worst, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                distance2 = (px - x1) ** 2 + (py - y1) ** 2
            else:
                t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
                distance2 = (px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2
            if distance2 > worst:
                worst, index = distance2, i
        if index is not None and worst > tolerance * tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring, arcs):
    """Stitch a ring from arc indexes (~i is arc i reversed), dropping each arc's first point after the first arc."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points):
    """'M x y l dx dy ... z' in whole units, or '' when the ring collapses below three distinct points."""
    rounded = []
    for x, y in points:
        point = (round(x), round(y))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(set(rounded)) < 3:
        return ""
    numbers = []
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:], strict=False):
        numbers += [x1 - x0, y1 - y0]
    return f"M{rounded[0][0]} {rounded[0][1]}l{compact(numbers)}z"


def compact(numbers):
    """Integers as an SVG number list: a space only where the next number does not start with '-'."""
    text = ""
    for number in numbers:
        text += f"{number}" if (not text or number < 0) else f" {number}"
    return text


def simplify_arc(arc, tolerance):
    """Douglas-Peucker on the projected arc, keeping the points on both sides of an antimeridian jump."""
    kept, start = [], 0
    for i in range(1, len(arc) + 1):
        if i == len(arc) or abs(arc[i][0] - arc[i - 1][0]) > 180:
            piece = arc[start:i]
            projected = {project(lat, lon): (lon, lat) for lon, lat in piece}
            kept += [projected[point] for point in simplify(list(projected), tolerance)]
            start = i
    return kept


def clip(ring, west, east):
    """Sutherland-Hodgman: the part of a (longitude, latitude) ring between two meridians."""
    for inside, edge in ((lambda p: p[0] <= east, east), (lambda p: p[0] >= west, west)):
        result = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current) != inside(previous):
                t = (edge - previous[0]) / (current[0] - previous[0])
                result.append((edge, previous[1] + t * (current[1] - previous[1])))
            if inside(current):
                result.append(current)
        ring = result
        if not ring:
            break
    return ring


def split_at_antimeridian(ring):
    """A ring as rings inside -180..180: one crossing the antimeridian is unwrapped, then cut into its two sides.

    A ring that goes round a pole (Antarctica) is closed along that pole first.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    drift = unwrapped[-1][0] - unwrapped[0][0]
    if abs(drift) > 180:  # around a pole
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    pieces = []
    for shift in (-360, 0, 360):
        piece = clip([(lon + shift, lat) for lon, lat in unwrapped], -180, 180)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def build(topology, version):
    arcs = [simplify_arc(arc, TOLERANCE) for arc in decode_arcs(topology)]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        paths, xs, ys = [], [], []
        for polygon in polygons:
            for ring in polygon:
                for piece in split_at_antimeridian(ring_points(ring, arcs)):
                    points = [project(lat, lon) for lon, lat in piece]
                    path = ring_path(points)
                    if path:
                        paths.append(path)
                        xs += [x for x, _ in points]
                        ys += [y for _, y in points]
        if not paths:
            continue
        countries.append(
            {
                "id": geometry.get("id"),
                "name": geometry["properties"]["name"],
                "bbox": [round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))],
                "d": "".join(paths),
            }
        )
    countries.sort(key=lambda country: (country["id"] or "~", country["name"]))
    return {
        "source": f"world-atlas {version}, countries-110m.json: Natural Earth 4.1.0 Admin 0 countries, 1:110m",
        "licence": "Natural Earth data is in the public domain; world-atlas is ISC-licensed (Mike Bostock)",
        "built_by": "tools/build_world_map.py",
        "projection": "Natural Earth (d3.geoNaturalEarth1), see profiles.maps.project",
        "tolerance": TOLERANCE,
        "width": WORLD_WIDTH,
        "height": WORLD_HEIGHT,
        "countries": countries,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed asset differs from a rebuild")
    args = parser.parse_args(argv)
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: run `npm ci` first")
    version = json.loads(PACKAGE.read_text())["version"]
    asset = build(json.loads(SOURCE.read_text()), version)
    text = json.dumps(asset, separators=(",", ":"), ensure_ascii=False) + "\n"
    if args.check:
        if not ASSET_PATH.exists() or ASSET_PATH.read_text() != text:
            sys.exit(f"{ASSET_PATH} is out of date: run tools/build_world_map.py")
        print(f"{ASSET_PATH} is up to date")
        return
    ASSET_PATH.parent.mkdir(parents=True, exist_ok=True)
    ASSET_PATH.write_text(text)
    print(f"wrote {ASSET_PATH.relative_to(ROOT)}: {len(asset['countries'])} countries, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
