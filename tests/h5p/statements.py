"""xAPI statements as the H5P player sends them, and the play token the parent page sends with them."""

IRI_BASE = "http://testserver/h5p/{pk}/"


def statement(content, verb="answered", raw=1, maximum=1, sub_content_id=None, actor=None, **result):
    object_id = IRI_BASE.format(pk=content.pk)
    extensions = {}
    if sub_content_id:
        object_id += f"?subContentId={sub_content_id}"
        extensions["http://h5p.org/x-api/h5p-subContentId"] = sub_content_id
    return {
        "actor": actor or {"name": "Iemand anders", "mbox": "mailto:hacker@example.com"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {
            "id": object_id,
            "objectType": "Activity",
            "definition": {"extensions": extensions, "description": {"en-US": "Vraag"}, "interactionType": "choice"},
        },
        "result": {
            "score": {"raw": raw, "max": maximum, "min": 0},
            "completion": True,
            "success": raw == maximum,
            **result,
        },
    }


def token_headers(user, content, **context):
    """The play token header the parent page sends along, as issued to `user` for `content`."""
    from h5p import tokens

    token, _play = tokens.issue(user, content, parent_origin="http://testserver", **context)
    return {tokens.HEADER: token}
