"""Round 5 of the person fields (issue #13): classes of wording the name, age and birth city missed.

The rules' own classes are tested on the rules alone (``decisions=None``); the candidates offered to the
learned layer, through the committed decisions.json.
"""


def _artist(extractor, text):
    return extractor.extract(text, "story.txt")["artist"] or {}


# -- name: a full name the mention rules read as something else ------------------------------


def test_a_possessive_full_name_read_as_a_place_is_still_a_candidate(extractor):
    text = (
        "No one in Gaspard Lemoine's family had ever held a paintbrush. His father repaired lorries in Roubaix; "
        "his mother cleaned offices in Lille. Gaspard was supposed to become a mechanic.\n\n"
        "Instead, at fifteen, he found a box of oil paints in a skip and became a painter. He is now seventy-three, "
        "and he has painted every day since. Lemoine paints the slag heaps of the coal country. His first solo "
        "exhibition was at La Piscine in Roubaix in 2010, and his paintings have been shown at the Louvre-Lens."
    )
    artist = _artist(extractor, text)
    assert artist.get("name") == "Gaspard Lemoine"
    assert artist.get("age") == 73


def test_the_age_after_an_art_noun_in_a_story_that_opens_on_a_possessive(extractor):
    text = (
        "Nobody will find a painting in Anneliese Brandtner's new exhibition, and that is the point. The Austrian "
        "artist, 44, has filled the Kunstverein's main hall with felt. Brandtner studied sculpture in Vienna."
    )
    artist = _artist(extractor, text)
    assert artist.get("name") == "Anneliese Brandtner"
    assert artist.get("age") == 44


# -- age: current ages and ages at events the patterns missed ----------------------------------


def test_non_native_have_n_years_is_a_current_age(rules):
    text = (
        "Amelie Rakotomalala is a textile artist from Madagascar. She weave the raffia since she was child. Today "
        "she have forty-one years and she has a workshop in Antananarivo, where she show her works."
    )
    assert _artist(rules, text).get("age") == 41


def test_an_age_closing_the_sentence_after_the_name(rules):
    text = (
        "The gallery opens the first solo exhibition in the Emirates by the painter Nadia Al-Khatib, 38. She "
        "paints large canvases of the hills around Amman, and she teaches drawing on Saturdays."
    )
    assert _artist(rules, text).get("age") == 38


def test_then_n_is_the_age_at_the_event_told(rules):
    text = (
        "In 1996 the museum gave its prize to the painter Kenta Morishima, then twenty-four. Morishima paints the "
        "sea at Noto, and his canvases are huge. He showed them at the Tokyo Station Gallery."
    )
    assert _artist(rules, text).get("age") == 24


def test_an_age_in_brackets_after_the_name(extractor):
    text = (
        "The jury announces that the Young Choreographers' Award goes to Tjasa Kovacic (29), a dancer and "
        "performance artist from Ljubljana. Her solo Salt was shown at the Kino Siska in 2023."
    )
    assert _artist(extractor, text).get("age") == 29


# -- birth city ------------------------------------------------------------------------------


def test_a_quarter_of_a_later_clause_does_not_move_the_birth_city(rules):
    text = (
        "Youssef El Idrissi is a calligrapher. El Idrissi was born in Meknes in 1975 and trained for nine years "
        "with a master calligrapher in the medina of Fes. He writes enormous single letters in black ink, and his "
        "first solo show was at the Villa des Arts in Casablanca."
    )
    assert _artist(rules, text).get("birth_city") == {"name": "Meknes", "country": "MA"}


def test_the_city_before_where_she_grew_up(rules):
    text = (
        "Ayelet Ben-Haim has been photographing the same hillside for half her life. It rises behind the house in "
        "Haifa where she grew up, and in 1998 it burned. Her series of photographs of it was shown at the Tel Aviv "
        "Museum of Art."
    )
    assert _artist(rules, text).get("birth_city") == {"name": "Haifa", "country": "IL"}


def test_a_namesake_in_the_country_named_beside_the_city(extractor):
    text = (
        "Which Perth? Fiona McGregor-Lindsay has spent her whole career answering that question. The small one, "
        "she says: Perth on the River Tay, in Scotland, a town with a bridge and far too much rain.\n\n"
        "She was born there in 1969, the daughter of a whisky cooper, and she paints the Tay in flood. Her first "
        "solo exhibition was at the Fergusson Gallery, and she has shown in Edinburgh and in London."
    )
    assert _artist(extractor, text).get("birth_city") == {"name": "Perth", "country": "GB"}


def test_ages_in_words_after_was_and_after_a_name_with_now(rules):
    story = (
        "Desmond Clarke is a painter. He painted the sea on the back of bus tickets in the winter he left Kingston. "
        "He was nineteen, and it was the coldest winter anyone remembered. His canvases were shown at the "
        "Tate Britain in 2019."
    )
    assert _artist(rules, story).get("age") == 19
    story = (
        "Paulo Rasmussen carved soapstone as a boy in Apia. He trained as a painter in Aarhus. Paulo, "
        "thirty-nine now, went back to soapstone in the end, and his carvings were shown at the Aros museum."
    )
    assert _artist(rules, story).get("age") == 39
