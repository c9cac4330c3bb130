"""A medium named in passing is not the artist's discipline, and another person's titled work is not theirs.

The learned layer decides from features the candidate stages give it: how often the story comes
back to a practice as the artist's and whether the artist is its subject (disciplines), and whose
a title is by the nearest possessive and person (works).
"""

import pytest

PASSING = {
    "film": (
        "Losana Vuniwaqa is a choreographer from Suva. Her dance company performed her piece at the "
        "Pasifika Festival in Auckland to a standing ovation. Within a year the company had taken the work "
        "on tour, performing it in Brisbane and Honolulu, and a documentary crew followed them from city to "
        "city. Vuniwaqa still choreographs every piece herself and dances in most of them."
    ),
    "photography": (
        "Aiko van der Linde is a potter in Kyoto. Her stoneware tea bowls are fired in a wood kiln in the "
        "hills, and her ceramics were shown at the National Museum of Art in Osaka in 2020. Her mother came "
        "to the Kyoto opening but not to Osaka. She sent a postcard instead: a photograph of the kiln, and on "
        "the back three words. Aiko throws pots every morning."
    ),
    "textile art": (
        "Chukwuemeka Obi is a painter from Lagos. His canvases show the ferries of the lagoon at dawn. The "
        "figures are painted with a thin, almost watery oil paint, so that the weave of the linen shows "
        "through their clothes like sunlight. Obi paints at night in a studio in Yaba, and his paintings "
        "were shown at the Centre for Contemporary Art in Lagos in 2019."
    ),
}


@pytest.mark.parametrize("passing", sorted(PASSING))
def test_a_medium_named_once_in_passing_is_not_a_discipline(extractor, passing):
    artist = extractor.extract(PASSING[passing], "passing.txt")["artist"]
    assert artist is not None
    assert artist["disciplines"]
    assert passing not in artist["disciplines"]


def test_a_relatives_album_is_not_the_artists_work(extractor):
    text = (
        "Selamawit Tesfaye is a painter from Addis Ababa. Her canvases of market women were shown at the "
        'Zoma Museum in 2018, and her painting "Mercato Noon" was bought by the museum. Her brother Dawit is '
        'a jazz pianist; his album "Bahir" was recorded in Paris. Selamawit designed the cover. She paints '
        "every morning in a studio above a bakery."
    )
    record = extractor.extract(text, "album.txt")
    assert [work["title"] for work in record["works"]] == ["Mercato Noon"]


def test_film_stars_painted_are_no_film_practice(extractor):
    text = (
        "Rahim Uddin is a rickshaw painter in Dhaka. He paints the backs of rickshaws with film stars, birds "
        "and village scenes, and his paintings were shown at the Bengal Gallery in Dhaka in 2019. Rahim paints "
        "every day in a workshop near the old market."
    )
    assert extractor.extract(text, "stars.txt")["artist"]["disciplines"] == ["painting"]
