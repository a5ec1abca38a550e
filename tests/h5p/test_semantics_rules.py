"""content.json text is cleaned with the reference H5P core's rules: HTML per field by its semantics' tags and
font settings, plain text escaped, styles and links checked; hostile input never survives."""

import html
import json
from pathlib import Path

import bleach.sanitizer
import pytest
from bleach.css_sanitizer import CSSSanitizer

from h5p import semantics
from h5p.semantics import clean_html, clean_params, clean_text, clean_value, escape_text, html_tags
from tests.h5p import real_exports

CONTENT_TYPES = Path(semantics.__file__).resolve().parent / "content_types"
RICH = real_exports.SEMANTICS["H5P.AdvancedText"][0]  # a rich text field with tables and font settings


def own_semantics(folder):
    return json.loads((CONTENT_TYPES / folder / "semantics.json").read_text())


def field(fields, *names):
    """The semantics field reached through `names`, e.g. field(mc, "answers", "text")."""
    current = {"fields": fields}
    for name in names:
        children = current.get("fields") or current.get("field", {}).get("fields", [])
        current = next(child for child in children if child["name"] == name)
    return current


def flat(html):
    return " ".join(html.split())


# --- our own content types' semantics -------------------------------------------------------------------------


def test_multichoice_question_keeps_its_tags_and_the_four_defaults():
    question = field(own_semantics("OEF.MultiChoice-1.0"), "question")
    text = (
        '<div><span>Let <b>op</b>:</span></div><p style="text-align: center; color: red">Mag dit?</p>'
        "<table><tr><td>cel</td></tr></table><ul><li>punt</li></ul><br>"
    )
    assert flat(clean_html(text, question)) == (
        '<div><span>Let <b>op</b>:</span></div><p style="text-align: center;">Mag dit?</p> cel punt<br>'
    )


def test_multichoice_answer_text_is_plain_and_escaped_like_the_core():
    text = field(own_semantics("OEF.MultiChoice-1.0"), "answers", "text")
    assert clean_text("Nee, \"eerst\" <em>vragen</em> & 'wachten' &amp; klaar", text) == (
        "Nee, &quot;eerst&quot; &lt;em&gt;vragen&lt;/em&gt; &amp; &#039;wachten&#039; &amp; klaar"
    )


def test_postornot_explanation_allows_italic_through_em_but_no_links():
    reasoning = field(own_semantics("OEF.PostOrNot-1.0"), "posts", "reasoning")
    cleaned = clean_html('<p><i>Let op</i> <a href="https://example.org">bron</a></p>', reasoning)
    assert cleaned == "<p><i>Let op</i> bron</p>"


def test_quiz_questions_are_cleaned_by_the_question_librarys_own_semantics():
    quiz = own_semantics("OEF.Quiz-1.0")
    multichoice = own_semantics("OEF.MultiChoice-1.0")
    content = {
        "title": "<b>Quiz</b>",
        "extra": "<script>alert(1)</script>",
        "questions": [
            {
                "library": "OEF.MultiChoice 1.0",
                "subContentId": "demo-vraag-1",
                "params": {
                    "question": "<p onclick='x()'>Vraag</p>",
                    "answers": [{"text": "<b>Ja</b>", "correct": True, "hack": "<img src=x onerror=alert(1)>"}],
                },
                "metadata": {"title": '<img src=x onerror="alert(1)">', "authors": [{"name": "<b>Els</b>", "x": 1}]},
                "evil": "<script>",
            },
            {"library": "OEF.PostOrNot 1.0", "params": {"intro": "<script>"}},
            {"library": "OEF.MultiChoice 1.0", "params": {}, "subContentId": '"><script>alert(1)</script>'},
        ],
    }
    lookup = {"OEF.MultiChoice 1.0": multichoice}.get
    cleaned = clean_params(content, quiz, lookup)
    assert cleaned == {
        "title": "&lt;b&gt;Quiz&lt;/b&gt;",
        "questions": [
            {
                "library": "OEF.MultiChoice 1.0",
                "subContentId": "demo-vraag-1",
                "params": {"question": "<p>Vraag</p>", "answers": [{"text": "&lt;b&gt;Ja&lt;/b&gt;", "correct": True}]},
                "metadata": {
                    "title": "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;",
                    "authors": [{"name": "&lt;b&gt;Els&lt;/b&gt;"}],
                },
            },
            {"library": "OEF.MultiChoice 1.0", "params": {}},
        ],
    }


