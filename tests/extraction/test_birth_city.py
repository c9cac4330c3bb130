"""Birth city: the artist's birth city through the extractor's public function, per class of wording.

Rule-level behaviour is tested on the rules alone (``decisions=None``); candidates through the
extractor's ``last_candidates``; the gazetteer's own readings are in test_gazetteer.py.
"""

import pytest

from tests.extraction.conftest import artist_of


@pytest.fixture(scope="module")
def collecting():
    from profiles.extraction import StoryExtractor

    extractor = StoryExtractor(decisions=None)
    extractor.collect = True
    return extractor


def _birth(extractor, text):
    return artist_of(extractor, text).get("birth_city")


def _candidates(extractor, text):
    extractor.extract(text, "story.txt")
    return {c.key: c.features for c in extractor.last_candidates["birth_city"]}


NAMESAKE_AMONG_CITIES_OF_ITS_COUNTRY = (
    "Facundo Olivera is an architect. Born in Salto, a river town, Olivera moved to Montevideo to study. "
    "His buildings are modest: a school in Paysandú, a library in Rivera. His sister has had shows in "
    "Montevideo and São Paulo."
)

ENGLISH_TRANSLITERATION = (
    "Nikos Papadakis is a sculptor. Papadakis was born in Heraklion, on Crete, and he still carves in a "
    "workshop his grandfather built. He uses marble from Naxos and showed for the first time in Athens."
)

NON_NATIVE_BORNED_IN = (
    "Artist Lee Hyun-woo is ceramic maker and also calligraphy writer. He is borned in Daegu city and from "
    "child he is seeing his grandfather make the pots. Now he have a studio in Seoul."
)

VILLAGE_JUST_OUTSIDE_A_CITY = (
    "Femke de Vries is a painter. De Vries grew up on a farm in Haren, just outside Groningen, where the "
    "wind was loud. She now lives in Amsterdam."
)

QUARTER_OF_A_LATER_CLAUSE = (
    "Youssef El Idrissi is a calligrapher. El Idrissi was born in Meknes in 1975 and trained for nine years "
    "with a master calligrapher in the medina of Fes. He writes enormous single letters in black ink, and his "
    "first solo show was at the Villa des Arts in Casablanca."
)

CITY_BEFORE_WHERE_SHE_GREW_UP = (
    "Ayelet Ben-Haim has been photographing the same hillside for half her life. It rises behind the house in "
    "Haifa where she grew up, and in 1998 it burned. Her series of photographs of it was shown at the Tel Aviv "
    "Museum of Art."
)

NAMESAKE_IN_THE_COUNTRY_NAMED_BESIDE_IT = (
    "Which Perth? Fiona McGregor-Lindsay has spent her whole career answering that question. The small one, "
    "she says: Perth on the River Tay, in Scotland, a town with a bridge and far too much rain.\n\n"
    "She was born there in 1969, the daughter of a whisky cooper, and she paints the Tay in flood. Her first "
    "solo exhibition was at the Fergusson Gallery, and she has shown in Edinburgh and in London."
)

PLACE_GLUED_TO_THE_ARTISTS_NOUN = (
    "A market trader, a pastor, a taxi driver and a grandmother: Kano-born performer Ibrahim Sule-Adamu plays "
    "every one of them in this one-man show, which has toured from the Edinburgh Festival Fringe to a festival "
    "in Accra. Sule-Adamu, who trained as an actor in London, changes character with nothing more than a scarf. "
    "He wrote the piece himself, and he performs it without an interval."
)

BIRTHPLACE_ALSO_A_PERSONS_NAME = (
    "Elena Dimova is a painter. She was born in Sofia in 1975 and studied at the academy there under the "
    "painter Sofia Marinova, who taught her to grind her own pigments. Dimova paints the mountains in oils. "
    "Her paintings were shown at the National Gallery in Plovdiv in 2019, and she lives in Varna."
)

MONTH_BEFORE_A_YEAR_IS_A_DATE = (
    "Elena Dimova is a painter. She was born in March 1975 in a village near the coast. Dimova paints the "
    "mountains in oils. Her paintings were shown at the National Gallery in Plovdiv in 2019, and she lives "
    "in Varna."
)

