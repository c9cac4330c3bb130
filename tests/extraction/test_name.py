"""Name: the artist's name through the extractor's public function, per class of wording.

The rules' own classes are tested on the rules alone (``decisions=None``), the rest with the learned layer.
"""

import pytest

from tests.extraction.conftest import artist_of, candidates_of
from tests.helpers import extract_collecting

GLASS = (
    "A Wroclaw-trained glass sculptor, Lena Kowalczyk-Ahmadi blows glass with her lungs and lights it from "
    "inside. That is the subject of Breath Archive: two hundred clear glass bulbs, each blown by a visitor. "
    "The installation was shown in a solo exhibition at the DOX Centre in Prague in 2020.\n\n"
    "Kowalczyk-Ahmadi studied at the glass school in Jelenia Gora and later in Prague. "
    "Kowalczyk-Ahmadi now teaches glass in Brno."
)


GIVEN_NAME_BEFORE_A_POSSESSIVE = (
    "TBILISI — There is a moment in Tamar Gelashvili's new exhibition at the Tbilisi History Museum when the "
    "walls seem to breathe. Fifteen felt panels hang from the ceiling on fishing line. Gelashvili dyed each "
    "of them herself. Gelashvili learned felting from her grandmother. Gelashvili is a textile artist."
)

ROLE_WORD_BEFORE_THE_NAME = (
    "Curator notes: the painter Ana Ruiz Soto shows new work. Ruiz Soto was born in Seville and paints the "
    "river. Ruiz Soto works in oils."
)

ORIGIN_GLUED_TO_THE_FRONT_OF_THE_NAME = (
    "Kumasi-born Kofi Boateng-Asare has spent a decade weaving kente in a studio in Accra. Boateng-Asare learned "
    "the loom from his grandfather. He weaves at night, and his cloths hang in the National Museum in Accra."
)

BALINESE_LEADING_WORD = (
    "I Nyoman Suardana was born in Gianyar, in a family of mask carvers. Suardana paints in the Batuan style, "
    "with hundreds of tiny figures in ink and wash. He has painted since he was a boy, and his paintings were "
    "shown at the Museum Puri Lukisan in Ubud."
)


@pytest.mark.parametrize(
    ("reader", "text", "name"),
    [
        pytest.param("rules", GIVEN_NAME_BEFORE_A_POSSESSIVE, "Tamar Gelashvili", id="given-name-before-a-possessive"),
        pytest.param("rules", ROLE_WORD_BEFORE_THE_NAME, "Ana Ruiz Soto", id="role-word-before-the-name"),
        pytest.param(
            "extractor",
            ORIGIN_GLUED_TO_THE_FRONT_OF_THE_NAME,
            "Kofi Boateng-Asare",
            id="origin-glued-to-the-front-of-the-name",
        ),
        pytest.param("extractor", BALINESE_LEADING_WORD, "I Nyoman Suardana", id="balinese-leading-word"),
        pytest.param("extractor", GLASS, "Lena Kowalczyk-Ahmadi", id="surname-alone-over-a-title"),
    ],
)
def test_name(request, reader, text, name):
    assert artist_of(request.getfixturevalue(reader), text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Hartwig Foundation awards its 2025 creation grant of €40,000 to the sculptor Lucía Ybarra de la "
            "Torre, the foundation announced on Monday. Ybarra de la Torre was born in Bilbao and studied sculpture "
            "in Madrid. Ybarra de la Torre casts her bronzes in a foundry by the river.",
            "Lucía Ybarra de la Torre",
        ),
        (
            "In 2011 a boy ran through the streets of Tunis shouting one word. Ben Ammar still remembers the noise. "
            'Ben Ammar is a painter now, and he paints crowds. The word was "Dégage", and the boy, born and raised '
            "in the city, was Sami Ben Ammar.",
            "Sami Ben Ammar",
        ),
    ],
)
def test_a_given_name_before_the_compound_surname_the_text_then_uses(rules, text, name):
    assert artist_of(rules, text).get("name") == name


def test_a_name_candidate_tells_whether_the_text_uses_its_surname_alone(extractor):
    _, candidates = extract_collecting(extractor, GLASS, "glass.txt")
    alone = {c.key: next(f for f in c.features if f.startswith("alone=")) for c in candidates["name"] if c.key}
    assert alone["Lena Kowalczyk-Ahmadi"] == "alone=last"
    assert alone.get("Breath Archive", "alone=none") == "alone=none"


