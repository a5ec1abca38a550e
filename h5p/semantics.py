"""Clean content.json with bleach: every field semantics.json declares as text keeps only the tags it allows."""

import bleach

# H5P's html widget always allows these besides what `tags` lists; attributes stay minimal.
ALWAYS_ALLOWED = {"p", "br"}
ATTRIBUTES = {"a": ["href", "title", "target"]}
PROTOCOLS = ["http", "https", "mailto"]


def _clean_text(value, field):
    if not isinstance(value, str):
        return value
    if field.get("widget") == "html":
        tags = set(field.get("tags", [])) | ALWAYS_ALLOWED
        attributes = {tag: attrs for tag, attrs in ATTRIBUTES.items() if tag in tags}
        return bleach.clean(value, tags=tags, attributes=attributes, protocols=PROTOCOLS, strip=True)
    # Plain text fields are shown as HTML by H5P libraries, so escape everything (as the H5P core does).
    return bleach.clean(value, tags=set(), strip=False)


def clean_params(params, semantics, semantics_for):
    """Return `params` cleaned by the field list `semantics`.

    `semantics_for("Machine.Name 1.0")` returns the semantics of a nested library (a "library" field),
    or None when unknown; nested params of an unknown library are dropped to an empty object.
    """
    if not isinstance(params, dict) or not isinstance(semantics, list):
        return params
    cleaned = dict(params)
    for field in semantics:
        name = field.get("name") if isinstance(field, dict) else None
        if name in cleaned:
            cleaned[name] = clean_value(cleaned[name], field, semantics_for)
    return cleaned


def clean_value(value, field, semantics_for):
    kind = field.get("type")
    if kind == "text":
        return _clean_text(value, field)
    if kind == "group":
        fields = field.get("fields", [])
        if len(fields) == 1 and not isinstance(value, dict):
            return clean_value(value, fields[0], semantics_for)  # H5P flattens one-field groups
        return clean_params(value, fields, semantics_for)
    if kind == "list":
        if not isinstance(value, list):
            return []
        return [clean_value(item, field.get("field", {}), semantics_for) for item in value]
    if kind == "library":
        if not isinstance(value, dict):
            return {}
        library = value.get("library")
        allowed = field.get("options")
        if not isinstance(library, str) or (allowed and library not in allowed):
            return {}
        nested = semantics_for(library)
        result = dict(value)
        result["params"] = clean_params(value.get("params", {}), nested, semantics_for) if nested else {}
        if "metadata" in value and isinstance(value["metadata"], dict):
            result["metadata"] = {k: _clean_text(v, {}) for k, v in value["metadata"].items()}
        return result
    return value