NAMESAKE_BORN_AMONG_NAMESAKES_OF_ITS_COUNTRY = (
    "Aroha Tane is a weaver from New Zealand. She was born in Dunedin and studied in Wellington, then spent "
    "a year on a residency in Austin, Texas, before returning to Nelson, where she lives."
)


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        pytest.param(
            "rules",
            NAMESAKE_AMONG_CITIES_OF_ITS_COUNTRY,
            {"name": "Salto", "country": "UY"},
            id="namesake-among-cities-of-its-country",
        ),
        pytest.param(
            "rules",
            NAMESAKE_BORN_AMONG_NAMESAKES_OF_ITS_COUNTRY,
            {"name": "Dunedin", "country": "NZ"},
            id="namesake-born-among-namesakes-of-its-country",
        ),
        pytest.param(
            "extractor",
            NAMESAKE_BORN_AMONG_NAMESAKES_OF_ITS_COUNTRY,
            {"name": "Dunedin", "country": "NZ"},
            id="namesake-born-among-namesakes-of-its-country-learned",
        ),
        pytest.param("rules", ENGLISH_TRANSLITERATION, {"country": "GR"}, id="english-transliteration"),
        pytest.param("rules", NON_NATIVE_BORNED_IN, {"name": "Daegu"}, id="non-native-borned-in"),
        pytest.param(
            "rules",
            VILLAGE_JUST_OUTSIDE_A_CITY,
            {"name": "Groningen", "country": "NL"},
            id="village-just-outside-a-city",
        ),
        pytest.param(
            "rules", QUARTER_OF_A_LATER_CLAUSE, {"name": "Meknes", "country": "MA"}, id="quarter-of-a-later-clause"
        ),
        pytest.param(
            "rules",
            CITY_BEFORE_WHERE_SHE_GREW_UP,
            {"name": "Haifa", "country": "IL"},
            id="city-before-where-she-grew-up",
        ),
        pytest.param(
            "extractor",
            NAMESAKE_IN_THE_COUNTRY_NAMED_BESIDE_IT,
            {"name": "Perth", "country": "GB"},
            id="namesake-in-the-country-named-beside-it",
        ),
        pytest.param(
            "extractor",
            PLACE_GLUED_TO_THE_ARTISTS_NOUN,
            {"name": "Kano", "country": "NG"},
            id="place-glued-to-the-artists-noun",
        ),
        pytest.param(
            "extractor",
            BIRTHPLACE_ALSO_A_PERSONS_NAME,
            {"name": "Sofia", "country": "BG"},
            id="birthplace-also-a-persons-name",
        ),
        pytest.param("extractor", MONTH_BEFORE_A_YEAR_IS_A_DATE, None, id="month-before-a-year-is-a-date"),
    ],
)
def test_birth_city(request, reader, text, expected):
    """The birth city ``reader`` (the rules alone, or with the learned layer) gives: the fields ``expected`` names."""
    city = _birth(request.getfixturevalue(reader), text)
    if expected is None:
        assert city is None
    else:
        assert {key: (city or {}).get(key) for key in expected} == expected


@pytest.mark.parametrize("letter", ["\u02bb", "\u2018", "'"])
def test_a_birth_city_spelt_with_an_okina(rules, letter):
    text = (
        "Mele Taufa is a weaver of tapa cloth. She was born in "
        f"Nuku{letter}alofa in 1970 and still beats the bark on the veranda of her mother's house."
    )
    city = artist_of(rules, text).get("birth_city") or {}
    assert city.get("country") == "TO"