def test_a_possessive_full_name_read_as_a_place_is_still_a_candidate(extractor):
    text = (
        "No one in Gaspard Lemoine's family had ever held a paintbrush. His father repaired lorries in Roubaix; "
        "his mother cleaned offices in Lille. Gaspard was supposed to become a mechanic.\n\n"
        "Instead, at fifteen, he found a box of oil paints in a skip and became a painter. He is now seventy-three, "
        "and he has painted every day since. Lemoine paints the slag heaps of the coal country. His first solo "
        "exhibition was at La Piscine in Roubaix in 2010, and his paintings have been shown at the Louvre-Lens."
    )
    artist = artist_of(extractor, text)
    assert artist.get("name") == "Gaspard Lemoine"
    assert artist.get("age") == 73


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "April Stonebridge was sixty when the museum in Calgary hung her quilts. She grew up on a ranch and "
            "worked as a teacher for thirty years. She quilts every morning, and her quilts show the prairie sky. "
            "Her first solo exhibition opened in Calgary in 2019.",
            "April Stonebridge",
            id="a-given-name-that-is-a-month",
        ),
        pytest.param(
            "Jordan Pike writes poems to be read aloud. At readings in Halifax, Jordan stands on a chair and "
            "shouts them. Born in Sydney, Nova Scotia, Pike began writing at fourteen. The first collection of "
            "poems was published in 2020 and won a prize for poetry.",
            "Jordan Pike",
            id="a-given-name-that-is-a-country",
        ),
        pytest.param(
            "The rehearsal room smells of sweat. Sipho Zulu counts the dancers in, and twelve bodies hit the "
            "floor at once. Zulu, a choreographer, was born in Durban and started dancing at nine. His dance "
            "company has performed in Cape Town and in Maputo.",
            "Sipho Zulu",
            id="a-surname-that-is-a-people",
        ),
        pytest.param(
            "The Porto of Rui Tavares's photographs is always grey. The real city, he admits, is often sunny. "
            "Tavares left Porto for Lisbon at nineteen to study photography. Tavares, now fifty, photographs the "
            "river at dawn, and his photographs were shown at a gallery in Lisbon.",
            "Rui Tavares",
            id="a-name-glued-to-a-place-by-of",
        ),
        pytest.param(
            "Nobody in Joris van Leeuwen's family painted. His father repaired boats, and his sister is a nurse. "
            "Joris, born in Utrecht, started drawing on the backs of envelopes. He paints flooded fields in oils, "
            "and he has had solo exhibitions in Utrecht and Rotterdam. Van Leeuwen paints every morning.",
            "Joris van Leeuwen",
            id="a-possessive-name-with-a-particle",
        ),
    ],
)
def test_a_full_name_the_mention_rules_read_as_no_person_is_offered_and_chosen(extractor, text, name):
    """Words that are also a month, a country, a people or a place-glue hide a name from the mention rules;
    the pronoun after it, or the name used alone, shows it is the person the text is about."""
    assert name in {c.key for c in candidates_of(extractor, text, "name")}
    assert artist_of(extractor, text).get("name") == name


