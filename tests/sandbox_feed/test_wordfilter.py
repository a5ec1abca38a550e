"""The word filter finds Dutch swear words, slurs and personal details the way pupils really type them,
and leaves the harmless words that look like them alone. No database: the matcher is pure Python."""

import dataclasses
import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError

from sandbox_feed import wordfilter
from sandbox_feed.wordfilter import (
    HitKind,
    WordAction,
    build_matcher,
    censor,
    load_starter_list,
    strongest_action,
    validate_pattern,
)

# A small list of its own, so these tests do not change when a school's starter list does.
ENTRIES = [
    ("*kanker*", WordAction.APPROVE),
    ("neger*", WordAction.BLOCK),
    ("kut*", WordAction.CENSOR),
    ("*wijf", WordAction.FLAG),
    ("lul", WordAction.CENSOR),
    ("loser*", WordAction.FLAG),
    ("dom", WordAction.FLAG),
    ("stom", WordAction.FLAG),
    ("hoer*", WordAction.APPROVE),
    ("shit*", WordAction.CENSOR),
    ("klootzak", WordAction.APPROVE),
    ("rot op", WordAction.FLAG),
    ("lol", WordAction.FLAG),
]
ALLOW = ["kankeronderzoek*", "kankerbestrijding", "longkanker", "negeer*", "negeren*", "hoera*", "shiitake", "stoom"]


@pytest.fixture(scope="module")
def matcher():
    return build_matcher(ENTRIES, ALLOW)


def words(matcher, text):
    return [(hit.text, hit.pattern) for hit in matcher.check(text) if hit.kind == HitKind.WORD]


def kinds(matcher, text):
    return [(hit.text, hit.kind) for hit in matcher.check(text)]


# --- whole words, wildcards and the allow-list ---------------------------------------------------------


@pytest.mark.parametrize("text", ["Het domein van de school", "We zagen de Domtoren", "domme", "wisdom"])
def test_a_whole_word_pattern_leaves_longer_words_alone(matcher, text):
    assert words(matcher, text) == []


def test_a_whole_word_pattern_hits_the_word_itself(matcher):
    assert words(matcher, "Wat ben jij dom, zeg.") == [("dom", "dom")]


def test_a_trailing_wildcard_hits_compounds(matcher):
    assert words(matcher, "Jij kankerlijer") == [("kankerlijer", "*kanker*")]


def test_a_leading_wildcard_hits_the_whole_compound(matcher):
    # The hit must be the whole word, not just its tail, or the pupil is told about half a word.
    assert words(matcher, "teringkanker!") == [("teringkanker", "*kanker*")]


def test_a_leading_wildcard_alone_does_not_let_the_word_go_on():
    only_leading = build_matcher([("*kanker", WordAction.APPROVE)])
    assert [hit.text for hit in only_leading.check("teringkanker kankerlijer")] == ["teringkanker"]


@pytest.mark.parametrize(
    "text", ["Mijn oma helpt bij kankeronderzoek", "KWF Kankerbestrijding", "Hij had longkanker", "kankeronderzoeken"]
)
def test_allowed_compounds_are_not_hit_by_a_wildcard(matcher, text):
    assert words(matcher, text) == []


def test_the_allow_list_only_excuses_its_own_words(matcher):
    # "kankeronderzoek" is allowed, the curse in the same sentence is not.
    assert words(matcher, "kankeronderzoek is saai, kanker") == [("kanker", "*kanker*")]


def test_hoera_is_not_a_curse_but_hoer_is(matcher):
    assert words(matcher, "Hoera! Hoeraaaa!") == []
    assert words(matcher, "hoer") == [("hoer", "hoer*")]


def test_vowel_length_counts_on_the_allow_list(matcher):
    # Collapsing letters makes "negeer" read as "neger"; allowing "negeer*" must not allow the slur.
    assert words(matcher, "Negeer hem gewoon, dan negeert hij jou ook. Negeren helpt.") == []
    assert words(matcher, "neger") == [("neger", "neger*")]
    assert words(matcher, "neeeeger") == [("neeeeger", "neger*")]


