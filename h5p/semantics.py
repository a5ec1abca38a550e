"""Clean content.json by the semantics.json of its libraries, with the rules of the reference H5P core.

The core's H5PContentValidator decides per field: a text field whose semantics lists `tags` is HTML and
keeps those tags (plus div, span, p, br and the tags that belong with them), a few style properties and
links with safe schemes; every other text is escaped like PHP's htmlspecialchars(ENT_QUOTES), because H5P
libraries put text into the page as HTML. Keys that the semantics do not know are dropped. bleach does the
HTML, bleach's CSSSanitizer (tinycss2) with a value check per property does the style attributes; both are
built per call, since their parsers keep state and requests run in many threads.
"""

import re

import bleach
import tinycss2
from bleach.css_sanitizer import CSSSanitizer

# Allowed in every HTML field; the core adds them "so semantics need not list the four defaults".
DEFAULT_TAGS = frozenset({"div", "span", "p", "br"})
TABLE_TAGS = frozenset(
    {"tr", "td", "th", "colgroup", "col", "thead", "tbody", "tfoot", "caption", "figure", "figcaption"}
)
# Never HTML content, whatever a semantics.json lists: these run code, load documents or take input.
NEVER_TAGS = frozenset(
    {
        "script",
        "style",
        "textarea",
        "option",
        "select",
        "input",
        "button",
        "form",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "link",
        "meta",
        "svg",
        "math",
        "template",
        "noscript",
    }
)
# The core's _strip_dangerous_protocols allow-list for href.
PROTOCOLS = frozenset({"http", "https", "ftp", "mailto"})
# The core's $allowed_styleable_tags: only these keep a style attribute.
STYLEABLE_TAGS = frozenset({"span", "p", "div", "h1", "h2", "h3", "table", "col", "figure", "td", "th", "li"})

# Value checks for style properties: numbers with a unit, colours, keywords; never url(), expression(), var().
_LENGTH = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:px|em|rem|%|pt)|0"
_COLOUR = r"#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\([0-9.,%/ ]+\)|hsla?\([0-9.,%/ ]+\)|[a-z]{3,24}"
_BORDER_STYLE = r"none|hidden|solid|dotted|dashed|double|groove|ridge|inset|outset"


def _check(pattern):
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


TEXT_ALIGN = _check(r"left|center|right|justify")
LENGTH = _check(_LENGTH)
COLOUR = _check(_COLOUR)
FONT_FAMILY = _check(r"[-a-z0-9 ,'\"]{1,200}")
LINE_HEIGHT = _check(rf"{_LENGTH}|[0-9]+(?:\.[0-9]+)?")
# The semantics' `font` settings and the property each one allows (the core's stylePatterns).
FONT_STYLES = {
    "size": ("font-size", LENGTH),
    "family": ("font-family", FONT_FAMILY),
    "color": ("color", COLOUR),
    "background": ("background-color", COLOUR),
    "spacing": ("letter-spacing", LENGTH),
    "height": ("line-height", LINE_HEIGHT),
}
# What CKEditor writes on tables and their cells, allowed when the field allows tables.
TABLE_STYLES = {
    "border": _check(rf"(?:(?:{_LENGTH}|{_BORDER_STYLE}|{_COLOUR}) *){{1,3}}"),
    "border-style": _check(_BORDER_STYLE),
    "border-width": LENGTH,
    "border-color": COLOUR,
    "border-collapse": _check(r"collapse|separate"),
    "vertical-align": _check(r"top|middle|bottom|baseline"),
    "padding": _check(rf"(?:{_LENGTH})(?: (?:{_LENGTH})){{0,3}}"),
    "width": _check(rf"{_LENGTH}|auto"),
    "height": _check(rf"{_LENGTH}|auto"),
    "float": _check(r"left|right|none"),
    "background-color": COLOUR,
}

_NUMBER = _check(r"[0-9]{1,4}")
# Attributes kept per tag, each with a check of its value (href's scheme is bleach's `protocols`).
ATTRIBUTES = {
    "a": {
        "href": None,
        "target": _check(r"_blank|_self|_parent|_top"),
        "rel": _check(r"[a-z -]{1,100}"),
        "title": None,
    },
    "abbr": {"title": None},
    "table": {"border": _NUMBER, "cellpadding": _NUMBER, "cellspacing": _NUMBER, "summary": None},
    "td": {"colspan": _NUMBER, "rowspan": _NUMBER},
    "th": {"colspan": _NUMBER, "rowspan": _NUMBER, "scope": _check(r"row|col|rowgroup|colgroup")},
    "col": {"span": _NUMBER},
    "colgroup": {"span": _NUMBER},
    "ol": {"start": _NUMBER},
}

# The core keeps a subContentId only when it is a UUID; ours (and older exports) use other safe ids.
SUB_CONTENT_ID = _check(r"\{?[a-z0-9_-]{1,64}\}?")
NUMERIC = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")
_LOOSE_AMPERSAND = re.compile(r"&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)")