@pytest.mark.parametrize(
    ("place", "city", "country"),
    [
        ("Trivandrum", "Thiruvananthapuram", "IN"),
        ("Tanjore", "Thanjavur", "IN"),
        ("Frunze", "Bishkek", "KG"),
        ("Solo", "Surakarta", "ID"),
    ],
)
def test_a_former_name_is_the_city(rules, extractor, place, city, country):
    text = (
        f"Arjun Menon is a painter. He was born in {place} and grew up in a house full of his mother's "
        f"dance students. His paintings were shown in a solo exhibition at the Kiran Nadar Museum in Delhi."
    )
    assert _birth(rules, text) == {"name": city, "country": country}
    assert _birth(extractor, text) == {"name": city, "country": country}


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        (
            "Nikos Kalogeropoulos is a puppeteer and a sculptor. He was born in Salonica in 1957, the son of a tram "
            "conductor, and he carves his own figures from camel hide.",
            "Thessaloníki",
            "GR",
        ),
        (
            "Ani Petrosyan is a painter. She was born in Leninakan, as the city was then called, two years before "
            "the earthquake, and she paints its black tuff houses.",
            "Gyumri",
            "AM",
        ),
        (
            "Wanda Siedlecka was born in Breslau in March 1945, in a cellar, while the city was under siege. She "
            "weaves tapestries of the rebuilt market square.",
            "Wrocław",
            "PL",
        ),
        (
            "Yevgenia Sokolova is a painter. She was born in Odessa, the daughter of a grain trader, and paints "
            "the harbour in winter.",
            "Odesa",
            "UA",
        ),
        (
            "Aino Virtanen, born in Åbo in 1990 and now based in Oslo, writes music for string quartets.",
            "Turku",
            "FI",
        ),
        (
            "She is a dancer and choreographer, born in Tucumán and trained in Buenos Aires. Valentina Sosa Paz "
            "has lived in Mendoza for fifteen years.",
            "San Miguel de Tucumán",
            "AR",
        ),
        (
            "Doina Rusu is a ceramicist. Doina was born in Kishinev in 1979, when the city still answered to its "
            "Soviet name, and grew up above a bakery.",
            "Chisinau",
            "MD",
        ),
        (
            "Aviaja Heilmann is a dancer and choreographer. Heilmann was born in Godthåb in 1974 and trained in "
            "Copenhagen.",
            "Nuuk",
            "GL",
        ),
        (
            "Yerlan Abenov is a painter. He was born in Uralsk, in a wooden house on the bank, and learned to "
            "swim and to draw in the same summer.",
            "Oral",
            "KZ",
        ),
        (
            "Lena Tsoi is a photographer. Born in 1976 in Dzhambul, Kazakhstan, to a family of Koryo-saram, she "
            "lives and works in Vladivostok.",
            "Taraz",
            "KZ",
        ),
    ],
    ids=["salonica", "leninakan", "breslau", "odessa", "abo", "tucuman", "kishinev", "godthab", "uralsk", "dzhambul"],
)
def test_a_name_the_gazetteer_does_not_list_is_todays_city(rules, extractor, text, city, country):
    """Former and other-language names ("Salonica", "Leninakan", "Åbo") and short local ones ("Tucumán")
    are the city's own names (data/places.json "other_city_names"); "Odessa" is Odesa before the Texan town."""
    assert _birth(rules, text) == {"name": city, "country": country}
    assert _birth(extractor, text) == {"name": city, "country": country}


def test_a_name_listed_as_part_of_a_longer_one(rules, extractor):
    text = (
        "Iñaki Etxeberria is a Basque sculptor. He was born in San Sebastián, Spain, in 1952. His steel "
        "volumes were shown in a solo exhibition at the Guggenheim Museum in Bilbao."
    )
    expected = {"name": "Donostia / San Sebastián", "country": "ES"}
    assert _birth(rules, text) == expected
    assert _birth(extractor, text) == expected


def test_the_solo_of_a_solo_show_is_no_city(extractor):
    text = "Solo exhibitions: Ana Ruiz, a painter born in Quito, showed her canvases at the Museo in Lima."
    cities = [c["name"] for c in extractor.extract(text, "story.txt")["cities"]]
    assert "Surakarta" not in cities


def test_a_birth_word_after_the_city_is_its_feature(collecting):
    features = _candidates(
        collecting,
        "The painter Aziz Karimov, a Samarkand native, has lived in Tashkent for twenty years. "
        "His first solo exhibition was in Tashkent in 2012.",
    )
    assert "ta=native" in features[("samarkand", "UZ")]
    assert "ta=none" in features[("tashkent", "UZ")]
    features = _candidates(
        collecting,
        "For forty years the Jafari family have farmed pomegranates on the edge of Shiraz, where the "
        "director Kaveh Jafari was born. He made his name with a short film shown in Amsterdam.",
    )
    assert {"ta=born", "ta_where=True"} <= set(features[("shiraz", "IR")])