def test_stoom_is_allowed_but_an_emphatic_stom_is_not(matcher):
    assert words(matcher, "stoom") == []
    assert words(matcher, "stoooom") == [("stoooom", "stom")]


def test_an_allow_entry_equal_to_an_entry_switches_it_off():
    # How a class list overrules its school's list; other words of the list keep working.
    overruled = build_matcher([("kanker*", WordAction.APPROVE), ("dom", WordAction.FLAG)], ["Kánker*"])
    assert [hit.text for hit in overruled.check("kanker, kankerlijer en dom")] == ["dom"]


def test_a_phrase_matches_across_punctuation_and_without_space(matcher):
    for text in ["rot op!", "rot-op", "rot   op", "rotop"]:
        assert words(matcher, text) == [(text.rstrip("!"), "rot op")], text
    assert words(matcher, "rotte op") == []


# --- folding: accents, tricks, repeated letters, look-alikes ------------------------------------------


@pytest.mark.parametrize("text", ["kánker", "KANKER", "Kànkér", "kanke\u0301r", "kañker"])
def test_case_and_accents_do_not_matter(matcher, text):
    assert words(matcher, text) == [(text, "*kanker*")]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [("k4nk3r", "*kanker*"), ("l00ser", "loser*"), ("L0S3R", "loser*"), ("sh!t", "shit*"), ("k@nker", "*kanker*")],
)
def test_letter_tricks_are_seen_through(matcher, text, pattern):
    assert words(matcher, text) == [(text, pattern)]


def test_one_stands_for_both_i_and_l_without_making_lui_a_curse(matcher):
    assert words(matcher, "1ul") == [("1ul", "lul")]
    assert words(matcher, "ik ben lui") == []


def test_a_number_alone_is_not_a_word(matcher):
    # 1 and 0 are letter tricks, so "101" would read as "lol" if digits alone could hit.
    assert words(matcher, "Kamer 101") == []
    assert words(matcher, "l0l") == [("l0l", "lol")]


@pytest.mark.parametrize("text", ["kaaankerrr", "kannker", "kuuuut", "KUTTTT", "looooser"])
def test_repeated_letters_collapse(matcher, text):
    assert len(words(matcher, text)) == 1


def test_a_pattern_with_a_double_letter_still_matches_itself(matcher):
    assert words(matcher, "klootzak") == [("klootzak", "klootzak")]
    assert words(matcher, "klooooootzak") == [("klooooootzak", "klootzak")]


@pytest.mark.parametrize(
    "text",
    [
        "k\u0430nker",  # Cyrillic а
        "ｋａｎｋｅｒ",  # fullwidth
        "kan\u00adker",  # soft hyphen
        "kan\u200bker",  # zero-width space
        "𝐤𝐚𝐧𝐤𝐞𝐫",  # mathematical bold
    ],
)
def test_look_alikes_and_invisible_characters_are_seen_through(matcher, text):
    assert words(matcher, text) == [(text, "*kanker*")]


# --- word edges and offsets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("kanker!", 0, 6),
        ("(kanker)", 1, 7),
        ("«kanker»", 1, 7),
        ("kanker😡", 0, 6),
        ("😡kanker", 1, 7),
        ("jij... kanker.", 7, 13),
        ("auto's kanker", 7, 13),
    ],
)
def test_punctuation_and_emoji_end_a_word_and_stay_out_of_the_hit(matcher, text, start, end):
    [hit] = matcher.check(text)
    assert (hit.start, hit.end, hit.text) == (start, end, text[start:end])


def test_offsets_point_into_the_original_text_after_folding_changed_its_length(matcher):
    # "ﬁ" folds to two letters, "é" written as e + accent to one: positions must still be the typed ones.
    text = "Straße ﬁets cafe\u0301 😀 kaaanker en l00ser"
    hits = matcher.check(text)
    assert [(hit.start, hit.end) for hit in hits] == [(20, 28), (32, 38)]
    assert [text[hit.start : hit.end] for hit in hits] == ["kaaanker", "l00ser"]
    assert [hit.text for hit in hits] == ["kaaanker", "l00ser"]


