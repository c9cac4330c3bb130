"""Stage 3a: protagonist, pronoun, age and birth city."""

import pytest

from profiles.extraction.protagonist import find_age, find_birth_city


def _age(result):
    fact = find_age(result.story, result.lexicon, result.refs)
    return fact.value if fact else None


def _birth(result):
    fact = find_birth_city(result.story, result.mentions, result.lexicon, result.refs)
    return (fact.value.name, fact.value.country) if fact else None


def test_protagonist_is_the_most_mentioned_not_the_first_named(analyse):
    text = (
        "The old glassblower Henrik Saarinen had trained apprentices for years when Aino Virtanen knocked. "
        "Aino stayed. Aino learned. Later Aino Virtanen ran the furnace, and Aino still blows glass."
    )
    assert analyse(text).protagonist.name == "Aino Virtanen"


def test_critic_introduced_by_role_is_not_the_protagonist(analyse):
    text = (
        "The critic Farzona Rahimova praised Mehrangez Lindqvist. Farzona Rahimova wrote twice. "
        "Mehrangez photographed the bazaar. Mehrangez smiled."
    )
    assert analyse(text).protagonist.name == "Mehrangez Lindqvist"


def test_declared_they_pronoun(analyse):
    text = "Rin Moore, a photographer who uses they/them pronouns, lives in Osaka. Rin sold a print."
    assert analyse(text).pronoun.value == "they"


def test_no_pronoun_when_story_never_uses_one(analyse):
    text = (
        "Kaveh Rostami weaves carpets. The weaver learned in Isfahan. Visitors ask why they hang on walls, "
        "and many say they could look for hours. Kaveh Rostami answers patiently."
    )
    assert analyse(text).pronoun is None


def test_age_in_digits_not_a_relatives_age(analyse):
    text = "Ama Owusu was a 41-year-old sculptor. Her 70-year-old mother complained. Ama carved benches."
    assert _age(analyse(text)) == 41


def test_age_in_words(analyse):
    text = (
        "Nino Szabo writes plays. She grew up in Tbilisi. Her breakthrough came at forty-one with a play "
        "about sisters, and she still writes every morning."
    )
    assert _age(analyse(text)) == 41


def test_age_at_start_of_sentence(analyse):
    text = "Min Park paints. At twenty-eight, the artist has already built a name. She works in Seoul."
    assert _age(analyse(text)) == 28


def test_an_age_at_an_event_is_the_stated_age_when_no_current_one_is(analyse):
    assert _age(analyse("Ximena Huaman weaves. At nineteen Ximena moved to Lima to study design.")) == 19


def test_born_in_a_country_gives_no_birth_city(analyse):
    text = "Nadia Benali was born in Morocco to a Moroccan mother and a father from Berlin. Nadia draws."
    assert _birth(analyse(text)) is None


def test_birth_city_through_a_neighbourhood(analyse):
    text = "Kwame Asante was born in Comuna 13, the hillside neighbourhood of Medellín. Kwame paints walls."
    assert _birth(analyse(text)) == ("Medellín", "CO")


def test_grew_up_in_a_village_outside_a_city(analyse):
    text = "Bayu Moreau grew up in a village just outside Yogyakarta, Indonesia. Bayu prints."
    assert _birth(analyse(text)) == ("Yogyakarta", "ID")


def test_birth_city_named_before_the_phrase(analyse):
    text = "Lucía Fuente runs a workshop on the edge of Oaxaca, the city where she was born. Lucía fires pots."
    assert _birth(analyse(text)) == ("Oaxaca", "MX")


def test_relatives_birth_place_is_not_the_artists(analyse):
    text = "Ana Ruiz paints. Her mother was born in Lima. Ana Ruiz lives in Quito."
    assert _birth(analyse(text)) is None


# -- the learned layer's age and birth-city candidates (the committed decisions.json) -----------


def _artist(extractor, text):
    return extractor.extract(text, "story.txt")["artist"] or {}


def test_every_number_is_an_age_candidate_with_the_patterns_verdicts(analyse):
    from profiles.extraction.protagonist import age_mentions

    result = analyse("Ximena Huaman weaves. At nineteen Ximena moved to Lima. She was 88.")
    mentions = {m.fact.value: m for m in age_mentions(result.story, result.lexicon, result.refs)}
    assert set(mentions) == {19, 88}
    assert "p2=ok" in mentions[19].hits  # an age at an event: the rules' answer when no current age is stated
    assert mentions[19].passes
    assert "p8=ok" not in mentions[88].hits  # "She was 88." outside the artist's sentences: the model may
    assert not mentions[88].passes