# The core's metadata semantics (validateMetadata): plain text fields, years, authors and changes.
METADATA_TEXT = (
    "title",
    "a11yTitle",
    "extraTitle",
    "license",
    "licenseVersion",
    "licenseExtras",
    "source",
    "authorComments",
    "contentType",
    "defaultLanguage",
)
METADATA_LISTS = {"authors": ("name", "role"), "changes": ("date", "author", "log")}
# The keys a file-like value keeps, per field type (the core's _validateFilelike).
FILE_KEYS = {
    "file": ("path", "mime", "copyright"),
    "image": ("path", "mime", "copyright", "width", "height", "originalImage"),
    "video": ("path", "mime", "copyright", "width", "height", "codecs", "quality", "bitrate"),
    "audio": ("path", "mime", "copyright"),
}
COPYRIGHT_TEXT = ("title", "author", "year", "source", "license", "version")


def escape_text(value):
    """Plain text made safe for HTML like the core's htmlspecialchars(ENT_QUOTES, double_encode=false)."""
    value = _LOOSE_AMPERSAND.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#039;")


class StyleSanitizer(CSSSanitizer):
    """bleach's CSS sanitizer that also checks each value: `checks` maps a property to a compiled pattern
    the whole value must match. Declarations with !important, comments or anything unknown are dropped."""

    def __init__(self, checks):
        super().__init__(allowed_css_properties=frozenset(checks), allowed_svg_properties=frozenset())
        self.checks = checks

    def sanitize_css(self, style):
        kept = []
        for declaration in tinycss2.parse_declaration_list(style, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration" or declaration.important:
                continue
            check = self.checks.get(declaration.lower_name)
            value = " ".join(tinycss2.serialize(declaration.value).split())
            if check is not None and check.fullmatch(value):
                kept.append(f"{declaration.lower_name}: {value}")
        return "; ".join(kept) + ";" if kept else ""


def html_tags(field):
    """The tags an HTML text field keeps, or None when the field is plain text (its semantics has no `tags`)."""
    listed = field.get("tags")
    if not isinstance(listed, list):
        return None
    tags = {tag.lower() for tag in listed if isinstance(tag, str)} | DEFAULT_TAGS
    if "table" in tags:
        tags |= TABLE_TAGS
    for pair in ({"strong", "b"}, {"em", "i"}):
        if tags & pair:
            tags |= pair
    if tags & {"ul", "ol"}:
        tags.add("li")
    if tags & {"del", "strike"}:
        tags.add("s")
    return frozenset(tags - NEVER_TAGS)


def style_checks(field, tags):
    """The style properties an HTML text field keeps, each with its value check."""
    checks = {"text-align": TEXT_ALIGN}
    font = field.get("font") if isinstance(field.get("font"), dict) else {}
    for option, (prop, check) in FONT_STYLES.items():
        if font.get(option):
            checks[prop] = check
    if "table" in tags:
        checks.update(TABLE_STYLES)
    return checks


def clean_html(text, field):
    """`text` cleaned to what the HTML text field `field` (its semantics) allows."""
    tags = html_tags(field)
    css = StyleSanitizer(style_checks(field, tags))

    def allow_attribute(tag, name, value):
        if name == "style":
            return tag in STYLEABLE_TAGS and bool(css.sanitize_css(value))
        allowed = ATTRIBUTES.get(tag, {})
        if name not in allowed:
            return False
        check = allowed[name]
        return check is None or bool(check.fullmatch(value.strip()))

    return bleach.clean(
        text,
        tags=tags,
        attributes=allow_attribute,
        protocols=PROTOCOLS,
        strip=True,
        strip_comments=True,
        css_sanitizer=css,
    )


def clean_text(value, field):
    """A text field's value: HTML cleaned when its semantics lists `tags`, else escaped. Not a string: ""."""
    if not isinstance(value, str):
        return ""
    if html_tags(field) is not None:
        return clean_html(value, field)
    return escape_text(value)


def _scalar(value):
    """A select/boolean value kept as JSON scalar, strings escaped; objects and lists are dropped (None)."""
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, bool | int | float):
        return value
    return None


def clean_metadata(metadata):
    """Metadata (of a sub-content, or h5p.json's) as the core's validateMetadata leaves it: known keys only,
    text escaped, years as numbers, authors and changes as lists of objects with text."""
    if not isinstance(metadata, dict):
        return {}
    cleaned = {}
    for key in METADATA_TEXT:
        if isinstance(metadata.get(key), str):
            cleaned[key] = escape_text(metadata[key])
    for key in ("yearFrom", "yearTo"):
        value = metadata.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            cleaned[key] = value
        elif isinstance(value, str) and NUMERIC.fullmatch(value):
            cleaned[key] = value.strip()
    for key, names in METADATA_LISTS.items():
        if isinstance(metadata.get(key), list):
            cleaned[key] = [
                {name: escape_text(entry[name]) for name in names if isinstance(entry.get(name), str)}
                for entry in metadata[key]
                if isinstance(entry, dict)
            ]
    return cleaned