def test_a_trailing_accent_belongs_to_the_hit(matcher):
    # Without it, masking would leave a lone accent hanging on an asterisk.
    text = "kut\u0301 hoor"
    [hit] = matcher.check(text)
    assert hit.text == "kut\u0301"
    assert censor(text, [hit]) == "k*** hoor"


def test_hits_are_in_text_order(matcher):
    hits = matcher.check("loser, kanker, dom")
    assert [hit.text for hit in hits] == ["loser", "kanker", "dom"]


def test_each_hit_names_the_entry_that_matched():
    # Many entries share beginnings in the combined regex; the hit must still name its own entry.
    entries = [(f"kanker{suffix}", WordAction.APPROVE) for suffix in ("", "lijer", "hoer", "kop", "zooi")]
    entries += [("kanker op", WordAction.APPROVE), ("kan*", WordAction.APPROVE)]
    many = build_matcher(entries)
    text = "kanker kankerlijer kankerhoer kankerkop kankerzooi kanker op kannetje"
    assert [hit.pattern for hit in many.check(text)] == [
        "kanker",
        "kankerlijer",
        "kankerhoer",
        "kankerkop",
        "kankerzooi",
        "kanker op",
        "kan*",
    ]


def test_empty_text_has_no_hits(matcher):
    assert matcher.check("") == []


# --- actions, reasons and masking ---------------------------------------------------------------------


def test_action_labels_are_dutch():
    assert [str(action.label) for action in WordAction] == [
        "Blokkeren",
        "Eerst naar de leerkracht",
        "Markeren voor de leerkracht",
        "Maskeren",
    ]


def test_the_strongest_action_decides(matcher):
    hits = matcher.check("dom, kut en neger")
    assert {hit.action for hit in hits} == {WordAction.FLAG, WordAction.CENSOR, WordAction.BLOCK}
    assert strongest_action(hits) == WordAction.BLOCK
    assert strongest_action(matcher.check("dom en kut")) == WordAction.FLAG
    assert strongest_action(matcher.check("kut")) == WordAction.CENSOR
    assert strongest_action([]) is None


def test_a_word_under_two_actions_is_reported_under_both(matcher):
    # "kutwijf" is censor (kut*) and flag (*wijf): flag decides, and the word is still masked.
    hits = matcher.check("kutwijf")
    assert [(hit.pattern, hit.action) for hit in hits] == [("*wijf", WordAction.FLAG), ("kut*", WordAction.CENSOR)]
    assert strongest_action(hits) == WordAction.FLAG
    assert censor("kutwijf", hits) == "k******"


def test_every_word_hit_explains_itself_for_its_action(matcher):
    for hit in matcher.check("neger kanker dom kut"):
        assert str(hit.reason) == str(wordfilter.WORD_REASONS[hit.action])
    assert "leerkracht" in str(wordfilter.WORD_REASONS[WordAction.APPROVE])


def test_censor_masks_only_censor_hits_and_keeps_the_length(matcher):
    text = "Kut, die loser zei shit en kanker."
    masked = censor(text, matcher.check(text))
    assert masked == "K**, die loser zei s*** en kanker."
    assert len(masked) == len(text)


def test_censor_keeps_spaces_inside_a_masked_phrase():
    phrase = build_matcher([("rot op", WordAction.CENSOR)])
    assert censor("nou rot op!", phrase.check("nou rot op!")) == "nou r** **!"


# --- personal details ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "(06) 12345678",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6 12345678",
        "0031 6 12345678",
        "0591-123456",
        "050 123 4567",
        "020-1234567",
        "０６-１２３４５６７８",
    ],
)
def test_dutch_phone_numbers_go_to_the_teacher(matcher, number):
    hits = matcher.check(f"Bel me op {number}!")
    assert [(hit.text, hit.kind, hit.action) for hit in hits] == [(number, HitKind.PHONE, WordAction.APPROVE)]