def test_obituary_age_at_death(extractor):
    text = (
        "Lars Berg, a painter of northern light, died on Tuesday at his home in Bergen. He was 88. "
        "Berg was born in Oslo and painted the fjords for sixty years. His paintings hang in Oslo."
    )
    assert _artist(extractor, text).get("age") == 88


def test_first_person_current_age(extractor):
    text = (
        "My name is Haruka Mori and I make bowls. My grandfather taught me to throw pots when I was small. "
        "I showed my first bowls in Kyoto. I am forty-three now. I still make bowls that leak."
    )
    assert _artist(extractor, text).get("age") == 43


def test_current_age_beats_an_age_at_a_past_event(extractor):
    text = (
        "Anastasia Volkova was born in Yekaterinburg in 1974, and in 1998, aged 24, she founded a theatre. "
        "She is a theatre director and actor in Tbilisi. She is 52 now. Her new production opens this autumn."
    )
    assert _artist(extractor, text).get("age") == 52


def test_someone_elses_age_and_a_year_of_birth_are_no_age(extractor):
    text = (
        "Litia Vuni was born in 1961 in Suva. She makes pots. Her favourite student is a 19-year-old "
        "from Lautoka who, she says, has better hands than she had. Litia fires her kiln every week."
    )
    assert _artist(extractor, text).get("age") is None


def test_birth_note_of_a_wall_label(extractor):
    text = (
        'Chukwuemeka Obi\nb. 1984, Lagos\n\n"The Ferryman\'s Daughters", 2021\nOil on linen\n\n'
        "Obi paints the ferries of his childhood. He lives in Stockholm."
    )
    assert _artist(extractor, text).get("birth_city", {}).get("name") == "Lagos"


def test_birth_note_in_parentheses(extractor):
    text = (
        "Thiago Nakashima (Londrina, 1985) is a Brazilian-Japanese artist who lives and works in Curitiba. "
        "He studied ceramics in Mashiko and paints on porcelain."
    )
    assert (_artist(extractor, text).get("birth_city") or {}).get("name") == "Londrina"


def test_a_name_word_that_is_also_a_demonym_is_part_of_a_full_name(extractor):
    text = (
        "Ghulam Rasool Baloch paints trucks in Rawalpindi. Baloch learned the trade from his uncle, "
        "and his painted peacocks ride along every highway of Pakistan."
    )
    assert _artist(extractor, text).get("name") == "Ghulam Rasool Baloch"


def test_a_capitalised_role_before_a_name_and_name_particles(extractor):
    role = (
        "Photographer Leilani Kahananui-Oshiro opens her show in Honolulu this week. "
        "Kahananui-Oshiro photographs the reefs at night."
    )
    assert _artist(extractor, role).get("name") == "Leilani Kahananui-Oshiro"
    particle = "Njeri wa Kamau paints the markets of Nairobi. Njeri shows her paintings in Mombasa."
    assert _artist(extractor, particle).get("name") == "Njeri wa Kamau"


def test_birth_city_named_in_an_earlier_sentence(extractor):
    """'born there', 'grew up in this city': the birth words point back at the city named before them."""
    there = (
        "Rosa Quintero paints the stairways of Valparaiso. She was born there, above her father's shop. "
        "She showed her paintings in Santiago in 2019."
    )
    this_city = (
        "Gwen Rhys makes quilts in Cardiff. She grew up in this city, in a family of chapel singers. "
        "Her quilts were shown in London last year."
    )
    assert (_artist(extractor, there).get("birth_city") or {}).get("name") == "Valparaíso"
    assert (_artist(extractor, this_city).get("birth_city") or {}).get("name") == "Cardiff"


def test_singular_they_opening_the_sentences_and_a_plural_they_inside_them(extractor):
    artist = (
        "Kaur Lepik makes digital art. They were born in Tartu and moved to Tallinn at nineteen. "
        "Their early pieces were small browser works. They now live in Tallinn. "
        "Their first solo exhibition opens at the Tallinn Art Hall in November."
    )
    parents = (
        "Maria Lopes paints the sea. Her parents ran a bakery in Porto, and they still do. "
        "She showed her paintings in Lisbon. She lives in Porto."
    )
    assert _artist(extractor, artist).get("pronoun") == "they"
    assert _artist(extractor, parents).get("pronoun") == "she"


