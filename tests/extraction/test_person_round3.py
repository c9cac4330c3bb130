"""Round 3 of the person fields: whether a text is about an artist at all, as one learned decision."""

from profiles.extraction.candidates import DECISIONS, FIELDS, Candidate
from profiles.extraction.trainer import Example, gold_keys, label, thresholds

COLLECTOR = (
    "Every Saturday morning Martin Oduya drives to the flea market in Nairobi with an empty boot and comes home "
    "with it full. He is a dentist during the week.\n\n"
    "Over twenty years he has collected more than four hundred paintings, most of them by painters nobody else "
    "was buying. His favourite is a small oil by Wanjiru Kamau, a painter from Nakuru, which he bought for the "
    "price of a lunch. Kamau later had a solo show at the Circle Art Gallery, and Oduya lent the picture for it.\n\n"
    "His flat has no empty wall left. He says he will stop buying when his wife asks him to, and she has not "
    "asked yet."
)

PAINTER = (
    "Every Saturday morning Martin Oduya drives to the flea market in Nairobi to buy old frames for his "
    "paintings. He is a painter, and has been since he left school.\n\n"
    "Over twenty years he has painted more than four hundred canvases, most of them of the market itself. "
    "His first solo show was at the Circle Art Gallery in 2015, and he still paints in oils every morning.\n\n"
    "His flat has no empty wall left. He says he will stop painting when his wife asks him to, and she has not "
    "asked yet."
)


def test_a_collector_who_buys_paintings_is_not_the_record_s_artist(extractor):
    record = extractor.extract(COLLECTOR, "collector.txt")
    assert record["artist"] is None
    assert record["skipped_reason"].startswith("no artist found:")
    assert "Martin Oduya" in record["skipped_reason"]
    assert record["exhibitions"] == []
    assert record["works"] == []
    assert {c["name"] for c in record["cities"]} >= {"Nairobi"}


def test_the_same_life_told_as_a_painter_s_keeps_its_artist(extractor):
    record = extractor.extract(PAINTER, "painter.txt")
    assert record["artist"]["name"] == "Martin Oduya"
    assert "painting" in record["artist"]["disciplines"]


def test_the_record_level_decision_is_a_field_of_the_learned_layer():
    assert "artist" in FIELDS
    assert DECISIONS["artist"] == "keep"


def _artist(story, probability):
    c = Candidate("artist", True, None, ["c=artist"], True)
    c.probability = probability
    return Example(story, c, False)


def test_the_artist_threshold_never_drops_a_protected_story_s_artist():
    gold = [gold_keys({"artist": {"name": "A B"}}), gold_keys({"artist": None}), gold_keys({"artist": None})]
    examples = [_artist(0, 0.3), _artist(1, 0.32), _artist(2, 0.34)]
    # Unprotected, dropping everything under 0.35 is right twice out of three.
    assert thresholds("artist", examples, gold)["drop_below"] > 0.3
    # Story 0 protected: a threshold that drops it is not taken.
    assert thresholds("artist", examples, gold, frozenset({0}))["drop_below"] <= 0.3
    # Stories that are skipped anyway (no discipline kept) do not count.
    assert thresholds("artist", examples, gold, reaching=frozenset({0}))["drop_below"] == 0.0


def test_an_artist_candidate_is_right_exactly_when_the_gold_record_has_an_artist():
    assert label("artist", True, gold_keys({"artist": {"name": "A B"}}))
    assert not label("artist", True, gold_keys({"artist": None}))


def _birth_city(extractor, text):
    record = extractor.extract(text, "story.txt")
    city = record["artist"]["birth_city"]
    return city and (city["name"], city["country"])


def test_a_place_glued_to_the_artist_s_own_noun_is_their_birthplace(extractor):
    text = (
        "A market trader, a pastor, a taxi driver and a grandmother: Kano-born performer Ibrahim Sule-Adamu plays "
        "every one of them in this one-man show, which has toured from the Edinburgh Festival Fringe to a festival "
        "in Accra. Sule-Adamu, who trained as an actor in London, changes character with nothing more than a scarf. "
        "He wrote the piece himself, and he performs it without an interval."
    )
    assert _birth_city(extractor, text) == ("Kano", "NG")