def test_nested_params_of_an_unknown_library_are_emptied():
    quiz = own_semantics("OEF.Quiz-1.0")
    content = {"questions": [{"library": "OEF.MultiChoice 1.0", "params": {"question": "<script>"}}]}
    assert clean_params(content, quiz, lambda name: None)["questions"] == [
        {"library": "OEF.MultiChoice 1.0", "params": {}}
    ]


# --- which tags -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "brings"),
    [
        ([], set()),
        (
            ["table"],
            {
                "table",
                "tr",
                "td",
                "th",
                "colgroup",
                "col",
                "thead",
                "tbody",
                "tfoot",
                "caption",
                "figure",
                "figcaption",
            },
        ),
        (["ul"], {"ul", "li"}),
        (["ol"], {"ol", "li"}),
        (["del"], {"del", "s"}),
        (["strike"], {"strike", "s"}),
        (["b"], {"b", "strong"}),
        (["strong"], {"strong", "b"}),
        (["i"], {"i", "em"}),
        (["em"], {"em", "i"}),
    ],
)
def test_listed_tags_bring_their_companions_and_the_four_defaults(listed, brings):
    assert html_tags({"tags": listed}) == {"div", "span", "p", "br"} | brings


def test_a_field_is_html_only_when_its_semantics_has_tags():
    assert html_tags({"widget": "html"}) is None
    assert clean_text("<p>hoi</p>", {"widget": "html"}) == "&lt;p&gt;hoi&lt;/p&gt;"
    assert clean_text("<p>hoi</p>", {"tags": []}) == "<p>hoi</p>"


@pytest.mark.parametrize("tag", ["script", "style", "textarea", "option", "select", "iframe", "object", "embed", "svg"])
def test_dangerous_tags_never_survive_even_when_a_semantics_lists_them(tag):
    assert tag not in html_tags({"tags": [tag, "p"]})
    cleaned = clean_html(f"<p>a</p><{tag}>b</{tag}>", {"tags": [tag, "p"]})
    assert f"<{tag}" not in cleaned


def test_non_text_in_a_text_field_becomes_empty_like_the_core():
    assert clean_text({"a": "<script>"}, {"tags": ["p"]}) == ""
    assert clean_text(["x"], {}) == ""


# --- styles -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "style", "kept"),
    [
        ({}, "text-align: justify", "text-align: justify;"),
        ({}, "font-size: 12px", ""),
        ({"size": True}, "font-size: 1.5em", "font-size: 1.5em;"),
        ({"size": True}, "font-size: 12pt", "font-size: 12pt;"),
        (
            {"family": True},
            "font-family: Arial, Helvetica, sans-serif",
            "font-family: Arial, Helvetica, sans-serif;",
        ),
        ({"size": True}, "font-family: Arial", ""),
        ({"color": True}, "color: #00ff00", "color: #00ff00;"),
        ({"color": True}, "color: rgb(0, 128, 0)", "color: rgb(0, 128, 0);"),
        ({"color": True}, "color: darkgreen", "color: darkgreen;"),
        ({"background": True}, "background-color: #ffff00", "background-color: #ffff00;"),
        ({"color": True}, "background-color: #ffff00", ""),
        ({"height": True}, "line-height: 1.5", "line-height: 1.5;"),
        ({"spacing": True}, "letter-spacing: 2px", "letter-spacing: 2px;"),
    ],
)
def test_style_properties_survive_only_when_the_fields_font_settings_allow_them(font, style, kept):
    cleaned = clean_html(f'<span style="{style}">x</span>', {"tags": [], "font": font})
    expected = f'<span style="{kept}">x</span>' if kept else "<span>x</span>"
    assert cleaned == expected