def test_digits_that_are_no_number_give_no_age_and_no_crash(extractor):
    # Found by the fuzzer: "0³" is digits to str.isdigit and no number to int().
    for text in (
        'Her album "²" was shown at the Almaty Museum of Art in 0³. Aru Tes paints.',
        "Aru Tes, " + "9" * 5000,
    ):
        record = extractor.extract(text, "odd.txt")
        assert "extraction failed" not in (record.get("skipped_reason") or "")


# -- age: a relative's age, a subject after the age, a child the story opens on ----------------------


def test_a_relatives_age_after_the_artists_pronoun_is_not_the_artists(analyse):
    text = (
        "Leyla Hasanova sings mugham in Baku. At 29 Leyla has recorded two albums. "
        "Her brother Elvin, 33, runs a tea house on Ganja Avenue, where she first sang."
    )
    assert _age(analyse(text)) == 29


def test_an_age_whose_subject_follows_it_is_the_artists(analyse):
    text = (
        "Olufemi Adeyemi-Cole is a photographer. Olufemi grew up in Yaba, the son of a schoolteacher and a "
        "tailor, and by the age of fourteen he was riding motorcycle taxis with a borrowed camera. "
        "He shoots the city at dawn, and he prints in his kitchen."
    )
    assert _age(analyse(text)) == 14


def test_a_child_the_story_opens_on_is_no_other_persons_age(analyse):
    from profiles.extraction.protagonist import age_mentions

    result = analyse(
        "In 1994 an eleven-year-old girl in Nakuru began collecting bicycle chains. "
        "Njeri Kariuki welds them into sculptures now. Her son, a 12-year-old boy, helps her."
    )
    mentions = {m.fact.value: m for m in age_mentions(result.story, result.lexicon, result.refs)}
    assert "p0=child" in mentions[11].hits  # the learned layer may take it: the artist young
    assert "p0=other" in mentions[12].hits  # a kin word before it: someone else's


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("He is retired now, 66, and lives in Salto, where he was born.", 66),
        ("He was 35 then, an architect in Tokyo who designed car parks.", 35),
        ("He was 29 when his prints were shown in Osaka, and 31 when he took part in a show in Kyoto.", 31),
        ("The photographer, 42, grew up in Gisborne.", 42),  # ("car parks." before it: no kin word)
    ],
)
def test_age_wordings_of_a_present_and_a_past(analyse, sentence, age):
    text = f"Jun Nakamura photographs car parks. {sentence} Nakamura prints in his kitchen."
    assert _age(analyse(text)) == age


# -- pronoun: an interview's introduction ---------------------------------------------------------


INTERVIEW = (
    "Dilnoza Yusupova draws letters for a living. We spoke in {pronoun} Tashkent studio.\n\n"
    "Q: You grew up in Bukhara. Did the city make you a calligrapher?\n\n"
    "A: Not the city, my grandfather. {other} copied poems for weddings. I sat under the table.\n\n"
    "Q: Your book came out last year. How did you start it?\n\n"
    "A: With a door, of course. I started drawing doors, then writing a line of Rumi over each one.\n\n"
    "Q: Where have you shown the work?\n\n"
    "A: In Istanbul, in 2022. I was terrified."
)


def test_an_interviews_one_pronoun_of_its_introduction_is_the_artists(analyse):
    result = analyse(INTERVIEW.format(pronoun="her", other="He"))
    assert result.pronoun is not None
    assert result.pronoun.value == "she"


def test_a_text_that_asks_nobody_needs_two_pronouns(analyse):
    text = INTERVIEW.format(pronoun="her", other="He").replace("you", "one").replace("You", "One")
    text = text.replace("Your", "The")
    assert analyse(text).pronoun is None


@pytest.mark.parametrize("clause", ["At 34, she is", "At 34, Kavya is"])
def test_a_present_clause_after_an_age_states_a_current_age(analyse, clause):
    text = (
        "Kavya Ramanathan dances Bharatanatyam in Chennai. She began lessons at five with her aunt. "
        f"{clause} one of the few dancers of her generation to take the form apart. "
        "At forty she hopes to open a school."
    )
    assert _age(analyse(text)) == 34


def test_a_singular_they_shows_itself_by_plural_kin(analyse):
    text = (
        "Andile Zungu grew up in KwaMashu and learned isicathamiya from their uncles. "
        "Andile Zungu dances barefoot on ash; they call the piece Umlilo."
    )
    assert analyse(text).pronoun.value == "they"