def test_a_birthplace_that_is_also_another_person_s_name_is_still_the_birthplace(extractor):
    text = (
        "Elena Dimova is a painter. She was born in Sofia in 1975 and studied at the academy there under the "
        "painter Sofia Marinova, who taught her to grind her own pigments. Dimova paints the mountains in oils. "
        "Her paintings were shown at the National Gallery in Plovdiv in 2019, and she lives in Varna."
    )
    assert _birth_city(extractor, text) == ("Sofia", "BG")


def test_a_month_before_a_year_is_a_date_not_a_birth_city(extractor):
    text = (
        "Elena Dimova is a painter. She was born in March 1975 in a village near the coast. Dimova paints the "
        "mountains in oils. Her paintings were shown at the National Gallery in Plovdiv in 2019, and she lives "
        "in Varna."
    )
    assert _birth_city(extractor, text) is None


def test_a_story_opening_on_the_artist_s_first_buyer_is_about_the_artist(extractor):
    text = (
        "Hannah Oyelowo was the first person to buy a photograph from Tunde Bakare, and she still tells the story: "
        "a market stall in Ibadan, a box of prints, and a young man who would not stop talking about light.\n\n"
        "Tunde was born in Ibadan, the son of a schoolteacher. He learned photography from a studio portraitist and "
        "then spent ten years taking the studio apart. He photographs market women at dawn, always in black and "
        "white.\n\n"
        "His first solo exhibition, at the Nike Art Gallery in Lagos, sold out. Tunde, now forty, lives in Lagos. "
        "Hannah Oyelowo still owns the first print."
    )
    record = extractor.extract(text, "buyer.txt")
    assert record["artist"]["name"] == "Tunde Bakare"
    assert record["artist"]["pronoun"] == "he"


def test_an_origin_glued_to_the_front_of_the_name_is_not_part_of_it(extractor):
    text = (
        "Kumasi-born Kofi Boateng-Asare has spent a decade weaving kente in a studio in Accra. Boateng-Asare learned "
        "the loom from his grandfather. He weaves at night, and his cloths hang in the National Museum in Accra."
    )
    assert extractor.extract(text, "kofi.txt")["artist"]["name"] == "Kofi Boateng-Asare"


def test_a_balinese_name_keeps_its_leading_word(extractor):
    text = (
        "I Nyoman Suardana was born in Gianyar, in a family of mask carvers. Suardana paints in the Batuan style, "
        "with hundreds of tiny figures in ink and wash. He has painted since he was a boy, and his paintings were "
        "shown at the Museum Puri Lukisan in Ubud."
    )
    assert extractor.extract(text, "nyoman.txt")["artist"]["name"] == "I Nyoman Suardana"


def test_an_artist_whose_art_form_no_cue_names_is_kept_without_disciplines(extractor):
    """The record-level decision is sure she is an artist; her art (necklaces of river glass) has no cue."""
    text = (
        "Odile Marchetti-Kane has spent twenty years turning the green glass of the Loire into necklaces. She was "
        "born in Nantes in 1979 and grew up walking the river banks with her grandmother, who kept every smooth "
        "shard they found in a biscuit tin. Marchetti-Kane, now 45, still works from a small room above a bakery. "
        "Each piece takes her a week; she drills the glass by hand and threads it on waxed linen. Her first solo "
        "show opened at the Galerie Lumen in Lyon in 2021, and she is preparing a second."
    )
    record = extractor.extract(text, "glass.txt")
    assert record["skipped_reason"] is None
    assert record["artist"]["name"] == "Odile Marchetti-Kane"
    assert record["artist"]["birth_city"] == {"name": "Nantes", "country": "FR"}
    assert record["artist"]["age"] == 45
