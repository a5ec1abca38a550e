"""The feed's fast choice widgets (issue 15): byte-for-byte the HTML of Django's stock RadioSelect and
CheckboxSelectMultiple templates, without going through the template engine, and through the templates again
whenever a template, a renderer or a value could make the two differ."""

import uuid
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sandbox_feed import widgets as fast
from sandbox_feed.choices import PeopleOnPhoto, PostKind, SourceKind
from sandbox_feed.forms import PostForm, TeacherPostForm
from tests.factories import PupilFactory

STOCK = {fast.RadioSelect: forms.RadioSelect, fast.CheckboxSelectMultiple: forms.CheckboxSelectMultiple}
both_kinds = pytest.mark.parametrize("fast_class", list(STOCK), ids=["radio", "checkbox"])

CHOICES = [("a", "Appel"), ("b", "Banaan"), ("c", "Citroen")]
STOCK_WIDGETS = "django/forms/widgets/"


@contextmanager
def no_templates():
    """The template engine switched off, so what renders inside can only have taken the fast path."""
    with mock.patch.object(DjangoTemplates, "get_template", side_effect=AssertionError("went through a template")):
        yield


def render_fast(widget, *args, **kwargs):
    with no_templates():
        return widget.render(*args, **kwargs)


def assert_parity(fast_class, name, value, attrs=None, *, choices=CHOICES, widget_attrs=None):
    fast_widget = fast_class(attrs=widget_attrs, choices=choices)
    stock_widget = STOCK[fast_class](attrs=widget_attrs, choices=choices)
    html = render_fast(fast_widget, name, value, attrs)
    assert isinstance(html, SafeString)
    assert html == stock_widget.render(name, value, attrs)
    return html


# Single widgets ---------------------------------------------------------------------------------------------


@both_kinds
@pytest.mark.parametrize("value", [None, "", []])
def test_no_value(fast_class, value):
    html = assert_parity(fast_class, "fruit", value, {"id": "id_fruit"})
    assert "checked" not in html
    assert html.count("<input") == 3


@both_kinds
def test_one_checked(fast_class):
    html = assert_parity(fast_class, "fruit", "b", {"id": "id_fruit"})
    assert html.count(" checked") == 1
    assert 'value="b" id="id_fruit_1" checked>' in html


def test_several_checked():
    html = assert_parity(fast.CheckboxSelectMultiple, "fruit", ["a", "c"], {"id": "id_fruit"})
    assert html.count(" checked") == 2


def test_several_values_on_a_radio_check_only_the_first():
    html = assert_parity(fast.RadioSelect, "fruit", ["c", "a"], {"id": "id_fruit"})
    assert html.count(" checked") == 1


@both_kinds
@pytest.mark.parametrize("value", [2, "2", [2], [10000], ["1", 10000]])
def test_int_and_str_values(fast_class, value):
    choices = [(1, "een"), (2, "twee"), (10000, "tienduizend"), ("10000", "als tekst")]
    html = assert_parity(fast_class, "getal", value, {"id": "id_getal"}, choices=choices)
    assert "checked" in html
    assert 'value="10000"' in html  # stringformat:'s', never localized to 10.000


