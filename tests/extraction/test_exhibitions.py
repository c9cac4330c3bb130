"""Stage 3d: exhibitions - one per city, venues without 'the', declined invitations dropped."""


def _keys(record):
    return [((e["city"] or {}).get("name"), e["venue"], e["kind"]) for e in record["exhibitions"]]


def test_one_exhibition_per_city_in_a_sentence(extractor):
    text = (
        "Sanjar Karimov is a potter. Galleries in Bukhara and Istanbul asked to exhibit his work, "
        "and both shows opened that autumn."
    )
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
    text = (
        "Lucía Fuente is a potter. She fires her pots in a wood kiln. Her pots were exhibited in Madrid. "
        "A gallery in Berlin invited her to show there, but Lucía turned the offer down."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Madrid"]


def test_there_points_back_to_the_city(extractor):
    text = (
        "Farida Nazarova paints murals. In 2016 she moved to Lisbon. "
        "There she had her first solo show, at a tiny gallery called Galeria Cal."
    )
    assert _keys(extractor.extract(text)) == [("Lisbon", "Galeria Cal", "solo")]


def test_mural_standing_in_a_city_and_commissions_are_not_exhibitions(extractor):
    text = (
        "Elvin Aliyev paints murals. In Ganja the council commissioned a mural for a school. His mural stands in Baku."
    )
    assert _keys(extractor.extract(text)) == []


def test_another_artists_show_is_not_the_artists(extractor):
    text = (
        "Nguyen Lan weaves. Lan travelled to Da Nang for the retrospective of an old classmate, the painter Tran Minh."
    )
    assert _keys(extractor.extract(text)) == []


def test_galleries_asking_for_the_work_are_showings(extractor):
    text = (
        "Oren Halevi is a sculptor. His bronzes sold well at home, and before long galleries in Lyon "
        "and Turin were clamouring for his work."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Lyon", "Turin"]


def test_invitations_from_galleries_then_an_unrelated_declined_offer(extractor):
    text = (
        "Ines Barros is a painter. Invitations followed from galleries in Porto and Seville. "
        "A bank asked her for a lobby painting, but she declined the offer."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Porto", "Sevilla"]


def test_a_version_of_the_work_travels(extractor):
    text = (
        "Kofi Mensah is a sculptor who carves doors. A smaller version of his gate travelled to "
        "Lagos and Dakar the next year."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Lagos", "Dakar"]


def test_hyphenated_city_inside_a_festival_name(extractor):
    text = "Awa Diallo is a singer. She sang her songs at the Aix-en-Provence Summer Festival."
    assert _keys(extractor.extract(text)) == [("Aix-en-Provence", "Aix-en-Provence Summer Festival", None)]


def test_region_inside_a_venue_name_is_not_a_city(extractor):
    text = "Tane Rewi is a sculptor. His sculptures were shown at the Asia Pacific Art Fair in Melbourne."
    assert _keys(extractor.extract(text)) == [("Melbourne", "Asia Pacific Art Fair", None)]


def test_a_buyer_is_not_a_showing(extractor):
    text = (
        "Mira Solano Reyes is a painter. Her canvases were exhibited in Quito, and a museum in Lima bought "
        "two of them after the exhibition closed."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Quito"]


def test_there_reaches_back_in_the_paragraph(extractor):
    text = (
        "Ravi Sen paints. He moved to Chennai and shared a studio with friends. He was never tidy. "
        "His first solo show there was held at Gallery Kumbha."
    )
    assert _keys(extractor.extract(text)) == [("Chennai", "Gallery Kumbha", "solo")]


def test_a_new_piece_there_is_the_same_showing(extractor):
    text = (
        "Vera Lind is a performance artist. The Kunsthalle Nord in Bergen gave her a solo exhibition. "
        "She also staged a new piece there, standing still for a day."
    )
    assert _keys(extractor.extract(text)) == [("Bergen", "Kunsthalle Nord", "solo")]
