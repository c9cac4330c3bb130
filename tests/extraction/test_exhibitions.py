"""Stage 3d: exhibitions - one per city, venues without 'the', declined invitations dropped."""


def _keys(record):
    return [((e["city"] or {}).get("name"), e["venue"], e["kind"]) for e in record["exhibitions"]]


def test_one_exhibition_per_city_in_a_sentence(extractor):
    text = ("Sanjar Karimov is a potter. Galleries in Bukhara and Istanbul asked to exhibit his work, "
            "and both shows opened that autumn.")
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Bukhara", "Istanbul"]


def test_venue_city_and_kind(extractor):
    text = "Dilfuza Nur paints. In 2018 the Savitsky Museum in Nukus gave Dilfuza Nur her first solo exhibition."
    record = extractor.extract(text)
    assert _keys(record) == [("Nukus", "Savitsky Museum", "solo")]
    assert record["exhibitions"][0]["year"] == 2018


def test_city_inside_an_event_name(extractor):
    text = "Anahit Grigoryan is a sculptor. Anahit Grigoryan represented Armenia at the Venice Biennale."
    assert _keys(extractor.extract(text)) == [("Venice", "Venice Biennale", None)]


def test_declined_invitation_is_not_an_exhibition(extractor):
    text = ("Lucía Fuente is a potter. She fires her pots in a wood kiln. Her pots were exhibited in Madrid. "
            "A gallery in Berlin invited her to show there, but Lucía turned the offer down.")
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Madrid"]


def test_there_points_back_to_the_city(extractor):
    text = ("Farida Nazarova paints murals. In 2016 she moved to Lisbon. "
            "There she had her first solo show, at a tiny gallery called Galeria Cal.")
    assert _keys(extractor.extract(text)) == [("Lisbon", "Galeria Cal", "solo")]


def test_mural_standing_in_a_city_and_commissions_are_not_exhibitions(extractor):
    text = ("Elvin Aliyev paints murals. In Ganja the council commissioned a mural for a school. "
            "His mural stands in Baku.")
    assert _keys(extractor.extract(text)) == []


def test_another_artists_show_is_not_the_artists(extractor):
    text = ("Nguyen Lan weaves. Lan travelled to Da Nang for the retrospective of an old classmate, "
            "the painter Tran Minh.")
    assert _keys(extractor.extract(text)) == []
