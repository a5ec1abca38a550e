"""The "Gebruiksrechten" box under an activity, as H5P's "Rights of use": licence, authors, years, source, changes.

It reads `H5PContent.metadata`, which `package.read_metadata()` normalised at import (strings, authors as
{name, role}, years as integers, `source` only as an http(s) address). Templates escape every value.
"""

from dataclasses import dataclass, field

from .package import AUTHOR_ROLE_LABELS, license_label

# Creative Commons deeds, so a teacher can read what a licence allows. Keys are H5P's licence codes.
CC_DEEDS = {
    "CC BY": "by",
    "CC BY-SA": "by-sa",
    "CC BY-ND": "by-nd",
    "CC BY-NC": "by-nc",
    "CC BY-NC-SA": "by-nc-sa",
    "CC BY-NC-ND": "by-nc-nd",
}


@dataclass(frozen=True)
class Rights:
    title: str
    licence: str
    licence_url: str = ""
    licence_extras: str = ""
    authors: list = field(default_factory=list)  # [(name, role label)]
    years: str = ""
    source: str = ""
    changes: list = field(default_factory=list)  # [{"date", "author", "log"}]


def licence_url(metadata):
    """The licence deed for a Creative Commons licence with a version, else ""."""
    code, version = metadata.get("license"), str(metadata.get("licenseVersion") or "")
    if code in CC_DEEDS and version in {"1.0", "2.0", "2.5", "3.0", "4.0"}:
        return f"https://creativecommons.org/licenses/{CC_DEEDS[code]}/{version}/"
    if code == "CC0 1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return ""


def years_of(metadata):
    start, end = metadata.get("yearFrom"), metadata.get("yearTo")
    if start and end and start != end:
        return f"{start}–{end}"
    return str(start or end or "")


def rights_of_use(metadata, title=""):
    """The box's contents, or None when the package says nothing about rights (no licence, author or source)."""
    metadata = metadata if isinstance(metadata, dict) else {}
    authors = [
        (author["name"], str(AUTHOR_ROLE_LABELS.get(author.get("role"), author.get("role") or "")))
        for author in metadata.get("authors") or []
        if isinstance(author, dict) and str(author.get("name", "")).strip()
    ]
    rights = Rights(
        title=str(metadata.get("title") or title),
        licence=license_label(metadata),
        licence_url=licence_url(metadata),
        licence_extras=str(metadata.get("licenseExtras") or ""),
        authors=authors,
        years=years_of(metadata),
        source=str(metadata.get("source") or ""),
        # authorComments are notes between editors; H5P does not show them to players either.
        changes=[c for c in metadata.get("changes") or [] if isinstance(c, dict)],
    )
    said_something = (metadata.get("license") or "U") != "U" or rights.authors or rights.source or rights.years
    return rights if said_something else None
