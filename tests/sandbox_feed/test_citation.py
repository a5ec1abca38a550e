"""The citation coach applies the checklist of DOMAIN.md §2 and writes the attribution line."""

from sandbox_feed.choices import Permission, SourceKind
from sandbox_feed.citation import SourceInfo, all_passed, attribution_line, check_citation, split_quote


def outcome(text, **source):
    return {point.code: point.passed for point in check_citation(text, SourceInfo(**source))}


FULL_QUOTE_SOURCE = {
    "kind": SourceKind.QUOTE,
    "maker": "Annie M.G. Schmidt",
    "title": "Jip en Janneke",
    "date": "1953",
    "published": True,
}


def test_own_work_needs_no_checklist():
    assert check_citation("Mijn eigen gedicht over de zee", SourceInfo()) == []


def test_a_correct_quote_passes_every_point():
    points = check_citation(
        'Dit vind ik het mooiste zinnetje uit het boek: "Jip zegt hallo"', SourceInfo(**FULL_QUOTE_SOURCE)
    )
    assert all_passed(points)
    assert {p.code for p in points} == {
        "published",
        "own_addition",
        "quotation_marks",
        "own_text_dominant",
        "maker_and_source",
    }


def test_a_quote_without_quotation_marks_must_improve():
    assert outcome("Jip zegt hallo tegen Janneke in het boek", **FULL_QUOTE_SOURCE)["quotation_marks"] is False


def test_dutch_low_high_quotation_marks_count():
    assert outcome("Mooi gezegd vind ik dit: „Jip zegt hallo”", **FULL_QUOTE_SOURCE)["quotation_marks"] is True


def test_a_quote_longer_than_the_own_text_gets_a_warning():
    text = 'Mooi: "Er was eens een meisje dat heel ver weg woonde in een huisje aan de rand van het bos"'
    result = outcome(text, **FULL_QUOTE_SOURCE)
    assert result["quotation_marks"] is True
    assert result["own_text_dominant"] is False


def test_missing_maker_or_date_must_improve():
    source = dict(FULL_QUOTE_SOURCE, maker="", date="")
    assert outcome('Dit vind ik mooi uit het boek: "Jip"', **source)["maker_and_source"] is False


def test_a_private_chat_is_not_a_published_source():
    source = dict(FULL_QUOTE_SOURCE, published=False)
    assert outcome('Dit stuurde mijn vriend in de app: "hoi"', **source)["published"] is False


def test_someone_elses_image_needs_permission_or_licence():
    source = {"kind": SourceKind.IMAGE, "maker": "Fotograaf", "url": "https://example.org/f", "date": "2025"}
    assert outcome("Kijk wat een mooie vogel op deze foto", **source)["permission"] is False
    licensed = dict(source, permission=Permission.LICENCE)
    assert outcome("Kijk wat een mooie vogel op deze foto", **licensed)["permission"] is True


def test_a_paraphrase_still_needs_its_source():
    result = outcome("Ik las dat ijsberen heel goed kunnen zwemmen", kind=SourceKind.PARAPHRASE)
    assert result["paraphrase_source"] is False
    named = outcome("Ik las dat ijsberen heel goed kunnen zwemmen", kind=SourceKind.PARAPHRASE, title="Jeugdjournaal")
    assert named["paraphrase_source"] is True


def test_a_post_without_own_words_must_improve():
    assert outcome('"Jip zegt hallo"', **FULL_QUOTE_SOURCE)["own_addition"] is False


def test_split_quote_separates_quote_and_own_text():
    assert split_quote('Ik zeg "hallo daar" tegen jou') == ("hallo daar", "Ik zeg tegen jou")


def test_attribution_line_names_maker_title_and_date():
    line = attribution_line(SourceInfo(**FULL_QUOTE_SOURCE))
    assert line == "Citaat uit: Annie M.G. Schmidt, Jip en Janneke, 1953"
    assert attribution_line(SourceInfo()) == ""