@both_kinds
def test_numbers_in_labels_are_localized_like_the_template(fast_class, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    choices = [(Decimal("1.5"), Decimal("2.5")), (1, 12345), (2, 3.25)]
    with translation.override("nl"):
        html = assert_parity(fast_class, "getal", [1], {"id": "id_getal"}, choices=choices)
    assert 'value="1.5"' in html
    assert " 2,5</label>" in html
    assert " 12.345</label>" in html


@both_kinds
def test_escaping_of_labels_and_values(fast_class):
    choices = [
        ('a"b', 'Tom & Jerry <script>alert("x")</script>'),
        ("<c>", "it's 'quoted'"),
        (mark_safe("<safe>"), mark_safe("<em>al veilig</em>")),
        ("&amp;", "&amp; al een entiteit"),
    ]
    html = assert_parity(fast_class, "naam", ['a"b', "<safe>"], {"id": 'id_"naam"'}, choices=choices)
    assert "&lt;script&gt;" in html
    assert 'value="a&quot;b"' in html
    assert "<em>al veilig</em>" in html
    assert 'value="<safe>"' in html  # a safe value stays unescaped through stringformat, as in the template
    assert "&amp;amp;" in html


@both_kinds
@pytest.mark.parametrize("language", ["nl", "en"])
def test_lazy_translated_labels(fast_class, language):
    choices = [("ja", _("Ja, toestemming")), ("nee", _("Nee, geen toestemming")), *PeopleOnPhoto.choices]
    with translation.override(language):
        html = assert_parity(fast_class, "besluit", "nee", {"id": "id_besluit"}, choices=choices)
        assert f" {PeopleOnPhoto.CLASSMATES.label}</label>" in html
        assert f" {_('Ja, toestemming')}</label>" in html


@both_kinds
def test_text_choices_values(fast_class):
    html = assert_parity(
        fast_class, "source_kind", SourceKind.QUOTE, {"id": "id_source_kind"}, choices=SourceKind.choices
    )
    assert 'value="quote" id="id_source_kind_1" checked>' in html


@both_kinds
@pytest.mark.parametrize("value", ["b", ["b", "x"], None])
def test_grouped_choices(fast_class, value):
    choices = [
        ("los", "Los"),
        ("Fruit <vers>", [("a", "Appel"), ("b", "Banaan")]),
        ("Groente", [("x", "Prei"), ("y", "Ui")]),
        ("", [("z", "Zonder groepsnaam")]),
        (0, [("n", "Groep nul")]),
        ("Zonder waarde", [(None, "None binnen een groep blijft None: geen value-attribuut")]),
    ]
    html = assert_parity(fast_class, "eten", value, {"id": "id_eten"}, choices=choices)
    assert "\n  <div><label>Fruit &lt;vers&gt;</label><div>" in html
    assert 'id="id_eten_1_1"' in html
    assert f'<input type="{fast_class.input_type}" name="eten" id="id_eten_5_0">' in html


@both_kinds
def test_empty_and_none_choices(fast_class):
    assert assert_parity(fast_class, "leeg", None, {"id": "id_leeg"}, choices=[]) == '<div id="id_leeg">\n</div>'
    html = assert_parity(fast_class, "leeg", "", {"id": "id_leeg"}, choices=[(None, "Geen"), ("", "Leeg")])
    assert html.count('value=""') == 2


@both_kinds
def test_required_disabled_and_extra_attrs(fast_class):
    attrs = {"id": "id_keus", "required": True, "disabled": True, "aria-describedby": "id_keus_helptext"}
    html = assert_parity(fast_class, "keus", "a", attrs, widget_attrs={"class": "keuzes inline"})
    assert '<div id="id_keus" class="keuzes inline">' in html
    assert 'class="keuzes inline" id="id_keus_2" required disabled aria-describedby="id_keus_helptext">' in html


@both_kinds
def test_true_false_and_other_attr_values(fast_class):
    attrs = {
        "id": "id_keus",
        "data-aan": True,
        "data-uit": False,
        "data-nul": 0,
        "data-een": 1,
        "data-niets": None,
        "data-leeg": "",
        "data-lijst": (1, 2),
        "data-lazy": _("Mededeling"),
    }
    html = assert_parity(fast_class, "keus", None, attrs)
    assert " data-aan " in html
    assert "data-uit" not in html
    assert 'data-nul="0"' in html
    assert 'data-een="1"' in html
    assert 'data-niets="None"' in html
    assert 'data-lijst="(1, 2)"' in html


@both_kinds
@pytest.mark.parametrize("attrs", [None, {}, {"id": ""}, {"id": 7}, {"class": "zonder-id"}])
def test_no_id_and_odd_ids(fast_class, attrs):
    html = assert_parity(fast_class, "keus", "a", attrs)
    assert html.count("<label") == 3


@both_kinds
def test_without_wrap_label(fast_class):
    class NoWrap:
        def create_option(self, *args, **kwargs):
            return {**super().create_option(*args, **kwargs), "wrap_label": False}

    fast_widget = type("FastNoWrap", (NoWrap, fast_class), {})(choices=CHOICES)
    stock_widget = type("StockNoWrap", (NoWrap, STOCK[fast_class]), {})(choices=CHOICES)
    html = render_fast(fast_widget, "keus", "a", {"id": "id_keus"})
    assert html == stock_widget.render("keus", "a", {"id": "id_keus"})
    assert "<label" not in html


class PupilsForm(forms.Form):
    tagged = forms.ModelMultipleChoiceField(queryset=None, required=False, widget=fast.CheckboxSelectMultiple)
    one = forms.ModelChoiceField(queryset=None, widget=fast.RadioSelect, help_text=_("Kies er een."))
    required_tags = forms.ModelMultipleChoiceField(queryset=None, widget=fast.CheckboxSelectMultiple)
    locked = forms.ModelChoiceField(queryset=None, required=False, disabled=True, widget=fast.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pupils = get_user_model().objects.filter(username__startswith="widget-").order_by("first_name")
        for field in self.fields.values():
            field.queryset = pupils


def stock_twin(form):
    """The same form with Django's own widgets swapped in (same attrs and choices)."""
    for field in form.fields.values():
        stock_class = STOCK.get(type(field.widget))
        if stock_class:
            field.widget.__class__ = stock_class
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("bound", [False, True])
def test_model_choice_fields_over_real_pupils(bound):
    pupils = [
        PupilFactory(username=f"widget-{n}", first_name=name)
        for n, name in enumerate(["Zoë", "Ab <script>", "Daan & Noor", 'Sem "de" Kei'])
    ]
    data = {"tagged": [pupils[0].pk, pupils[2].pk], "one": str(pupils[1].pk)} if bound else None
    fast_form, stock_form = PupilsForm(data), stock_twin(PupilsForm(data))
    if bound:
        assert not fast_form.is_valid() and not stock_form.is_valid()  # required_tags is missing
    for name in fast_form.fields:
        with no_templates():
            html = fast_form[name].as_widget()
        assert html == str(stock_form[name])
        assert html.count("<input") == 4
    assert "Ab &lt;script&gt;" in html
    assert str(fast_form) == str(stock_form)
    if bound:
        assert str(fast_form["tagged"]).count(" checked") == 2
    assert " required" not in str(fast_form["required_tags"])  # Django drops it for a checkbox list
    assert str(fast_form["one"]).count(" required") == 4
    assert str(fast_form["locked"]).count(" disabled") == 4


# Whole composer forms ---------------------------------------------------------------------------------------


COMPOSER_FAST_FIELDS = {"tagged": fast.CheckboxSelectMultiple, "people_on_photo": fast.RadioSelect}


def render_all(form):
    return [str(form), *(str(form[name]) for name in form.fields)]


@pytest.mark.django_db
@pytest.mark.parametrize("teacher_form", [False, True], ids=["pupil", "teacher"])
@pytest.mark.parametrize("bound", [False, True], ids=["unbound", "bound_with_errors"])
def test_composer_forms_render_the_same_as_with_stock_widgets(school_class, teacher, pupil, teacher_form, bound):
    school_class.pupils.add(*PupilFactory.create_batch(20), PupilFactory(first_name="Zoë <&> 'x'"))
    tags = list(school_class.pupils.order_by("pk")[:3])
    key = uuid.UUID(int=15)
    data = None
    if bound:
        data = {
            "text": "",  # an error: the text is required
            "tagged": [p.pk for p in tags],
            "people_on_photo": PeopleOnPhoto.CLASSMATES,
            "source_kind": SourceKind.QUOTE,
            "submission_key": str(key),
            "post_kind": PostKind.SCENARIO,
        }
    form_class = TeacherPostForm if teacher_form else PostForm
    author = teacher if teacher_form else pupil

    def make():
        return form_class(data, school_class=school_class, author=author, initial={"submission_key": key})

    fast_form = make()
    expected = {**COMPOSER_FAST_FIELDS, "source_kind": fast.RadioSelect}
    if teacher_form:
        expected["post_kind"] = fast.RadioSelect
    assert {name: type(fast_form.fields[name].widget) for name in expected} == expected
    stock_form = stock_twin(make())
    assert type(stock_form.fields["tagged"].widget) is forms.CheckboxSelectMultiple

    if bound:
        assert not fast_form.is_valid() and not stock_form.is_valid()
        assert "text" in fast_form.errors
    fast_html = render_all(fast_form)
    assert fast_html == render_all(stock_form)
    tagged = str(fast_form["tagged"])
    assert tagged.count("<input") == 24
    assert "Zoë &lt;&amp;&gt; &#x27;x&#x27;" in tagged
    assert tagged.count(" checked") == (3 if bound else 0)


# When the fast path must not be taken ------------------------------------------------------------------------


def finds_stock_templates(renderer):
    """Whether `renderer` finds every template the fast path stands in for in Django's own folder."""
    return all(
        Path(renderer.get_template(name).origin.name).resolve() == fast.STOCK_TEMPLATE_DIR / name
        for name in fast.STOCK_TEMPLATES
    )


def test_the_project_does_not_override_the_templates_the_fast_path_stands_in_for():
    # An override would be ignored by the fast widgets: whoever adds one must render through templates again.
    assert finds_stock_templates(get_default_renderer())


@both_kinds
def test_the_project_renderer_takes_the_fast_path(fast_class):
    renderer = get_default_renderer()
    assert type(renderer) is DjangoTemplates
    with mock.patch.object(DjangoTemplates, "render", side_effect=AssertionError("went through a template")):
        html = fast_class(choices=CHOICES).render("keus", "a", {"id": "id_keus"})
    assert html.count("<input") == 3


@both_kinds
@pytest.mark.parametrize("attribute", ["template_name", "option_template_name"])
def test_a_custom_template_renders_through_the_templates(fast_class, attribute):
    widget = fast_class(choices=CHOICES)
    setattr(widget, attribute, "sandbox_feed/eigen_keuzes.html")
    with mock.patch.object(DjangoTemplates, "render", return_value="EIGEN TEMPLATE") as render:
        html = widget.render("keus", "a", {"id": "id_keus"})
    assert html == "EIGEN TEMPLATE"
    render.assert_called_once()
    assert render.call_args.args[0] == widget.template_name
    context = render.call_args.args[1]
    assert context["widget"]["optgroups"][0][1][0]["template_name"] == widget.option_template_name


@both_kinds
def test_another_kind_of_renderer_renders_through_the_templates(fast_class):
    class OwnRenderer(DjangoTemplates):
        def render(self, template_name, context, request=None):
            return f"eigen renderer: {template_name}"

    html = fast_class(choices=CHOICES).render("keus", "a", renderer=OwnRenderer())
    assert html == f"eigen renderer: {fast_class.template_name}"


@pytest.mark.parametrize("overridden", ["input.html", "attrs.html", "multiple_input.html"])
def test_an_overridden_stock_template_would_fail_the_suite(tmp_path, overridden):
    folder = tmp_path / STOCK_WIDGETS
    folder.mkdir(parents=True)
    (folder / overridden).write_text("<p>eigen {{ widget.name }}</p>")
    renderer = DjangoTemplates()
    renderer.engine = DjangoTemplatesBackend(
        {"APP_DIRS": True, "DIRS": [tmp_path, fast.STOCK_TEMPLATE_DIR], "NAME": "overridden", "OPTIONS": {}}
    )
    assert not finds_stock_templates(renderer)


@both_kinds
@pytest.mark.parametrize(
    "attrs",
    [{"data-later": lambda: "aangeroepen"}, {"items": ["ab"]}],
    ids=["callable", "items_key"],
)
def test_values_only_the_template_engine_handles_fall_back(fast_class, attrs):
    widget, stock = fast_class(choices=CHOICES), STOCK[fast_class](choices=CHOICES)
    with mock.patch.object(DjangoTemplates, "render", wraps=get_default_renderer().render) as render:
        html = widget.render("keus", "a", attrs, renderer=get_default_renderer())
    render.assert_called_once()
    assert html == stock.render("keus", "a", attrs)
    assert "<input" in html


@both_kinds
def test_a_callable_group_name_falls_back(fast_class):
    # Callable labels are already called by normalize_choices(); a group's name is not, but the template calls it.
    choices = [("a", "Appel"), (lambda: "aangeroepen groep", [("b", "Banaan")])]
    html = fast_class(choices=choices).render("keus", "b")
    assert html == STOCK[fast_class](choices=choices).render("keus", "b")
    assert "<label>aangeroepen groep</label>" in html