@pytest.mark.parametrize(
    "text",
    [
        "Wij zitten in groep 8",
        "3 + 4 = 7",
        "In 2026 gaan we op kamp",
        "Om 12:30 is de pauze",
        "Op 01-02-2026 12 kinderen ziek",
        "Ik heb 1234567890 punten",
        "Code 0612345678901",
        "Ik ben 06-06-2016 geboren",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_left_alone(matcher, text):
    assert matcher.check(text) == []


def test_phone_hits_say_why_in_words_for_children(matcher):
    [hit] = matcher.check("app me 06-12345678")
    assert str(hit.reason) == "Een telefoonnummer deel je niet in een feed. Iedereen kan je dan bellen of appen."
    assert hit.pattern == ""


@pytest.mark.parametrize("address", ["sanne.de.vries@school.nl", "Tim_2014+feed@Gmail.COM"])
def test_email_addresses_are_found(matcher, address):
    assert kinds(matcher, f"Mail me: {address}.") == [(address, HitKind.EMAIL)]


def test_a_mention_is_not_an_email_address(matcher):
    assert matcher.check("Goed gedaan @Sanne!") == []


@pytest.mark.parametrize(
    "address", ["Hoofdstraat 12", "Van Schaikweg 94a", "Van der Valkstraat 3", "Oudegracht 150", "Kerkpad 7-b"]
)
def test_street_addresses_are_found(matcher, address):
    assert kinds(matcher, f"Ik woon aan de {address}, kom je spelen?") == [(address, HitKind.ADDRESS)]


@pytest.mark.parametrize(
    "text",
    [
        "We stonden op de snelweg 2 uur in de file",
        "Ik was onderweg 3 keer misselijk",
        "Het schoolplein is groot",
        "De weg 12 keer oversteken",
    ],
)
def test_counts_after_a_street_word_are_not_addresses(matcher, text):
    assert matcher.check(text) == []


def test_postcodes_are_found_when_written_like_postcodes(matcher):
    assert kinds(matcher, "Mijn postcode is 7811 AB") == [("7811 AB", HitKind.POSTCODE)]
    assert kinds(matcher, "7811AB Emmen") == [("7811AB", HitKind.POSTCODE)]
    assert matcher.check("In 2026 en 2027 fietsen we 1000 km") == []


def test_personal_details_are_checked_even_with_an_empty_list():
    assert kinds(build_matcher([]), "06-12345678") == [("06-12345678", HitKind.PHONE)]


# --- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("*", "only_wildcards"),
        ("**", "only_wildcards"),
        ("k*t", "wildcard_position"),
        ("**kut", "wildcard_position"),
        ("k", "too_short"),
        ("kk", "too_short"),
        ("k1", "too_short"),
        ("kut!", "invalid_characters"),
        ("ku.t", "invalid_characters"),
        ("<b>kut</b>", "invalid_characters"),
        ("-kut", "invalid_characters"),
        ("* kut", "invalid_characters"),
        ("a" * 61, "too_long"),
    ],
)
def test_bad_patterns_are_refused_with_a_reason(pattern, code):
    with pytest.raises(ValidationError) as error:
        validate_pattern(pattern)
    assert error.value.code == code
    assert error.value.messages[0]  # a Dutch sentence for the teacher, not an empty error


@pytest.mark.parametrize(
    ("pattern", "tidied"),
    [("  kanker* ", "kanker*"), ("*kanker", "*kanker"), ("hou je bek", "hou je bek"), ("d'r", "d'r"), ("é-mo", "é-mo")],
)
def test_good_patterns_are_returned_tidied(pattern, tidied):
    assert validate_pattern(pattern) == tidied


def test_build_matcher_refuses_a_bad_pattern_and_an_unknown_action():
    with pytest.raises(ValidationError):
        build_matcher([("k*t", WordAction.BLOCK)])
    with pytest.raises(ValidationError):
        build_matcher([("kut", WordAction.BLOCK)], allow=["*"])
    with pytest.raises(ValueError, match="delete"):
        build_matcher([("kut", "delete")])


