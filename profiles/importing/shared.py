"""The rows every story shares (cities, disciplines), cached for the length of a run."""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .. import search as fulltext
from ..models import City, Discipline, unique_slugs


@dataclass(frozen=True)
class CityRef:
    """What the importer needs of a city: its id for links and its slug for URLs."""

    id: int
    slug: str


class SharedRows:
    def __init__(self):
        self._cities = None
        self._cities_created = []
        self._disciplines = None

    @contextmanager
    def atomic(self):
        """A transaction; cities created in it are forgotten if it rolls back (they no longer exist)."""
        self._cities_created = []
        try:
            with transaction.atomic():
                yield
        except BaseException:
            for key in self._cities_created:
                self._cities.pop(key, None)
            raise

    def city(self, place):
        """The shared City for a ``PlaceRef`` (as a CityRef), created on first sight; None without a country."""
        if place is None or not place.country:
            return None
        key = _key(place)
        ref = self._known_cities().get(key)
        if ref is None:
            ref = self._save_city(key, place)
        return ref

    def register_cities(self, records):
        """Create the records' cities from their full entries (coordinates, GeoNames id) before any short reference.

        A birth city or an exhibition's city is only {"name", "country"}: were it
        seen first, the City row would miss its coordinates. The cities new to
        the catalogue are written with one INSERT (and their gazetteer names with
        another); a city a concurrent import took meanwhile is looked up again.
        """
        known = self._known_cities()
        missing = {}
        for record in records:
            for place in record.cities:
                if place is not None and place.country and _key(place) not in known:
                    missing.setdefault(_key(place), place)
        if not missing:
            return
        # In key order: two imports creating the same new cities then take their locks in the same order, which
        # cannot deadlock (in the order of the stories, two PostgreSQL workers did, now and then).
        missing = dict(sorted(missing.items()))
        cities = [_new_city(key, place) for key, place in missing.items()]
        for city, slug in zip(cities, unique_slugs(City, [c.slug_text() for c in cities], max_length=80), strict=True):
            city.slug = slug
        City.objects.bulk_create(cities, ignore_conflicts=True)
        found = City.objects.named(missing)
        created = [city for city in found.values() if city.slug in {new.slug for new in cities}]
        fulltext.add_gazetteer_names(created)
        for key, place in missing.items():
            city = found.get(key)
            if city is None:  # its slug was taken meanwhile: one at a time
                self._save_city(key, place)
            else:
                known[key] = CityRef(city.pk, city.slug)
                self._cities_created.append(key)

    def _known_cities(self):
        if self._cities is None:
            self._cities = {
                (name, country): CityRef(pk, slug)
                for name, country, pk, slug in City.objects.values_list("name", "country_code", "pk", "slug")
            }
        return self._cities

    def _save_city(self, key, place):
        city = _new_city(key, place)
        city.skip_history_when_saving = True
        try:
            with transaction.atomic():
                city.save()
        except IntegrityError:  # created by a concurrent import since the cache was filled
            city = City.objects.get(name=key[0], country_code=key[1])
        ref = self._known_cities()[key] = CityRef(city.pk, city.slug)
        self._cities_created.append(key)
        return ref

    def city_ids(self, city_records):
        return [ref.id for ref in map(self.city, city_records) if ref is not None]

    def discipline_ids(self, names):
        if self._disciplines is None:
            self._disciplines = dict(Discipline.objects.values_list("name", "pk"))
        return [self._disciplines[name] for name in names if name in self._disciplines]


def _key(place):
    return (place.name[:200], place.country.upper()[:2])


def _new_city(key, place):
    return City(
        name=key[0],
        country_code=key[1],
        country_name=(place.country_name or "")[:100],
        latitude=place.latitude,
        longitude=place.longitude,
        geonames_id=place.geonames_id,
    )