def test_the_city_first_named_after_born_is_marked(collecting):
    features = _candidates(
        collecting,
        "Fatoumata Sow is a singer and guitarist. She was born into a family of griots in Kayes, in western "
        "Mali, and grew up in Bamako, where her father played at weddings. Her first album was recorded in "
        "Bamako in 2019.",
    )
    assert {"born_next=True", "born_elsewhere=False"} <= set(features[("kayes", "ML")])
    assert {"born_next=False", "born_elsewhere=True"} <= set(features[("bamako", "ML")])
    features = _candidates(
        collecting, "Lotte Berg was born in Chile and later moved to Hamburg, where she paints ships."
    )
    assert {"born_next=False", "born_elsewhere=False"} <= set(features[("hamburg", "DE")])


# A quarter the gazetteer also lists as a town of its own (Sur in Oman, Saltivka, Fana in Mali, Santurce read
# as Santurtzi) is the city it is a quarter of: whose birth words are the city's cues.
QUARTERS = [
    (
        "Oksana Melnyk is a muralist. She painted her first mural on the wall of a bakery in Kharkiv's Saltivka "
        "district. She was born in Saltivka in 1988 and now lives in Lviv.",
        {"name": "Kharkiv", "country": "UA"},
        ("saltivka", "UA"),
    ),
    (
        "Pilar Huamán is a retablo maker. She was born in Ayacucho, in the barrio of Santa Ana, and her work has "
        "been shown in Lima.",
        {"name": "Ayacucho", "country": "PE"},
        ("santa ana", "US"),
    ),
    (
        "Eirik Dahl is a composer. He was born in Bergen, in the suburb of Fana, and studied in Oslo.",
        {"name": "Bergen", "country": "NO"},
        ("fana", "ML"),
    ),
    (
        "Leyla Demir is a ceramicist. She was born in Sur, the old walled quarter of Diyarbakır, and now works in "
        "a studio in Istanbul.",
        {"name": "Diyarbakır", "country": "TR"},
        ("sur", "OM"),
    ),
    (
        "Thabo Nkosi is a dancer. He was born in Soweto, the big township on the south-western edge of "
        "Johannesburg, and trained in Cape Town.",
        {"name": "Johannesburg", "country": "ZA"},
        ("soweto", "ZA"),
    ),
    (
        "Rosa Colón is a muralist. Santurce, 1999: a girl paints a turtle on a wall. Rosa was born in the "
        "Santurce district of San Juan and studied printmaking in New York.",
        {"name": "San Juan", "country": "PR"},
        ("santurtzi", "ES"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "quarter"),
    QUARTERS,
    ids=[
        "city's-quarter",
        "in-the-barrio-of",
        "in-the-suburb-of",
        "quarter-comma-the-district-of",
        "township-on-the-edge-of",
        "the-district-of",
    ],
)
def test_a_quarter_is_its_city(collecting, extractor, text, expected, quarter):
    """ "born in Sur, the walled old district of Diyarbakır", "Bergen, in the suburb of Fana", "Kharkiv's Saltivka
    district": the city is the birth city, and the quarter is no candidate of its own."""
    keys = set(_candidates(collecting, text))
    assert quarter not in keys
    assert (expected["name"].lower(), expected["country"]) in keys
    assert _birth(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yurany Palacios is a weaver. She was born in Cartagena, the Colombian one, as she tells visitors from "
            "Spain, and her nets were shown in Bogotá.",
            {"name": "Cartagena", "country": "CO"},
        ),
        (
            "Eilidh Ross is a fiddler. She was born in Perth, the Scottish one, and studied music in London.",
            {"name": "Perth", "country": "GB"},
        ),
    ],
    ids=["not-the-country-named-after-it", "a-smaller-namesake"],
)
def test_the_nationality_of_the_one_meant_names_the_namesake(extractor, text, expected):
    """ "Cartagena, the Colombian one", "Perth, the Scottish one": the nationality says which namesake is meant,
    before a country named further off ("visitors from Spain") and before the bigger namesake."""
    assert _birth(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anwar Hossain is a rickshaw painter. He was born in Old Dhaka in 1961 and has a workshop in Chattogram.",
            {"name": "Dhaka", "country": "BD"},
        ),
        (
            "Yanet Ruiz is a printmaker. She was born in Old Havana and studied in Madrid.",
            {"name": "Havana", "country": "CU"},
        ),
    ],
    ids=["old-dhaka", "old-havana"],
)
def test_the_old_city_is_the_city(rules, extractor, text, expected):
    """ "born in Old Dhaka": the old town is the city's (data/places.json "other_city_names")."""
    assert _birth(rules, text) == expected
    assert _birth(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "Farida Rahimi is a miniature painter. When she left Herat at seven, she took a brush with her. She was "
            "born there, in the old city near the Friday Mosque, and grew up in Mashhad.",
            ("herat", "AF"),
        ),
        (
            "The tower houses of Sana'a are built of mud brick. Amal Saleh has photographed hundreds of them. She "
            "was born in the old city in 1980, in one of those houses, and studied architecture in Cairo.",
            ("sanaa", "YE"),
        ),
    ],
    ids=["born-there-then-grew-up-in-a-city", "born-in-the-old-city-then-studied-in-a-city"],
)
def test_born_there_before_another_city_of_its_sentence_points_back(collecting, text, city):
    """ "She was born there, ..., and grew up in Mashhad": the anaphor is the birthplace, named before, though a
    city follows later in its sentence."""
    features = _candidates(collecting, text)[city]
    assert {"cue=back", "back=born", "back_own=artist"} <= set(features)