def test_the_person_of_an_artist_field_over_a_curator_the_text_names_more(rules, extractor):
    text = (
        "Exhibition guide\n\nArtist: Tevita Fonua\nCurator: Margaret Ellison\n\n"
        "Margaret Ellison chose the twelve works in this room. Ellison met the carver in Nuku'alofa in 2015, and "
        "Ellison has written the catalogue. Margaret Ellison will lead a tour on Sunday. Fonua, a sculptor, "
        "carves whale bone."
    )
    for reader in (rules, extractor):
        assert artist_of(reader, text).get("name") == "Tevita Fonua"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Mzee Hassani Omari Kalinga has carved doors in Stone Town for fifty years. Kalinga learned the "
            "chisel from his uncle, and his doors hang in the National Museum in Dar es Salaam.",
            "Hassani Omari Kalinga",
            id="mzee",
        ),
        pytest.param(
            "Pandit Raghunath Prasad Mishra paints the ghats of Varanasi at dawn. Mishra was born in the city "
            "and has painted its river in watercolour since he was a boy.",
            "Raghunath Prasad Mishra",
            id="pandit",
        ),
        pytest.param(
            "Khru Somsak Wongsawat is a sculptor in Chiang Mai. Wongsawat learned carving at a temple, and his "
            "sculptures were shown in a group exhibition in Bangkok.",
            "Somsak Wongsawat",
            id="khru",
        ),
        pytest.param(
            "Chief Mrs Adebimpe Oyelaran-Adeyemi is a textile artist in Abeokuta. Oyelaran-Adeyemi learned indigo "
            "from her mother, and her textiles were shown at the National Museum in Lagos.",
            "Adebimpe Oyelaran-Adeyemi",
            id="two-titles",
        ),
    ],
)
def test_a_title_of_address_is_no_part_of_the_name(rules, text, name):
    """Ustad, Mzee, Pandit, Khru, Chief, Mrs: the training gold drops a title of address from the name
    (docs/record-format.md), so the record does too."""
    assert artist_of(rules, text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Khun Ratchanee Boonmee weaves silk in Khon Kaen. Boonmee learned the loom from her aunt, and her "
            "textiles were shown at the National Gallery in Bangkok.",
            "Ratchanee Boonmee",
            id="khun",
        ),
        pytest.param(
            "Puan Siti Aminah binti Yusof paints batik in Kelantan. Siti Aminah learned the wax from her mother, "
            "and her batik was shown at the National Art Gallery in Kuala Lumpur.",
            "Siti Aminah binti Yusof",
            id="puan",
        ),
        pytest.param(
            "Batono Levan Tsereteli is a sculptor in Kutaisi. Tsereteli learned carving from his grandfather, and "
            "his sculptures were shown at the National Gallery in Tbilisi.",
            "Levan Tsereteli",
            id="batono",
        ),
    ],
)
def test_more_titles_of_address_are_no_part_of_the_name(rules, text, name):
    """Khun, Puan, Batono: the training gold drops these titles of address as it drops Mr and Ustad."""
    assert artist_of(rules, text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Moussa ag Elkhamis makes silver crosses in Agadez. Elkhamis learned the craft from his father, and "
            "his jewellery was shown at the Musée National in Niamey.",
            "Moussa ag Elkhamis",
            id="ag",
        ),
        pytest.param(
            "Ngumbang anak Sujang weaves pua kumbu in a longhouse near Kapit. Ngumbang learned the patterns from "
            "her grandmother, and her cloths were shown at the Sarawak Museum in Kuching.",
            "Ngumbang anak Sujang",
            id="anak",
        ),
        pytest.param(
            "Siti Rohana binte Ismail is a choreographer in Singapore. Siti Rohana trained in Malay dance, and "
            "her work was shown at the Esplanade in Singapore.",
            "Siti Rohana binte Ismail",
            id="binte",
        ),
        pytest.param(
            "Nurlan Asan uulu makes felt carpets in Naryn. Asan uulu learned felting from his mother, and his "
            "carpets were shown at the National Museum in Bishkek.",
            "Nurlan Asan uulu",
            id="patronymic-word-at-the-end",
        ),
    ],
)
def test_a_name_particle_is_part_of_the_name(rules, text, name):
    """ag, anak, binte, uulu: the gold keeps a name's particles, also a patronymic word that ends it."""
    assert artist_of(rules, text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Help Lerato Dube finish her mural in Soweto!\n\nLerato Dube is a painter from Soweto. Lerato Dube "
            "paints the walls of her street, and her murals were shown at the Johannesburg Art Gallery.",
            "Lerato Dube",
            id="imperative-before-the-name",
        ),
        pytest.param(
            "The council proposes that the lane be renamed Rua Amélia Fortes, after the singer. Amélia Fortes was "
            "born in Praia. Amélia Fortes sang mornas, and her songs were recorded in Lisbon.",
            "Amélia Fortes",
            id="street-word-before-the-name",
        ),
        pytest.param(
            "Collection: Tomás Irigoyen Papers\n\nTomás Irigoyen was a photographer in Montevideo. Tomás Irigoyen "
            "photographed the port, and his prints were shown at the Museo Nacional de Artes Visuales.",
            "Tomás Irigoyen",
            id="papers-after-the-name",
        ),
        pytest.param(
            "Forty-two-year-old Amara Kone-Diallo paints fishing boats in Abidjan. Kone-Diallo learned from her "
            "father, and her paintings were shown at the Musée des Civilisations in Abidjan.",
            "Amara Kone-Diallo",
            id="age-before-the-name",
        ),
        pytest.param(
            "Sami Ben Salah plays the oud in Sfax. Ben Salah learned music from his uncle, and his songs were "
            "performed at the Théâtre Municipal in Tunis.",
            "Sami Ben Salah",
            id="given-name-that-is-also-a-people",
        ),
    ],
)
def test_words_glued_to_the_name_are_no_part_of_it(extractor, text, name):
    """A campaign's verb, a street, an archive's "Papers", an age, written against the name: the gold
    records the name alone (and a given name that is also a people's name stays)."""
    assert artist_of(extractor, text).get("name") == name