# --- the matcher is shared between threads ------------------------------------------------------------


def test_a_matcher_cannot_be_changed_after_it_is_built(matcher):
    with pytest.raises(dataclasses.FrozenInstanceError):
        matcher.entries = ()


@pytest.fixture
def _switch_threads_often():
    # With the default 5 ms a whole check() runs between two thread switches and shared state would go
    # unnoticed; a switch every microsecond lands threads inside each other's checks.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("_switch_threads_often")
def test_many_threads_share_one_matcher_and_get_the_same_answers():
    entries, allow = load_starter_list()
    shared = build_matcher(entries, allow)
    texts = [
        f"{i}: " + text
        for i, text in enumerate(
            [
                "Jij bent echt een kankerlijer 😡",
                "Mijn opa doet mee aan kankeronderzoek",
                "Bel me op 06-12345678, ik woon op de Hoofdstraat 12",
                "l00ser! kuuuut! sh!t",
                "Hoera, nieuwe kleren!",
                "Negeer hem gewoon",
                "Wat een mooie tekening, goed gedaan",
                "ｋａｎｋｅｒ en k\u0430nker",
                "Café ﬁets kánker dom",
            ]
            * 12
        )
    ]
    expected = [shared.check(text) for text in texts]
    assert sum(map(len, expected)) > 50  # the texts must exercise hits, not just clean posts

    start = threading.Barrier(8)

    def check_all(offset):
        start.wait()  # all threads inside check() at once
        order = texts[offset:] + texts[:offset]  # each thread a different text at the same moment
        return [shared.check(text) for text in order for _ in range(3)][::3], offset

    with ThreadPoolExecutor(max_workers=8) as pool:
        for results, offset in pool.map(check_all, range(0, 8 * 13, 13)):
            assert results == expected[offset:] + expected[:offset]


# --- the starter list ---------------------------------------------------------------------------------


def test_the_starter_list_builds_and_every_entry_explains_itself():
    data = json.loads(wordfilter.STARTER_LIST.read_text(encoding="utf-8"))
    assert 40 <= len(data["entries"]) <= 80
    assert all(item["note"].strip() for item in data["entries"])
    entries, allow = load_starter_list()
    assert {action for _pattern, action in entries} == set(WordAction)
    build_matcher(entries, allow)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("kankerlijer", WordAction.APPROVE),
        ("k4nk3r", WordAction.APPROVE),
        ("neger", WordAction.BLOCK),
        ("loser", WordAction.FLAG),
        ("kutweer", WordAction.CENSOR),
        ("ga dood", WordAction.APPROVE),
        ("Mijn oma doet mee aan kankeronderzoek", None),
        ("Hoera, nieuwe kleren in de klerenkast", None),
        ("Negeer hem, dan negeert hij jou", None),
        ("Mongolië ligt in Azië", None),
        ("shiitake in de soep", None),
        ("de sterren flikkeren", None),
        ("Het domein van de Domtoren", None),
        ("De Nobelprijs", None),
        ("Ik vond het lullig", None),
    ],
)
def test_the_starter_list_on_what_pupils_write(text, action):
    entries, allow = load_starter_list()
    assert strongest_action(build_matcher(entries, allow).check(text)) == action


def test_the_starter_list_is_read_again_on_every_call(tmp_path, monkeypatch):
    # A cached copy would keep serving the old list after the file changed.
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"entries": [{"pattern": "sukkel", "action": "flag"}], "allow": []}))
    monkeypatch.setattr(wordfilter, "STARTER_LIST", first)
    assert load_starter_list() == ([("sukkel", WordAction.FLAG)], [])
    first.write_text(json.dumps({"entries": [{"pattern": "kneus", "action": "flag"}], "allow": ["kneuzen"]}))
    assert load_starter_list() == ([("kneus", WordAction.FLAG)], ["kneuzen"])
