"""The rows every story shares (cities, disciplines), cached for the length of a run."""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from ..models import City, Discipline


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
        if self._cities is None:
            self._cities = {
                (name, country): CityRef(pk, slug)
                for name, country, pk, slug in City.objects.values_list("name", "country_code", "pk", "slug")
            }
        key = (place.name[:200], place.country.upper()[:2])
        ref = self._cities.get(key)
        if ref is None:
            city = City(
                name=key[0],
                country_code=key[1],
                country_name=(place.country_name or "")[:100],
                latitude=place.latitude,
                longitude=place.longitude,
                geonames_id=place.geonames_id,
            )
            city.skip_history_when_saving = True
            try:
                with transaction.atomic():
                    city.save()
            except IntegrityError:  # created by a concurrent import since the cache was filled
                city = City.objects.get(name=key[0], country_code=key[1])
            ref = self._cities[key] = CityRef(city.pk, city.slug)
            self._cities_created.append(key)
        return ref

    def register_cities(self, record):
        """Create the record's cities from its full entries (coordinates, GeoNames id) before any short reference.

        A birth city or an exhibition's city is only {"name", "country"}: were it
        seen first, the City row would miss its coordinates.
        """
        for place in record.cities:
            self.city(place)

    def city_ids(self, city_records):
        return [ref.id for ref in map(self.city, city_records) if ref is not None]

    def discipline_ids(self, names):
        if self._disciplines is None:
            self._disciplines = dict(Discipline.objects.values_list("name", "pk"))
        return [self._disciplines[name] for name in names if name in self._disciplines]