def test_quoted_font_family_names_are_kept():
    text = "<span style=\"font-family: 'Comic Sans MS', cursive\">x</span>"
    cleaned = clean_html(text, {"tags": [], "font": {"family": True}})
    assert cleaned == "<span style='font-family: \"Comic Sans MS\", cursive;'>x</span>"


def test_text_align_only_takes_its_four_values():
    assert clean_html('<p style="text-align: centre">x</p>', {"tags": []}) == "<p>x</p>"
    for value in ("left", "center", "right", "justify"):
        assert (
            clean_html(f'<p style="text-align:{value}">x</p>', {"tags": []}) == f'<p style="text-align: {value};">x</p>'
        )


def test_table_styles_are_kept_only_in_fields_that_allow_tables():
    cell = '<table><tbody><tr><td style="padding: 4px; vertical-align: middle; width: 50%">x</td></tr></tbody></table>'
    assert 'style="padding: 4px; vertical-align: middle; width: 50%;"' in clean_html(cell, {"tags": ["table"]})
    assert clean_html('<p style="padding: 4px; width: 50%">x</p>', {"tags": ["p"]}) == "<p>x</p>"


def test_style_stays_off_tags_the_core_does_not_style():
    assert clean_html('<strong style="text-align: center">x</strong>', {"tags": ["strong"]}) == "<strong>x</strong>"


@pytest.mark.parametrize(
    "style",
    [
        "width: expression(alert(1))",
        "background-color: url(javascript:alert(1))",
        "color: red; background-image: url(javascript:alert(1))",
        "-moz-binding: url(http://evil/xss.xml#x)",
        "behavior: url(x.htc)",
        "color: red !important",
        "font-size: 12px expression(alert(1))",
        "width: calc(100% - var(--x))",
        "color: rgb(0,0,0) url(x)",
        "font-family: x; font-family: \\65xpression(alert(1))",
        "color: /**/expression(alert(1))",
        "position: fixed; top: 0",
    ],
)
def test_hostile_styles_are_dropped(style):
    field_ = {"tags": ["table"], "font": {"size": True, "family": True, "color": True, "background": True}}
    cleaned = clean_html(f'<p style="{style}">x</p><td style="{style}">y</td>', field_).lower()
    for bad in (
        "expression",
        "url(",
        "javascript",
        "binding",
        "behavior",
        "important",
        "calc",
        "var(",
        "position",
        "\\",
    ):
        assert bad not in cleaned


# --- links and hostile markup -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href", ["https://www.mediawijsheid.nl/?a=1", "http://x.nl", "ftp://x.nl/f", "mailto:juf@school.nl", "#top"]
)
def test_links_keep_safe_addresses_target_and_rel(href):
    cleaned = clean_html(
        f'<a href="{href}" target="_blank" rel="noopener" title="Meer" onclick="x()">meer</a>', {"tags": ["a"]}
    )
    assert cleaned == f'<a href="{href.replace("&", "&amp;")}" target="_blank" rel="noopener" title="Meer">meer</a>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "jav&#x0A;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
    ],
)
def test_links_with_unsafe_schemes_lose_their_href(href):
    assert clean_html(f'<a href="{href}">klik</a>', {"tags": ["a"]}) == "<a>klik</a>"