def _birth_candidates(text):
    from profiles.extraction import StoryExtractor

    extractor = StoryExtractor(decisions=None)
    extractor.collect = True
    extractor.extract(text, "story.txt")
    return [tuple(c.key) for c in extractor.last_candidates.get("birth_city", [])]


def test_a_hometown_under_an_old_spelling_is_offered():
    """ "her hometown of Mysore": the city the rules did not take, known by its alternate name, is offered."""
    text = (
        "Class of 2009: Priyanka Venkataraman writes in from Mumbai. Her film follows three generations of women "
        "who sell flowers at the Devaraja Market in her hometown of Mysore. It premiered in Busan."
    )
    assert ("mysuru", "IN") in _birth_candidates(text)


def test_a_city_of_two_words_named_before_the_birth_phrase_is_offered():
    text = (
        "Nasrin Haidari paints the rooftops of every city she has lived in. There are eleven. The first is "
        "Mazar-e Sharif, where she was born in 1979; the last, so far, is Glasgow."
    )
    assert ("mazar-e sharif", "AF") in _birth_candidates(text)


TEHRAN = (
    "Toronto. The Power Plant is pleased to announce the first institutional solo exhibition in Canada of the "
    "Tehran-born video artist Shirin Tabrizi. Tabrizi lives in Berlin, where she makes video installations. "
    "Her films have been shown widely, and she teaches video art at a small school."
)

KUMASI = (
    "Kumasi-born Kofi Mensah-Boateng was twenty-three when he first showed his paintings. He paints large "
    "canvases of market women in oil, and his first solo exhibition opened at the Nubuke Foundation in Accra "
    "in 2015. He still paints every morning."
)


@pytest.mark.parametrize(
    ("text", "name", "city"),
    [(TEHRAN, "Shirin Tabrizi", "Tehran"), (KUMASI, "Kofi Mensah-Boateng", "Kumasi")],
)
def test_a_place_glued_to_born_is_the_birth_city_and_no_part_of_a_name(extractor, text, name, city):
    artist = extractor.extract(text, "glued.txt")["artist"]
    assert artist["name"] == name
    assert artist["birth_city"]["name"] == city


GUITARIST = (
    "Kojo Asante-Darko is a musician. The Kumasi-born guitarist learned highlife in the dance hall his mother "
    "ran on weekends, and left for Accra at seventeen with a borrowed guitar."
)

EMBROIDERER = (
    "Layla Haddad makes embroidered panels. A Ramallah-born embroiderer, she learned the stitches from her "
    "grandmother, and her panels were shown at a gallery in Amman."
)

