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


def test_venue_and_city_in_the_comma_lists_of_a_cv(extractor):
    text = (
        "Inés Arrieta Solano is a painter. Her solo exhibitions include Ocre Gallery, Porto (2014) "
        "and Sala Azul Gallery, Lima (2019)."
    )
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("Porto", "Ocre Gallery"), ("Lima", "Sala Azul Gallery")]


def test_city_before_the_venue_in_a_catalogue_entry(extractor):
    text = (
        'Tomás Ferrer Lluch was a painter.\nExhibited:\nValencia, Museo de Bellas Artes, "Luz", 1961 (solo exhibition).'
    )
    assert _keys(extractor.extract(text)) == [("Valencia", "Museo de Bellas Artes", "solo")]


def test_city_ending_a_venues_name_in_a_story_set_elsewhere(extractor):
    text = (
        "Adaeze Okonkwo-Bell is a painter from Enugu. Her triptych was shown in a group exhibition "
        "at the Kunsthaus Graz."
    )
    assert _keys(extractor.extract(text)) == [("Graz", "Kunsthaus Graz", "group")]


def test_the_city_after_a_venue_beats_a_town_in_its_name(extractor):
    text = "Celia Marchetti is a dancer. In 2015 she performed at the Lincoln Center Festival in New York."
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("New York City", "Lincoln Center Festival")]


def test_new_york_after_a_preposition_is_the_city_and_after_a_comma_the_state(extractor):
    text = "Jonah Whitcombe is a photographer. He was born in Albany, New York, and has shown his prints in New York."
    record = extractor.extract(text)
    assert [c["name"] for c in record["cities"]] == ["Albany", "New York City"]


def test_upcoming_and_present_tense_showings(extractor):
    text = (
        "Lindiwe Zulu-Moreira is a sculptor. The series travels to the Centro Cultural Recoleta in Buenos Aires "
        "next spring. This winter they perform it at the Harbour Arts Centre in Durban."
    )
    assert [k[:2] for k in _keys(extractor.extract(text))] == [
        ("Buenos Aires", "Centro Cultural Recoleta"),
        ("Durban", "Harbour Arts Centre"),
    ]


def test_and_inside_a_venue_name(extractor):
    text = "Rowan Tallis is a printmaker. Her prints were shown at the Tasmanian Museum and Art Gallery in Hobart."
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("Hobart", "Tasmanian Museum and Art Gallery")]


def test_a_country_or_a_common_word_inside_a_venue_name_is_no_town(extractor):
    text = (
        "Marisol Etcheverry dances tango. In 2019 she danced at the Festival Internacional de Tango, "
        "and her photographs of dancers hang in the National Gallery of Jamaica."
    )
    assert [k[0] for k in _keys(extractor.extract(text))] == [None, None]


def test_a_pavilion_of_a_biennale_is_the_biennale(extractor):
    text = "Kadri Saar is a sculptor. In 2022 she showed her work in the Estonian Pavilion of the Venice Biennale."
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("Venice", "Venice Biennale")]


def test_a_mural_on_postcards_is_no_showing(extractor):
    text = (
        "Efua Ansah paints murals. Her best-known mural covers the side of a hospital in Kumasi. "
        "It has been there since 2016 and appears on the postcards sold at the airport."
    )
    assert _keys(extractor.extract(text)) == []


def test_a_list_of_cities_that_repeats_its_preposition(extractor):
    text = "Kirra Walsh is a painter. Later exhibitions followed in Brisbane, in Perth and in Darwin."
    assert [k[0] for k in _keys(extractor.extract(text))] == ["Brisbane", "Perth", "Darwin"]


def test_a_venue_name_that_goes_on_in_lower_case(extractor):
    text = (
        "Émilie Gagnon-Roy is a painter. Her canvases were included in a group exhibition at the "
        "Musée national des beaux-arts du Québec, and one of them was bought for its collection."
    )
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("Québec", "Musée national des beaux-arts du Québec")]


def test_lowercase_words_after_a_venue_head_that_are_no_name(extractor):
    text = "Ana Ruiz Prado is a painter. Her show at the Museo was closed by Pedro Gomez in 2019."
    assert [k[1] for k in _keys(extractor.extract(text))] == ["Museo"]


def test_a_lone_venue_word_with_a_number_is_a_numbered_name(extractor):
    text = "Ama Serwaa Mensah is a painter. Her work was first shown at Gallery 1957 in Accra in 2017."
    assert [k[:2] for k in _keys(extractor.extract(text))] == [("Accra", "Gallery 1957")]


def test_a_showing_noun_before_at_makes_a_single_name_a_venue(extractor):
    text = "Deniz Karaağaç is a painter. In 2019 she had a solo exhibition at Arter, also in Istanbul."
    assert [k[1] for k in _keys(extractor.extract(text))] == ["Arter"]


def test_a_city_after_then_or_again_is_the_next_showing_not_the_venues(extractor):
    text = (
        "Zsófia Kertész is a weaver. Her tapestry was shown complete at the Hungarian National Gallery "
        "in 1991, and again in Szeged."
    )
    assert [k[:2] for k in _keys(extractor.extract(text))] == [(None, "Hungarian National Gallery"), ("Szeged", None)]


def test_scandinavian_art_halls_are_venues(extractor):
    text = "Liv Brekke is a sculptor. Kunsthall Stavanger gave Liv Brekke a solo exhibition in 2021."
    assert [k[1] for k in _keys(extractor.extract(text))] == ["Kunsthall Stavanger"]


