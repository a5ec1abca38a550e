"""Radio buttons and checkbox lists that render in Python instead of through Django's per-option templates.

Why: the class feed renders the composer form on every request. Django renders every option of a
RadioSelect / CheckboxSelectMultiple through four nested templates (multiple_input.html -> input_option.html ->
input.html -> attrs.html). Measured on a ~40 ms feed page: the composer's `tagged` checkbox list (24 classmates)
took ~6 ms and each radio group (`people_on_photo`, `source_kind`, the teacher's `post_kind`) ~1-1.5 ms. Measured
alone (medians, test settings, 2 cores): rendering `tagged` went from 1.7 ms to 0.24 ms (the field with its query of
the pupils from 2.6 ms to about 1 ms), the radio groups from 0.2-0.5 ms to 0.03-0.1 ms each: 5-7x faster.

What stays Django's: get_context(), optgroups() and create_option() compute attrs, ids (id_for_label), checked
state, values and labels exactly as before; only the template step is replaced. The HTML is byte for byte what
Django 5.2's stock templates (multiple_input.html, radio.html, checkbox_select.html, input_option.html,
radio_option.html, checkbox_option.html, input.html, attrs.html) produce, including their newlines, the
`stringformat:'s'` of values, `is not False` / `is not True` in attrs and autoescaping. That parity is held by
tests/sandbox_feed/test_widgets.py, which compares with the stock widgets case by case and for whole forms.

The fast path is only taken when it cannot differ from the templates: the widget uses the stock template names
and the renderer is Django's default kind (django.forms.renderers.DjangoTemplates; this project sets no
FORM_RENDERER), which finds those templates in Django's own folder first. A test checks that it does, so an
override anywhere fails the suite instead of being ignored. Otherwise the widget renders through the templates
(super().render()), as it does for a value the template engine would call (a callable attr value, group name or
option value).
"""

from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

_WIDGET_TEMPLATES = "django/forms/widgets/"
STOCK_TEMPLATE_DIR = Path(forms.__file__).resolve().parent / "templates"
# Every template the stock rendering of both widgets goes through: the project must not override them (a test
# checks that the default renderer finds each in Django's own folder).
STOCK_TEMPLATES = tuple(
    _WIDGET_TEMPLATES + name
    for name in (
        "radio.html",
        "checkbox_select.html",
        "multiple_input.html",
        "radio_option.html",
        "checkbox_option.html",
        "input_option.html",
        "input.html",
        "attrs.html",
    )
)
_STOCK_OPTION_TEMPLATES = frozenset(
    (forms.RadioSelect.option_template_name, forms.CheckboxSelectMultiple.option_template_name)
)


class _Fallback(Exception):
    """Something only the template engine handles the same way (a callable value): render through it."""


def _resolve(value):
    """A looked-up variable as the template engine resolves it; the engine would call a callable."""
    if callable(value):
        raise _Fallback
    return value


def _text(value):
    """`{{ value }}` with autoescaping (django.template.base.render_value_in_context)."""
    if type(value) is str:
        return escape(value)
    value = localize(template_localtime(_resolve(value)))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _stringformat_s(value):
    """`{{ value|stringformat:'s' }}` with autoescaping; the filter is is_safe, so safe input stays unescaped."""
    if type(value) is str:
        return escape(value)
    formatted = str(value) if isinstance(value, tuple) else value
    try:
        formatted = "%s" % formatted  # noqa: UP031 - the filter's own "%s" (str(), not __format__)
    except (ValueError, TypeError):
        formatted = ""
    return formatted if isinstance(value, SafeData) else escape(formatted)


def _attrs(attrs, out):
    """attrs.html."""
    if "items" in attrs:  # `widget.attrs.items` would look up this key instead of dict.items
        raise _Fallback
    for name, value in attrs.items():
        value = _resolve(value)
        if value is not False:
            out.append(" ")
            out.append(_text(name))
            if value is not True:
                out.append('="')
                out.append(_stringformat_s(value))
                out.append('"')


def _option(option, out):
    """radio_option.html / checkbox_option.html -> input_option.html -> input.html, with their newlines."""
    if option.get("template_name") not in _STOCK_OPTION_TEMPLATES:
        raise _Fallback
    attrs = option["attrs"]
    wrap_label = _resolve(option.get("wrap_label"))
    if wrap_label:
        option_id = _resolve(attrs.get("id"))
        if option_id:
            out.append('<label for="')
            out.append(_text(option_id))
            out.append('">')
        else:
            out.append("<label>")
    out.append('<input type="')
    out.append(_text(option.get("type")))
    out.append('" name="')
    out.append(_text(option.get("name")))
    out.append('"')
    value = _resolve(option.get("value"))
    try:
        has_value = value != None  # noqa: E711 - the template's `!= None`, with the value's own __ne__
    except Exception:  # the template engine treats a failing comparison as false
        has_value = False
    if has_value:
        out.append(' value="')
        out.append(_stringformat_s(value))
        out.append('"')
    _attrs(attrs, out)
    out.append(">\n")
    if wrap_label:
        out.append(" ")
        out.append(_text(option.get("label")))
        out.append("</label>")
    out.append("\n\n")


def _multiple_input(widget):
    """multiple_input.html (what radio.html and checkbox_select.html include), after the renderer's strip()."""
    attrs = widget["attrs"]
    widget_id = _resolve(attrs.get("id"))
    css_class = _resolve(attrs.get("class"))
    out = ["<div"]
    if widget_id:
        out.append(' id="')
        out.append(_text(widget_id))
        out.append('"')
    if css_class:
        out.append(' class="')
        out.append(_text(css_class))
        out.append('"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        group = _resolve(group)
        if group:
            out.append("\n  <div><label>")
            out.append(_text(group))
            out.append("</label>")
        for option in options:
            out.append("<div>\n    ")
            _option(option, out)
            out.append("</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


class _FastRenderMixin:
    stock_template_name = None
    stock_option_template_name = None

    def render(self, name, value, attrs=None, renderer=None):
        if renderer is None:
            renderer = get_default_renderer()
        if not (
            self.template_name == self.stock_template_name
            and self.option_template_name == self.stock_option_template_name
            and type(renderer) is DjangoTemplates
        ):
            return super().render(name, value, attrs, renderer)
        context = self.get_context(name, value, attrs)
        try:
            return mark_safe(_multiple_input(context["widget"]))  # noqa: S308 - every value escaped as the template does
        except _Fallback:
            return self._render(self.template_name, context, renderer)


class RadioSelect(_FastRenderMixin, forms.RadioSelect):
    stock_template_name = forms.RadioSelect.template_name
    stock_option_template_name = forms.RadioSelect.option_template_name


class CheckboxSelectMultiple(_FastRenderMixin, forms.CheckboxSelectMultiple):
    stock_template_name = forms.CheckboxSelectMultiple.template_name
    stock_option_template_name = forms.CheckboxSelectMultiple.option_template_name