def test_a_link_target_must_be_a_browsing_context_keyword():
    assert clean_html('<a href="#x" target="javascript:x">x</a>', {"tags": ["a"]}) == '<a href="#x">x</a>'


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<p onmouseover=alert(1)>x</p>",
        "<svg onload=alert(1)><circle/></svg>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        "<!--<script>alert(1)</script>-->",
        '<p>x</p><form action="https://evil"><input name=pw></form>',
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        '<a href="javascript&colon;alert(1)">x</a>',
        '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    ],
)
def test_hostile_markup_never_survives(text):
    cleaned = clean_html(text, RICH).lower()
    for bad in (
        "<script",
        "onerror",
        "onmouseover",
        "onload",
        "<svg",
        "<math",
        "<iframe",
        "<img",
        "<form",
        "<input",
    ):
        assert bad not in cleaned
    # What a browser reads from the attributes: "&amp;colon;" stays a literal "&colon;", never a scheme.
    assert "javascript:" not in html.unescape(cleaned)


def test_a_table_heavy_text_from_the_editor_survives_unchanged():
    assert clean_html(real_exports.TABLE_TEXT, RICH) == real_exports.TABLE_TEXT


# --- other field types ------------------------------------------------------------------------------------


def test_select_values_are_escaped_and_objects_dropped():
    select = {"type": "select", "options": [{"value": "a"}]}
    assert clean_value('"><script>', select, None) == "&quot;&gt;&lt;script&gt;"
    assert clean_value({"x": "<script>"}, select, None) is None
    assert clean_value(["a", "<b>", {"x": 1}], {**select, "multiple": True}, None) == ["a", "&lt;b&gt;"]


def test_numbers_stay_numbers():
    assert clean_value(3.5, {"type": "number"}, None) == 3.5
    assert clean_value("<script>", {"type": "number"}, None) == 0
    assert clean_value(True, {"type": "number"}, None) == 0


def test_file_like_values_keep_known_keys_and_escaped_paths():
    image = {
        "path": 'images/foto".png',
        "mime": "image/png",
        "width": "300",
        "height": 200,
        "copyright": {"license": "U", "author": "<b>Els</b>", "evil": "<script>"},
        "onload": "alert(1)",
    }
    assert clean_value(image, {"type": "image"}, None) == {
        "path": "images/foto&quot;.png",
        "mime": "image/png",
        "height": 200,
        "copyright": {"license": "U", "author": "&lt;b&gt;Els&lt;/b&gt;"},
    }
    video = [
        {"path": "https://www.youtube.com/watch?v=x", "mime": "video/YouTube", "quality": {"level": 1, "label": "<b>"}}
    ]
    assert clean_value(video, {"type": "video"}, None) == [
        {
            "path": "https://www.youtube.com/watch?v=x",
            "mime": "video/YouTube",
            "quality": {"level": 1, "label": "&lt;b&gt;"},
        }
    ]


def test_a_one_field_group_is_read_flattened_like_the_editor_saves_it():
    group = {"type": "group", "fields": [{"name": "text", "type": "text", "tags": ["p"]}]}
    assert clean_value("<p>x</p><script>y</script>", group, None) == "<p>x</p>y"
    assert clean_value({"text": "<p>x</p>", "extra": 1}, group, None) == {"text": "<p>x</p>"}


def test_unknown_field_types_and_keys_are_dropped():
    fields = [{"name": "a", "type": "text"}, {"name": "b", "type": "mystery"}]
    assert clean_params({"a": "<b>", "b": "<script>", "c": "<script>"}, fields, None) == {"a": "&lt;b&gt;"}


def test_escape_text_does_not_encode_entities_twice():
    assert escape_text("&amp; &eacute; &#233; &#xE9; & &bogus") == "&amp; &eacute; &#233; &#xE9; &amp; &amp;bogus"


def test_no_cleaner_lives_at_module_level():
    # bleach's Cleaner and its parsers keep state between calls; requests run in many threads at once.
    shared = [
        name for name, value in vars(semantics).items() if isinstance(value, bleach.sanitizer.Cleaner | CSSSanitizer)
    ]
    assert shared == []