def test_a_city_and_a_venue_with_and_between_are_two_showings(rules):
    text = (
        "Rafael Silva is a painter. His canvases have had more conventional showings: a group show in Luanda, "
        "and the Bienal de Cerveira in Portugal."
    )
    assert [k[:2] for k in _keys(rules.extract(text))] == [("Luanda", None), (None, "Bienal de Cerveira")]


def test_a_city_after_a_comma_that_opens_the_next_item_is_not_the_venues(rules):
    text = (
        "Bolormaa Tsend is a painter. She has exhibited at the Zanabazar Fine Arts Museum, "
        "at a group show of Mongolian art in Seoul, and at a gallery in Busan."
    )
    keys = [k[:2] for k in _keys(rules.extract(text))]
    assert (None, "Zanabazar Fine Arts Museum") in keys
    assert ("Seoul", None) in keys


def test_a_city_in_the_same_clause_before_the_venue_is_still_its_city(rules):
    text = "Nino Szabo is a playwright. The play travelled to Edinburgh, where it played at the Traverse Theatre."
    assert [k[:2] for k in _keys(rules.extract(text))] == [("Edinburgh", "Traverse Theatre")]


def test_a_record_toured_to_a_list_of_cities(rules):
    text = (
        "Inês Carvalho is a singer and guitarist. Her solo album Mar de Dentro came out in 2022; "
        "she toured it to Johannesburg, Lisbon and Luanda."
    )
    assert [k[0] for k in _keys(rules.extract(text))] == ["Johannesburg", "Lisbon", "Luanda"]


def test_a_tour_through_cities(rules):
    text = "Kenji Sato is a musician. Last year he toured through Tokyo, Seoul and Accra with his band."
    assert [k[0] for k in _keys(rules.extract(text))] == ["Tokyo", "Seoul", "Accra"]


def test_it_travelled_to_a_city(rules):
    text = (
        "Tupac Huarachi is a ceramicist. His series Apus was shown at the Centro Cultural Inca Garcilaso "
        "in Lima. It travelled to Quito a year later."
    )
    assert [k[0] for k in _keys(rules.extract(text))] == ["Lima", "Quito"]


def test_a_work_presented_at_a_venue(rules):
    text = "Ahn Seo-yeon is a painter. Her film was first presented at the Ars Electronica Center in Linz."
    assert ("Linz", "Ars Electronica Center") in [k[:2] for k in _keys(rules.extract(text))]


def test_venues_named_in_lower_case(rules):
    text = (
        "Hilde Brandt is a printmaker. In 1977 her prints were included in the group exhibition of documenta 6 "
        "in Kassel, and in 2019 her film was shown at the transmediale festival in Berlin."
    )
    assert [k[:2] for k in _keys(rules.extract(text))] == [("Kassel", "documenta 6"), ("Berlin", "transmediale")]


def test_and_in_a_city_after_a_venue_is_one_more_showing(rules):
    text = "Ricardo Alvarado is a sculptor. Later work was shown at the Bienal de São Paulo and in Madrid."
    assert [k[:2] for k in _keys(rules.extract(text))] == [("São Paulo", "Bienal de São Paulo"), ("Madrid", None)]


def test_the_work_goes_to_a_city(rules):
    text = (
        "Bogdan Kovalenko is a painter. The series was shown at the Contemporary Art Centre in Vilnius. "
        "In December it goes to Warsaw."
    )
    assert [k[0] for k in _keys(rules.extract(text))] == ["Vilnius", "Warsaw"]


def test_the_ordinal_of_a_century_is_part_of_the_venues_name(rules):
    text = (
        "Haruto Nishimura is a ceramicist. His jars were shown at the 21st Century Museum of Contemporary Art "
        "in Kanazawa."
    )
    assert [k[:2] for k in _keys(rules.extract(text))] == [("Kanazawa", "21st Century Museum of Contemporary Art")]


def test_an_owners_possessive_is_no_part_of_the_venues_name(rules):
    text = (
        "Lorraine Whitfield is a ceramicist. Her bowls were shown at the Smithsonian's Renwick Gallery "
        "in Washington and at Kettle's Yard in Cambridge."
    )
    keys = [k[:2] for k in _keys(rules.extract(text))]
    assert keys == [("Washington", "Renwick Gallery"), ("Cambridge", "Kettle's Yard")]


def test_a_titled_work_after_the_artists_possessive_is_no_other_person(rules):
    text = (
        "Luis Huaman is a sculptor. His retablo La Marcha was exhibited at the Museo de Arte de Lima "
        "and then in Santiago."
    )
    assert [k[:2] for k in _keys(rules.extract(text))] == [("Lima", "Museo de Arte de Lima"), ("Santiago", None)]


def test_a_relative_after_the_artists_possessive_is_another_person(rules):
    text = "Diego Reyes is a photographer. His brother Pedro Alvarez showed paintings at the Havana Biennial in 1999."
    assert _keys(rules.extract(text)) == []


def test_cities_a_tour_went_to_as_its_object(rules):
    text = "Matías Ferreyra is a guitarist. His trio has toured Mendoza, Montevideo and Santiago."
    assert [k[0] for k in _keys(rules.extract(text))] == ["Mendoza", "Montevideo", "Santiago"]


def test_the_work_toured_through_cities(rules):
    text = "Mateus Sampaio is a composer. He has toured the score through Porto Alegre and Montevideo."
    assert [k[0] for k in _keys(rules.extract(text))] == ["Porto Alegre", "Montevideo"]
