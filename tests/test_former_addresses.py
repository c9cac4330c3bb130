"""Merges leave a trail (issue 15, item 4): the merged record's address answers 301, its name stays."""

import pytest

from profiles.addresses import FormerAddress, aliases
from profiles.merge import merge_records
from profiles.models import Artist
from tests.helpers import make_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def almaty():
    return make_city("Almaty", "KZ", "Kazakhstan", 43.25, 76.95)


def test_a_merged_city_answers_301_to_the_city_kept_and_keeps_its_name(client, almaty):
    alma_ata = make_city("Alma-Ata", "KZ", "Kazakhstan", 43.25, 76.95)
    old_url = alma_ata.get_absolute_url()
    assert old_url == "/cities/alma-ata-kz/"

    merge_records(almaty, [alma_ata])

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == almaty.get_absolute_url()
    assert aliases(almaty) == ["Alma-Ata"]
    page = client.get(almaty.get_absolute_url()).content.decode()
    assert "Also known as" in page
    assert "Alma-Ata" in page


def test_a_chain_of_merges_redirects_in_one_step(client, almaty):
    first = make_city("Alma-Ata", "KZ")
    second = make_city("Vernyi", "KZ")
    merge_records(second, [first])
    merge_records(almaty, [second])

    for old in ("/cities/alma-ata-kz/", "/cities/vernyi-kz/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == almaty.get_absolute_url()
    assert sorted(aliases(almaty)) == ["Alma-Ata", "Vernyi"]


def test_a_merged_artist_redirects_too(client):
    keep = Artist.objects.create(name="Aigerim Bekova")
    duplicate = Artist.objects.create(name="Aigerim Bekova (2)")
    old_url = duplicate.get_absolute_url()
    merge_records(keep, [duplicate])
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()


def test_an_address_no_record_ever_had_is_still_404(client, almaty):
    assert client.get("/cities/atlantis-xx/").status_code == 404
    assert not FormerAddress.objects.exists()