def _clean_file(value, kind, field):
    """A file-like value (file, image, one video or audio source): known keys, text escaped."""
    if not isinstance(value, dict) or not isinstance(value.get("path"), str):
        return None
    keys = set(FILE_KEYS[kind])
    extra = field.get("extraAttributes")
    if isinstance(extra, list):
        keys |= {key for key in extra if isinstance(key, str)}
    cleaned = {}
    for key, item in value.items():
        if key not in keys:
            continue
        if key in ("width", "height", "bitrate"):
            if isinstance(item, int | float) and not isinstance(item, bool):
                cleaned[key] = int(item)
        elif key == "copyright":
            if isinstance(item, dict):
                cleaned[key] = {
                    name: escape_text(item[name]) for name in COPYRIGHT_TEXT if isinstance(item.get(name), str)
                }
        elif key == "originalImage":
            original = _clean_file(item, "image", {})
            if original is not None:
                original.pop("originalImage", None)
                cleaned[key] = original
        elif key == "quality":
            if isinstance(item, dict) and isinstance(item.get("label"), str):
                level = item.get("level")
                cleaned[key] = {
                    "level": int(level) if isinstance(level, int | float) and not isinstance(level, bool) else 0,
                    "label": escape_text(item["label"]),
                }
        elif isinstance(item, str):
            cleaned[key] = escape_text(item)
        elif isinstance(item, bool | int | float) or item is None:
            cleaned[key] = item
        else:
            cleaned[key] = _escape_all(item)  # an extraAttribute the core does not check either; escape its text
    return cleaned


def _escape_all(value):
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, dict):
        return {key: _escape_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escape_all(item) for item in value]
    return value


def clean_params(params, semantics, semantics_for):
    """Return `params` cleaned by the field list `semantics`; keys no field describes are dropped.

    `semantics_for("Machine.Name 1.0")` returns the semantics of a nested library (a "library" field),
    or None when unknown; nested params of an unknown library are dropped to an empty object.
    """
    if not isinstance(params, dict) or not isinstance(semantics, list):
        return params
    fields = {field.get("name"): field for field in semantics if isinstance(field, dict)}
    cleaned = {}
    for name, value in params.items():
        if name not in fields:
            continue
        value = clean_value(value, fields[name], semantics_for)
        if value is not None:
            cleaned[name] = value
    return cleaned


def clean_value(value, field, semantics_for):
    """One value cleaned by its semantics `field`; None means: leave the key out."""
    kind = field.get("type")
    if kind == "text":
        return clean_text(value, field)
    if kind == "group":
        fields = field.get("fields", [])
        # H5P stores a group of one field as that field's value, unless the group is sub-content.
        if len(fields) == 1 and isinstance(fields[0], dict) and not field.get("isSubContent"):
            flattened_kind = fields[0].get("type")
            if not isinstance(value, dict) or flattened_kind in ("group", "library", "file", "image"):
                return clean_value(value, fields[0], semantics_for)
        return clean_params(value, fields, semantics_for) if isinstance(value, dict) else {}
    if kind == "list":
        if not isinstance(value, list):
            return []
        item_field = field.get("field", {}) if isinstance(field.get("field"), dict) else {}
        items = (clean_value(item, item_field, semantics_for) for item in value)
        return [item for item in items if item is not None]
    if kind == "library":
        return _clean_library(value, field, semantics_for)
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return value.strip() if isinstance(value, str) and NUMERIC.fullmatch(value) else 0
    if kind == "boolean":
        return value if isinstance(value, bool) else _scalar(value)
    if kind == "select":
        if isinstance(value, list):
            return [item for item in (_scalar(item) for item in value) if item is not None]
        return _scalar(value)
    if kind in ("file", "image"):
        return _clean_file(value, kind, field)
    if kind in ("video", "audio"):
        if not isinstance(value, list):
            return None
        sources = (_clean_file(item, kind, field) for item in value)
        return [source for source in sources if source is not None]
    return None  # a field type the core does not know: it removes the value too


def _clean_library(value, field, semantics_for):
    if not isinstance(value, dict):
        return None
    library = value.get("library")
    options = field.get("options") or []
    allowed = {option.get("name") if isinstance(option, dict) else option for option in options}
    if not isinstance(library, str) or (options and library not in allowed):
        return None
    nested = semantics_for(library)
    params = value.get("params")
    result = {
        "library": library,
        "params": clean_params(params, nested, semantics_for) if nested and isinstance(params, dict) else {},
    }
    sub_content_id = value.get("subContentId")
    if isinstance(sub_content_id, str) and SUB_CONTENT_ID.fullmatch(sub_content_id):
        result["subContentId"] = sub_content_id
    if isinstance(value.get("metadata"), dict):
        result["metadata"] = clean_metadata(value["metadata"])
    extra = field.get("extraAttributes")
    for key in extra if isinstance(extra, list) else []:
        if isinstance(key, str) and key in value and key not in result:
            result[key] = _escape_all(value[key])
    return result
