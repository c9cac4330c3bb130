"""Score the extraction on a corpus of your own.

    manage.py scorestories GOLD_DIR PATH [PATH ...] [--json] [--misses] [--registers CSV]

Runs the extraction that ``loadstories --dry-run`` runs over PATH (story files,
folders or JSON Lines, as loadstories reads them) and scores the records
against gold records in GOLD_DIR (one ``NAME.txt.json`` per story, in the
story-record form), field by field, as the schema's scorer does. Writes
nothing to the database. ``--misses`` lists, story by story, what differed.
``--registers CSV`` (``file,register`` rows, as each labelled set's
``registers.csv``) adds one line per register: how a set's first-seen score is
recorded, so that a set written in many registers says which of them it missed.
"""

import csv
import json
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles.extraction import scoring
from profiles.extraction.reader import PathError, StoryError, check_paths, read_stories


class Command(BaseCommand):
    help = "Score the extraction on stories against a folder of gold story records."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("gold_dir", metavar="GOLD_DIR")
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="Print the scores as one JSON object.")
        parser.add_argument("--misses", action="store_true", help="List what differed, story by story.")
        parser.add_argument("--min-macro-f1", type=float, default=None, help="Exit with status 1 below this macro F1.")
        parser.add_argument(
            "--registers",
            metavar="CSV",
            default=None,
            help="A file,register CSV: also score each register on its own, one line each.",
        )

    def handle(self, *args, gold_dir, paths, misses, min_macro_f1, registers, **options):
        gold_path = Path(gold_dir)
        if not gold_path.is_dir() or not any(gold_path.glob("*.json")):
            raise CommandError(f"{gold_dir}: not a folder of gold records (*.json)")
        register_of = read_registers(registers) if registers is not None else {}
        try:
            check_paths(paths)
        except PathError as error:
            raise CommandError(str(error)) from error

        from profiles.extraction import StoryExtractor

        extractor = StoryExtractor()
        stories = []
        for item in read_stories(paths):
            if isinstance(item, StoryError):
                self.stderr.write(f"error: {item}")
            else:
                stories.append(item)
        records = list(extractor.pipe((story.source, story.text) for story in stories))
        result = scoring.score(gold_path, records)

        if misses:
            gold = scoring.load_gold(gold_path)
            for record in records:
                expected = gold.get(Path(record["source"]).name)
                if expected is not None:
                    for line in differences(expected, record):
                        self.stdout.write(f"{record['source']}: {line}")
        by_register = score_by_register(gold_path, records, register_of) if registers is not None else {}
        if options["json"]:
            if registers is not None:
                result = {**result, "registers": by_register}
            self.stdout.write(json.dumps(result, indent=2))
        else:
            for line in scoring.format_scores(result):
                self.stdout.write(line)
            if by_register:
                self.stdout.write(scoring.format_row("all", result))
                for register, scores in by_register.items():
                    self.stdout.write(scoring.format_row(register, scores))
        if min_macro_f1 is not None and result["macro_f1"] < min_macro_f1:
            self.stderr.write(f"macro F1 {result['macro_f1']:.3f} is below {min_macro_f1:.3f}")
            raise SystemExit(1)


def read_registers(path) -> dict[str, str]:
    """Story file name → register, from a ``file,register`` CSV."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    if rows and not {"file", "register"} <= set(rows[0]):
        raise CommandError(f"{path}: needs the columns file and register")
    return {row["file"]: row["register"] or "(none)" for row in rows}


def score_by_register(gold_path: Path, records: list[dict], register_of: dict[str, str]) -> dict[str, dict]:
    """Each register's scores on its own stories, largest register first; unlisted stories are "(none)"."""
    gold = scoring.load_gold(gold_path)
    groups: dict[str, list[str]] = defaultdict(list)
    for source in gold:
        groups[register_of.get(source, "(none)")].append(source)
    by_source = {Path(str(record.get("source", ""))).name: record for record in records}
    result = {}
    for register, sources in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        wanted = set(sources)
        result[register] = scoring.score_records(
            {source: gold[source] for source in sources},
            [record for name, record in by_source.items() if name in wanted],
        )
    return result


def differences(gold, predicted):
    """Human-readable differences between a gold and a predicted record."""
    lines = []
    gold_artist, predicted_artist = gold.get("artist") or {}, predicted.get("artist") or {}
    if bool(gold.get("artist")) != bool(predicted.get("artist")):
        lines.append(f"artist: expected {_short(gold.get('artist'))}, got {_short(predicted.get('artist'))}")
    for field in ("name", "pronoun", "age"):
        if gold_artist.get(field) != predicted_artist.get(field) and (gold_artist or predicted_artist):
            lines.append(f"artist.{field}: expected {gold_artist.get(field)!r}, got {predicted_artist.get(field)!r}")
    if scoring.city_key(gold_artist.get("birth_city")) != scoring.city_key(predicted_artist.get("birth_city")):
        lines.append(
            f"artist.birth_city: expected {_city(gold_artist.get('birth_city'))}, "
            f"got {_city(predicted_artist.get('birth_city'))}"
        )
    lines += _set_difference(
        "artist.disciplines",
        set(gold_artist.get("disciplines") or []),
        set(predicted_artist.get("disciplines") or []),
    )
    lines += _set_difference(
        "cities",
        {_city(city) for city in gold.get("cities") or []},
        {_city(city) for city in predicted.get("cities") or []},
    )
    lines += _set_difference("exhibitions", set(scoring.exhibition_keys(gold)), set(scoring.exhibition_keys(predicted)))
    lines += _set_difference(
        "works",
        {scoring.title_key(work.get("title")) for work in gold.get("works") or []},
        {scoring.title_key(work.get("title")) for work in predicted.get("works") or []},
    )
    return lines


def _set_difference(field, expected, got):
    lines = []
    if expected - got:
        lines.append(f"{field}: missed {sorted(map(str, expected - got))}")
    if got - expected:
        lines.append(f"{field}: extra {sorted(map(str, got - expected))}")
    return lines


def _city(city):
    return f"{city['name']} ({city.get('country')})" if city else "none"


def _short(artist):
    return repr(artist.get("name")) if isinstance(artist, dict) else "none"
