"""Stage 2: people, cities, venues and titles found in the text."""


def _cities(result):
    return [(m.text, m.city.name, m.city.country) for m in result.mentions.cities]


def test_name_with_particles_is_one_person(analyse):
    result = analyse("Lucía de la Fuente met Pieter van der Berg in Lisbon. Lucía laughed.")
    assert {m.text for m in result.mentions.persons} == {"Lucía de la Fuente", "Pieter van der Berg"}


def test_hyphen_particle_names(analyse):
    result = analyse("Yusuf al-Haddad was raised in Amman. Later Yusuf al-Haddad moved to Beirut.")
    assert "Yusuf al-Haddad" in {m.text for m in result.mentions.persons}


def test_city_needs_place_evidence(analyse):
    result = analyse("Nice work, said Mary Okafor. She had lived in Nice and visited Mary, Turkmenistan.")
    assert ("Nice", "Nice", "FR") in _cities(result)
    assert [c for c in _cities(result) if c[0] == "Nice"] == [("Nice", "Nice", "FR")]
    assert ("Mary", "Mary", "TM") in _cities(result)


def test_person_names_are_not_cities(analyse):
    result = analyse("Her teacher Sofia Petrova taught her. Later she wrote to Sofia every week.")
    assert _cities(result) == []


def test_streets_lakes_and_regions_are_not_cities(analyse):
    text = (
        "She lived on Colon Street, swam in Lake Victoria, walked the Fergana Valley "
        "and toured Central Asia before settling in Tashkent."
    )
    assert [c[1] for c in _cities(analyse(text))] == ["Tashkent"]


def test_country_after_city_disambiguates(analyse):
    result = analyse("Ana Ruiz paints in Valencia, Spain, and in Granada.")
    assert ("Valencia", "Valencia", "ES") in _cities(result)


def test_list_of_cities_after_one_preposition(analyse):
    result = analyse("His prints were exhibited in Jakarta, Singapore and Amsterdam.")
    assert [c[1] for c in _cities(result)] == ["Jakarta", "Singapore", "Amsterdam"]


def test_seoul_based(analyse):
    assert _cities(analyse("The Seoul-based artist Min Park paints."))[0][1] == "Seoul"


def test_neighbourhood_named_like_a_city_is_not_one(analyse):
    result = analyse("She grew up in Jamestown, the old fishing quarter of Accra.")
    assert [c[1] for c in _cities(result)] == ["Accra"]


def test_venues(analyse):
    text = (
        "In 2019 the Kasteev State Museum of Arts in Almaty gave her a show, "
        "and later the Suma Flamenca festival and Dream City, the arts festival, invited her."
    )
    venues = {m.text for m in analyse(text).mentions.venues}
    assert {"Kasteev State Museum of Arts", "Suma Flamenca", "Dream City"} <= venues


def test_titles_are_not_speech_or_mottos(analyse):
    text = (
        'Her album "Rust Orchestra" sold well. "Every object wants to sing," she says. '
        'Her motto, "Break It Gently", hangs above the door. A critic called it "a beautiful accident".'
    )
    assert [t.text for t in analyse(text).mentions.titles] == ["Rust Orchestra"]


def test_a_place_word_opening_a_name_after_the_is_no_descriptor(analyse):
    """'the Yorkshire Sculpture Park', 'the Iranian Artists Forum': after "the", the leading place word
    is the name's own, not a descriptor before a person's name ("Kenyan Wanjiru ...")."""
    text = (
        "Tendai Moyo is a sculptor. His stones were shown at the Yorkshire Sculpture Park, "
        "and at the Iranian Artists Forum in Tehran."
    )
    chunks = {m.text for m in analyse(text).mentions.chunks}
    assert {"Yorkshire Sculpture Park", "Iranian Artists Forum"} <= chunks
    assert "Sculpture Park" not in chunks


def test_a_plural_possessive_opens_a_venues_name(analyse):
    """'Writers' Festival', 'Goldsmiths' Hall', 'Children's Book Fair': a plural's possessive before a
    venue, or one venue word, is inside the venue's name (a city's is not: "Dublin's Kerlin Gallery")."""
    text = (
        "Amara Obi is a writer and illustrator. She read at the Sydney Writers' Festival in 2019, "
        "showed her silver at Goldsmiths' Hall in London and her drawings at the Bologna Children's Book "
        "Fair, and in 2021 Dublin's Kerlin Gallery gave her a show."
    )
    venues = {m.text for m in analyse(text).mentions.venues}
    assert {"Sydney Writers' Festival", "Goldsmiths' Hall", "Bologna Children's Book Fair", "Kerlin Gallery"} <= venues


def test_au_joins_a_venues_name_to_a_venue_word(analyse):
    text = "Ali Farka is a musician. In 2003 he played at the Festival au Désert near Timbuktu."
    assert "Festival au Désert" in {m.text for m in analyse(text).mentions.venues}


def test_for_the_before_a_venue_ends_a_name_without_a_venue_word(analyse):
    """'went to Brisbane for the Asia Pacific Triennial': "for" between a name with no venue word and a
    venue's name ends the first; "Australian Centre for the Moving Image" keeps its whole name."""
    text = (
        "Ana Lima is a painter. In 2019 she went to Brisbane for the Asia Pacific Triennial, and her mural "
        "went up on the State Library for the Perth Festival and at the Australian Centre for the Moving Image."
    )
    chunks = {m.text for m in analyse(text).mentions.chunks}
    assert {"Asia Pacific Triennial", "Perth Festival", "Australian Centre for the Moving Image"} <= chunks
    assert not any(text.endswith("Triennial") and text != "Asia Pacific Triennial" for text in chunks)