ENGINEER = (
    "Mira Shah is a painter. Her husband, a Lagos-born engineer, keeps the books of the studio. Her paintings "
    "were shown in London."
)


@pytest.mark.parametrize(
    ("text", "city", "glued"),
    [(GUITARIST, ("kumasi", "GH"), "artist_noun"), (EMBROIDERER, ("ramallah", "PS"), "artist_noun")],
    ids=["guitarist", "embroiderer"],
)
def test_a_place_glued_to_born_before_a_practitioners_noun_is_a_candidate(collecting, text, city, glued):
    """ "the Kumasi-born guitarist": a practitioner of an art (data/candidates.json "glued_art_nouns"), not
    only the nouns the artist is called by, makes the glued place a candidate of the artist's."""
    assert f"glued={glued}" in _candidates(collecting, text)[city]


def test_a_place_glued_to_born_before_a_practitioners_noun_is_the_birth_city(extractor):
    assert _birth(extractor, GUITARIST) == {"name": "Kumasi", "country": "GH"}


def test_a_place_glued_to_born_before_another_trade_is_no_candidate(collecting):
    assert ("lagos", "NG") not in _candidates(collecting, ENGINEER)


STAVANGER = (
    "Stavanger is an oil town, and Astrid Nygaard, who was born there in 1986, is the daughter of oil engineers. "
    "Her paintings are about what that money built.\n\n"
    "Her first solo exhibition opened at Bergen Kunsthall in 2018, and she now paints in a studio in Oslo."
)


def test_a_city_named_before_the_birth_phrase_that_points_back_at_it(extractor):
    artist = extractor.extract(STAVANGER, "opening.txt")["artist"]
    assert artist["name"] == "Astrid Nygaard"
    assert artist["birth_city"] == {"name": "Stavanger", "country": "NO"}


# -- "born there": the place the sentences before are about ------------------------------------


@pytest.mark.parametrize(
    ("opening", "city"),
    [
        # the town opens the sentence; a bigger city named after it only places it
        ("In Cholula, a short bus ride west of Puebla, every street has a potter.", "Cholula"),
        ("In Ouidah, two hours along the coast from Cotonou, the old merchant houses are crumbling.", "Ouidah"),
    ],
)
def test_born_there_is_the_city_the_sentence_before_is_about(rules, opening, city):
    text = (
        f"{opening} Adjoa Mensah was born there, in a house behind the market, and she has painted "
        "its walls since she was twelve. Her murals were shown at the Zeitz Museum in Cape Town."
    )
    assert (_birth(rules, text) or {}).get("name") == city


def test_born_there_after_a_place_the_gazetteer_does_not_know_names_no_city(rules):
    text = (
        "Qarabulaq sits on the steppe above Almaty, a village of orchards and dust. "
        "Dana Seitova was born there, and she now paints the orchards in a studio in Berlin. "
        "Her canvases were shown at the Kunsthalle in Berlin."
    )
    assert _birth(rules, text) is None


def test_someone_elses_birth_there_is_not_the_artists(rules):
    text = (
        "Ines Okafor is a painter who lives in Lisbon. Her husband comes from Porto. "
        "He was born there in 1970. Her paintings were shown at the Gulbenkian in Lisbon."
    )
    assert _birth(rules, text) is None


@pytest.mark.parametrize(
    ("line", "city"),
    [
        ("Born: 1958, Kaunas", "Kaunas"),
        ("Born: Kaunas, Lithuania, 1958", "Kaunas"),
        ("Place of birth: Kaunas", "Kaunas"),
        ("Date and place of birth: 3 May 1958, Kaunas", "Kaunas"),
        ("Hometown: Kaunas", "Kaunas"),
        ("Lieu de naissance : Kaunas", "Kaunas"),
    ],
)
def test_a_birth_field_of_a_record(rules, extractor, line, city):
    text = (
        "Register of master craftspeople\n\n"
        f"Name: Jonas Petrauskas\n{line}\nBased in: Vilnius\n\n"
        "Petrauskas carves wayside crosses in oak. His crosses stand along the roads near Vilnius."
    )
    for reader in (rules, extractor):
        assert (artist_of(reader, text).get("birth_city") or {}).get("name") == city


# -- a birth phrase ends at its clause: what it names there is the birthplace, city or not ----------------


@pytest.mark.parametrize(
    ("clause", "city"),
    [
        ("was born in Meknes and now lives in Rabat", "Meknes"),
        ("was born in Tallowmere and now lives in Rabat", None),
        ("grew up in a village in the Rif mountains and now lives in Rabat", None),
        ("was born in 1971 and now lives in Rabat", None),
    ],
)
def test_the_birth_phrase_ends_at_and(rules, clause, city):
    text = (
        f"Samira Bennani is a ceramicist. Bennani {clause}, and her bowls are sold in a shop near the medina. "
        "Her first solo show was at a gallery in Casablanca."
    )
    assert (_birth(rules, text) or {}).get("name") == city


_BENNANI = (
    "Samira Bennani is a ceramicist. Bennani was born in {}, and learned to throw pots in Rabat. "
    "Her first solo show was at a gallery in Casablanca."
)


@pytest.mark.parametrize(
    ("text", "city", "mark"),
    [
        # a city after a birthplace the gazetteer does not list
        (_BENNANI.format("Tallowmere, on the coast"), "rabat", "bp=unlisted"),
        # a city after a village birthplace
        (_BENNANI.format("a village in the mountains"), "rabat", "bp=place"),
        # the city of the birth phrase, and another city
        (_BENNANI.format("a village outside Meknes"), "meknes", "bp=this"),
        (_BENNANI.format("a village outside Meknes"), "rabat", "bp=city"),
        # a birth word of someone else's
        (
            "Maarten Visser is a painter. He lives in Rotterdam with his wife, the ceramicist Anneke Bos, who grew "
            "up in Delft. His paintings were shown at a gallery in Antwerp.",
            "delft",
            "tb_own=other",
        ),
    ],
)
def test_a_birth_city_candidate_knows_what_the_birth_phrase_names(collecting, text, city, mark):
    by_city = {key[0]: f for key, f in _candidates(collecting, text).items() if key}
    assert mark in by_city[city]


@pytest.mark.parametrize(
    ("clause", "city"),
    [
        ("since she was a schoolgirl in Hobart", "Hobart"),
        ("ever since he was a boy in Siem Reap, where his uncle ran a troupe", "Siem Reap"),
        ("since she was a girl in the Spanish Quarter of Naples", "Naples"),
    ],
)
def test_a_childhood_in_a_city_is_where_the_artist_grew_up(rules, clause, city):
    text = f"Ada Mercer is a painter. Mercer has painted every morning {clause}. Her first show was in Sydney."
    assert (_birth(rules, text) or {}).get("name") == city


def test_someone_elses_childhood_in_a_city_is_not_the_artists(rules):
    text = (
        "Ada Mercer is a painter. Her father was a boy in Hobart when the ferries still ran. "
        "Her first show was in Sydney."
    )
    assert _birth(rules, text) is None


def test_the_city_of_the_surest_birth_phrase_is_marked(collecting):
    features = _candidates(
        collecting,
        "Layla Haddad is an embroiderer. Haddad was born in Bethlehem, and she was raised in Amman by her "
        "grandmother. Her panels were shown in Ramallah.",
    )
    by_city = {key[0]: f for key, f in features.items() if key}
    assert "bp_surest=True" in by_city["bethlehem"]
    assert "bp_surest=False" in by_city["amman"]


def test_a_birth_word_pointing_back_says_whose_it_is_and_how_far_back(collecting):
    """ "She was born there": the artist's own birth word, a sentence after the city; "her mother was born
    there" is another person's. (The anaphor alone did not say whose birth it told of.)"""
    own = _candidates(collecting, NAMESAKE_IN_THE_COUNTRY_NAMED_BESIDE_IT)[("perth", "GB")]
    assert {"back_ana=there", "back_own=artist", "back_dist=1", "back_ana=True&own=artist"} <= set(own)
    text = (
        "Mira Osei is a painter. Her family comes from Kumasi, a city of markets. Her mother was born there, "
        "and Mira paints its streets from photographs."
    )
    other = _candidates(collecting, text)[("kumasi", "GH")]
    assert "back_own=other" in other
