"""Read and validate an uploaded .h5p file, before anything is stored or extracted.

Pure Python: no models, no disk writes. `read_package` streams every entry once, in chunks, and keeps only
the JSON it parses; of every other file it keeps where it is in the zip, its real size and SHA-256, so a
100 MB package costs a few MB of memory. It returns a `Package` or raises `PackageError` with every problem
it found, each in a sentence a coordinator can act on. The rules follow the reference H5P core
(h5p-php-library, H5PValidator), which every real export passes: versions written as numbers or as digit
strings, optional copyright metadata, and stray top-level files (a README, __MACOSX/, .DS_Store) that are
neither extracted nor refused.
"""

import hashlib
import json
import posixpath
import re
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .semantics import clean_metadata

# The reference core's allow-lists (svg and xml left content in 2024; libraries may still hold them).
CONTENT_EXTENSIONS = frozenset(
    [
        "json",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "tif",
        "tiff",
        "eot",
        "ttf",
        "woff",
        "woff2",
        "otf",
        "webm",
        "mp4",
        "ogg",
        "mp3",
        "m4a",
        "wav",
        "txt",
        "pdf",
        "rtf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "odp",
        "csv",
        "diff",
        "patch",
        "swf",
        "md",
        "textile",
        "vtt",
        "webvtt",
        "gltf",
        "glb",
    ]
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}
EMBED_TYPES = {"iframe", "div"}
MACHINE_NAME = re.compile(r"[\w0-9\-.]{1,255}")
LIBRARY_FOLDER = re.compile(r"(?P<name>[\w0-9\-.]{1,255})-(?P<major>[0-9]{1,5})\.(?P<minor>[0-9]{1,5})")
# How content.json names the library of a sub-content: {"library": "H5P.MultiChoice 1.16", "params": {...}}.
LIBRARY_STRING = re.compile(r"(?P<name>[\w0-9\-.]{1,255}) (?P<major>[0-9]{1,5})\.(?P<minor>[0-9]{1,5})")
LANGUAGE = re.compile(r"[-a-zA-Z]{1,10}")
# The core's pattern for every version number: 1 to 5 digits. The PHP core writes them as strings ("1").
VERSION_TEXT = re.compile(r"[0-9]{1,5}")
MAX_VERSION = 99999
YEAR_TEXT = re.compile(r"-?[0-9]{1,4}")
WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
MAX_ENTRIES = 5000
CHUNK = 64 * 1024
# What reading a broken or changed entry may raise (zlib.error: deflate data that does not decompress).
READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error)
# The files the validator parses, by their path inside the package or inside a library folder: their bytes
# are kept. Every other file is only streamed (counted and hashed) until it is installed.
PARSED_FILES = frozenset(["h5p.json", "content/content.json"])
PARSED_LIBRARY_FILES = frozenset(["library.json", "semantics.json"])

# The optional text fields of h5p.json (the core's metadata); "author" is the deprecated single author.
TEXT_METADATA = (
    "license",
    "licenseVersion",
    "licenseExtras",
    "source",
    "authorComments",
    "defaultLanguage",
    "extraTitle",
    "a11yTitle",
    "contentType",
)
# What h5p.json needs for the player, besides the (escaped) metadata.
PLAYER_KEYS = ("title", "language", "mainLibrary", "embedTypes", "preloadedDependencies", "dynamicDependencies")

# The licences the H5P editor offers (its metadata semantics), for showing with an activity.
LICENSE_LABELS = {
    "U": gettext_lazy("Niet vermeld"),
    "CC BY": gettext_lazy("Naamsvermelding (CC BY)"),
    "CC BY-SA": gettext_lazy("Naamsvermelding-GelijkDelen (CC BY-SA)"),
    "CC BY-ND": gettext_lazy("Naamsvermelding-GeenAfgeleideWerken (CC BY-ND)"),
    "CC BY-NC": gettext_lazy("Naamsvermelding-NietCommercieel (CC BY-NC)"),
    "CC BY-NC-SA": gettext_lazy("Naamsvermelding-NietCommercieel-GelijkDelen (CC BY-NC-SA)"),
    "CC BY-NC-ND": gettext_lazy("Naamsvermelding-NietCommercieel-GeenAfgeleideWerken (CC BY-NC-ND)"),
    "CC0 1.0": gettext_lazy("Publiek domein (CC0 1.0)"),
    "CC PDM": gettext_lazy("Publiek domein (PDM)"),
    "GNU GPL": gettext_lazy("GNU General Public License"),
    "PD": gettext_lazy("Publiek domein"),
    "ODC PDDL": gettext_lazy("Publiek domein (ODC PDDL)"),
    "C": gettext_lazy("Auteursrecht voorbehouden"),
}
AUTHOR_ROLE_LABELS = {
    "Author": gettext_lazy("Auteur"),
    "Editor": gettext_lazy("Redacteur"),
    "Licensee": gettext_lazy("Licentiehouder"),
    "Originator": gettext_lazy("Maker van het origineel"),
}


class PackageError(Exception):
    """A package was refused; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Entry:
    """One file of a package as validation read it: its zip entry, and the real unpacked size and SHA-256
    counted while streaming it (never the sizes the zip claims). `data` holds the bytes only of the files the
    validator parses (h5p.json, content.json, library.json, semantics.json); the rest stays in the zip until
    `Package.copy_entry` writes it."""

    info: zipfile.ZipInfo = field(repr=False)
    size: int
    sha256: bytes = field(repr=False)
    data: bytes | None = field(default=None, repr=False)


@dataclass
class Library:
    machine_name: str
    major: int
    minor: int
    patch: int
    metadata: dict  # library.json, its version numbers normalised to integers
    semantics: list | None = None
    files: dict = field(default_factory=dict)  # path inside the library folder -> Entry

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major}.{self.minor}"

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)

    def dependencies(self):
        return [dependency_key(dep) for dep in self.metadata.get("preloadedDependencies") or []]

    def runtime_dependencies(self):
        return runtime_dependencies(self.metadata)


@dataclass(frozen=True)
class SubContent:
    """One use of a library inside content.json: a semantics field of type "library", such as a question in a
    question set or an element on a slide: {"library": "H5P.MultiChoice 1.16", "params": {...}, ...}."""

    library: tuple  # (machineName, major, minor)
    sub_content_id: str | None
    path: str  # where it sits in content.json, e.g. "questions[0]"


@dataclass
class Package:
    """A validated package. Its files are read from `archive` (a ZipFile over the caller's file object) when
    they are installed, so that file object must stay open and unchanged until then: an upload stays open
    for its request, the shell command and `storage.import_package` keep theirs open around the install.
    `close()` (or `with read_package(...) as package:`) releases the ZipFile; the file object stays the
    caller's to close. Bytes that no longer match what validation read are refused (see `copy_entry`)."""

    h5p: dict  # h5p.json, version numbers normalised to integers
    content: dict
    content_files: dict  # path inside content/ -> Entry (content.json included)
    libraries: dict  # folder name -> Library
    metadata: dict = field(default_factory=dict)  # licence, authors, ...: see read_metadata()
    subcontent: list = field(default_factory=list)  # SubContent, in content.json order
    archive: zipfile.ZipFile | None = field(default=None, repr=False, compare=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        if self.archive is not None:
            self.archive.close()

    def copy_entry(self, entry, destination):
        """Write `entry` to the binary file object `destination`: its kept bytes, or chunk by chunk from the
        zip. Raises PackageError, having written at most the validated size, when the zip no longer gives
        exactly the bytes validation counted and hashed (the file changed, or its headers lie)."""
        if entry.data is not None:
            destination.write(entry.data)
            return
        name = entry.info.filename
        try:
            with self.archive.open(entry.info) as stream:
                reader = _CheckedReader(stream, entry.size, name)
                shutil.copyfileobj(reader, destination, CHUNK)
        except READ_ERRORS as error:
            raise PackageError(
                [_("%(name)s kan niet gelezen worden: %(error)s") % {"name": name, "error": error}]
            ) from error
        if reader.size != entry.size or reader.digest.digest() != entry.sha256:
            raise PackageError([_("%(name)s is veranderd sinds de controle van het pakket.") % {"name": name}])

    @property
    def title(self):
        return self.h5p["title"]

    @property
    def main_library_key(self):
        for dep in self.h5p["preloadedDependencies"]:
            if dep["machineName"] == self.h5p["mainLibrary"]:
                return dependency_key(dep)
        raise KeyError(self.h5p["mainLibrary"])

    @property
    def files(self):
        """Every archive path that is kept and extracted; stray entries (README, __MACOSX/, .DS_Store) are not."""
        paths = ["h5p.json"]
        paths += [f"content/{path}" for path in self.content_files]
        paths += [f"{folder}/{path}" for folder, library in self.libraries.items() for path in library.files]
        return sorted(paths)

    @property
    def subcontent_libraries(self):
        """The libraries content.json itself names, as {(machineName, major, minor)}."""
        return frozenset(item.library for item in self.subcontent)

    def content_libraries(self, installed_dependencies=lambda key: ()):
        """Every library this content needs to play, as {(machineName, major, minor)}.

        The main library, h5p.json's dependencies and the libraries of its sub-content, each with what it
        preloads or loads dynamically, followed through the libraries in the package. For a library that is
        not in the package, `installed_dependencies(key)` gives its dependency keys (from the installed
        library.json); without it such a library is included but not followed.
        """
        roots = [self.main_library_key, *sorted(self.subcontent_libraries)]
        for kind in ("preloadedDependencies", "dynamicDependencies"):
            roots += [dependency_key(dep) for dep in self.h5p.get(kind) or []]
        known = {library.key: library.runtime_dependencies() for library in self.libraries.values()}
        seen, stack = set(), roots
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            stack.extend(known[key] if key in known else installed_dependencies(key))
        return frozenset(seen)

    def h5p_for_player(self):
        """h5p.json as the player should read it: the fields it needs, and the metadata escaped as the core's
        validateMetadata does (H5P's copyright dialog puts these strings into the page as HTML)."""
        data = {key: self.h5p[key] for key in PLAYER_KEYS if key in self.h5p}
        data.update(clean_metadata(self.metadata))
        return data


def dependency_key(dep):
    return (dep["machineName"], dep["majorVersion"], dep["minorVersion"])


def runtime_dependencies(library_json):
    """What the player loads with a library, from its (validated) library.json: its preloaded and dynamic
    dependencies as keys, the core's rule for which libraries a content uses. Also for installed libraries,
    whose library.json is kept."""
    return [
        dependency_key(dep)
        for kind in ("preloadedDependencies", "dynamicDependencies")
        for dep in library_json.get(kind) or []
    ]


def folder_name(key):
    return f"{key[0]}-{key[1]}.{key[2]}"


def extension(path):
    return posixpath.splitext(path)[1].lstrip(".").lower()


def license_label(metadata):
    """The licence of parsed metadata as a coordinator reads it, e.g. "Naamsvermelding (CC BY) 4.0"."""
    code = metadata.get("license") or "U"
    label = str(LICENSE_LABELS.get(code, code))
    version = metadata.get("licenseVersion")
    return f"{label} {version}" if version and code != "U" else label


def _shown(value):
    """`value` as it was written in the JSON, short enough for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_version(value):
    """A version number as an int: an integer, or a string of digits as the PHP core writes it ("1").

    None for anything else: floats, "1.2", "", negative numbers, and booleans (an int subclass in Python).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_VERSION else None
    if isinstance(value, str) and VERSION_TEXT.fullmatch(value):
        return int(value)
    return None


def parse_year(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -9999 <= value <= 9999 else None
    if isinstance(value, str) and YEAR_TEXT.fullmatch(value.strip()):
        return int(value)
    return None


def _normalise_version(data, key, where, problems):
    """Replace data[key] by its integer; name the field and what was found when it is missing or invalid."""
    if key not in data:
        problems.append(_("%(where)s: '%(field)s' ontbreekt.") % {"where": where, "field": key})
        return None
    number = parse_version(data[key])
    if number is None:
        problems.append(
            _(
                "%(where)s: '%(field)s' moet een geheel getal van 0 tot en met 99999 zijn (een getal of tekst met "
                "alleen cijfers), maar is %(value)s."
            )
            % {"where": where, "field": key, "value": _shown(data[key])}
        )
        return None
    data[key] = number
    return number


def _entry_problem(info):
    """Why an entry's name or type is unsafe, or None. Checked before a single byte is read."""
    name = info.filename
    if (info.external_attr >> 16) and stat.S_ISLNK(info.external_attr >> 16):
        return _("%(name)s is een symbolische koppeling; die zijn niet toegestaan.") % {"name": name}
    if "\\" in name:
        return _("%(name)s bevat een backslash in het pad.") % {"name": name}
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("%(name)s heeft een absoluut pad.") % {"name": name}
    if ".." in name.split("/"):
        return _("%(name)s wijst met '..' buiten het pakket.") % {"name": name}
    if "\x00" in name or any(ord(char) < 32 for char in name):
        return _("%(name)s bevat onzichtbare tekens in de naam.") % {"name": name}
    return None


def _stream_entry(zf, info, max_file_size, budget, keep):
    """Stream the entry once, in chunks, counting its real bytes and stopping as soon as a limit is passed
    (never trusting the sizes in the zip). Returns (Entry or None when a limit was passed, bytes counted).
    The bytes are kept only when `keep`: the files the validator parses."""
    limit = min(max_file_size, budget)
    digest, chunks, size = hashlib.sha256(), [], 0
    with zf.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                return None, size
            digest.update(chunk)
            if keep:
                chunks.append(chunk)
    return Entry(info=info, size=size, sha256=digest.digest(), data=b"".join(chunks) if keep else None), size


class _CheckedReader:
    """A file-like reader over a zip entry being installed: counts and hashes what it hands out, and raises
    PackageError before handing out a byte beyond the size validation counted."""

    def __init__(self, stream, expected_size, name):
        self.stream = stream
        self.expected_size = expected_size
        self.name = name
        self.size = 0
        self.digest = hashlib.sha256()

    def read(self, n=-1):
        # Never more than a chunk; one byte beyond what is left is enough to notice an entry that grew.
        n = CHUNK if n is None or n < 0 else min(n, CHUNK)
        chunk = self.stream.read(min(n, self.expected_size - self.size + 1))
        self.size += len(chunk)
        if self.size > self.expected_size:
            raise PackageError([_("%(name)s is groter dan bij de controle van het pakket.") % {"name": self.name}])
        self.digest.update(chunk)
        return chunk


def _load_json(data, name, problems):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        problems.append(_("%(name)s is geen geldige JSON.") % {"name": name})
        return None


def _check_dependency_list(value, where, kind, problems):
    """The valid entries of dependency list `kind`, their versions normalised to integers in place."""
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(_("%(where)s: '%(kind)s' moet een lijst zijn.") % {"where": where, "kind": kind})
        return []
    good = []
    for index, dep in enumerate(value):
        at = f"{where}, {kind}[{index}]"
        if not isinstance(dep, dict):
            problems.append(
                _("%(where)s moet een object met machineName, majorVersion en minorVersion zijn, maar is %(value)s.")
                % {"where": at, "value": _shown(dep)}
            )
            continue
        valid = True
        name = dep.get("machineName")
        if "machineName" not in dep:
            problems.append(_("%(where)s: '%(field)s' ontbreekt.") % {"where": at, "field": "machineName"})
            valid = False
        elif not isinstance(name, str) or not MACHINE_NAME.fullmatch(name):
            problems.append(
                _("%(where)s: 'machineName' is geen geldige bibliotheeknaam: %(value)s.")
                % {"where": at, "value": _shown(name)}
            )
            valid = False
        for key in ("majorVersion", "minorVersion"):
            valid = _normalise_version(dep, key, at, problems) is not None and valid
        if valid:
            good.append(dep)
    return good


def check_h5p_json(data, problems):
    if not isinstance(data, dict):
        problems.append(_("h5p.json moet een JSON-object zijn."))
        return
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 255:
        problems.append(_("h5p.json: 'title' ontbreekt of is langer dan 255 tekens."))
    language = data.get("language", "und")
    if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
        problems.append(_("h5p.json: 'language' is geen geldige taalcode."))
    main = data.get("mainLibrary")
    if not isinstance(main, str) or not MACHINE_NAME.fullmatch(main):
        problems.append(_("h5p.json: 'mainLibrary' ontbreekt of is geen geldige naam."))
    if "preloadedDependencies" not in data:
        problems.append(_("h5p.json: 'preloadedDependencies' ontbreekt."))
    before = len(problems)
    deps = _check_dependency_list(data.get("preloadedDependencies"), "h5p.json", "preloadedDependencies", problems)
    if isinstance(main, str) and len(problems) == before and main not in {dep["machineName"] for dep in deps}:
        problems.append(
            _("h5p.json: de hoofdbibliotheek %(main)s staat niet bij de afhankelijkheden.") % {"main": main}
        )
    for kind in ("dynamicDependencies", "editorDependencies"):
        _check_dependency_list(data.get(kind), "h5p.json", kind, problems)
    embed = data.get("embedTypes")
    if not isinstance(embed, list) or not embed or not all(isinstance(k, str) and k in EMBED_TYPES for k in embed):
        problems.append(_("h5p.json: 'embedTypes' moet 'iframe' en/of 'div' bevatten."))


def read_metadata(data, problems):
    """The optional copyright and authoring fields of h5p.json, checked loosely (strings, lists of objects)
    and normalised, under H5P's own names.

    Always: title (str), license (str, "U" when not given), authors ([{"name": str, "role": str}]),
    changes ([{"date": str, "author": str, "log": str}]). When given: licenseVersion, licenseExtras,
    source (only an http(s) address), authorComments, defaultLanguage, extraTitle, a11yTitle, contentType
    (all str), yearFrom and yearTo (int). Values are as written, not escaped: templates escape them.
    """
    metadata = {"title": data.get("title"), "license": "U", "authors": [], "changes": []}
    for key in TEXT_METADATA:
        value = data.get(key)
        if value is None or value == "":
            continue
        if key == "licenseVersion" and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            problems.append(
                _("h5p.json: '%(field)s' moet tekst zijn, maar is %(value)s.") % {"field": key, "value": _shown(value)}
            )
            continue
        metadata[key] = value
    # Shown as a link, so only a web address; the editor does not enforce one, so anything else is left out.
    if "source" in metadata and not WEB_ADDRESS.fullmatch(metadata["source"].strip()):
        del metadata["source"]
    for key, older in (("yearFrom", "yearsFrom"), ("yearTo", "yearsTo")):
        name = key if key in data else older
        value = data.get(name)
        if value is None or value == "":
            continue
        year = parse_year(value)
        if year is None:
            problems.append(
                _("h5p.json: '%(field)s' moet een jaartal zijn, maar is %(value)s.")
                % {"field": name, "value": _shown(value)}
            )
        else:
            metadata[key] = year
    for key, fields in (("authors", ("name", "role")), ("changes", ("date", "author", "log"))):
        entries = data.get(key)
        if entries is None or entries == "":
            continue
        if not isinstance(entries, list):
            problems.append(
                _("h5p.json: '%(field)s' moet een lijst zijn, maar is %(value)s.")
                % {"field": key, "value": _shown(entries)}
            )
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not all(isinstance(entry.get(name, ""), str) for name in fields):
                problems.append(
                    _("h5p.json: %(field)s[%(index)s] moet een object met tekst in %(names)s zijn, maar is %(value)s.")
                    % {"field": key, "index": index, "names": ", ".join(fields), "value": _shown(entry)}
                )
                continue
            kept = {name: entry.get(name, "") for name in fields}
            if key == "authors" and not kept["name"].strip():
                continue  # the editor saves an empty author row when nobody was filled in
            if key == "authors":
                kept["role"] = kept["role"] or "Author"
            metadata[key].append(kept)
    author = data.get("author")  # deprecated: one author as a string
    if isinstance(author, str) and author.strip() and not metadata["authors"]:
        metadata["authors"].append({"name": author, "role": "Author"})
    if "metadata" in data and not isinstance(data["metadata"], dict):
        problems.append(
            _("h5p.json: '%(field)s' moet een object zijn, maar is %(value)s.")
            % {"field": "metadata", "value": _shown(data["metadata"])}
        )
    return metadata


def check_library_json(folder, data, files, core_api, problems):
    where = f"{folder}/library.json"
    if not isinstance(data, dict):
        problems.append(_("%(where)s moet een JSON-object zijn.") % {"where": where})
        return None
    missing = [
        key
        for key in ("title", "machineName", "majorVersion", "minorVersion", "patchVersion", "runnable")
        if key not in data
    ]
    if missing:
        problems.append(
            _("%(where)s: verplichte velden ontbreken: %(fields)s.") % {"where": where, "fields": ", ".join(missing)}
        )
        return None
    if not isinstance(data["title"], str) or not 1 <= len(data["title"]) <= 255:
        problems.append(_("%(where)s: 'title' is ongeldig.") % {"where": where})
    if not isinstance(data["machineName"], str) or not MACHINE_NAME.fullmatch(data["machineName"]):
        problems.append(
            _("%(where)s: 'machineName' is geen geldige bibliotheeknaam: %(value)s.")
            % {"where": where, "value": _shown(data["machineName"])}
        )
        return None
    versions = [
        _normalise_version(data, key, where, problems) for key in ("majorVersion", "minorVersion", "patchVersion")
    ]
    if None in versions:
        return None
    runnable = data["runnable"]
    if isinstance(runnable, str) and runnable in ("0", "1"):
        runnable = int(runnable)
    if isinstance(runnable, bool) or runnable in (0, 1):
        data["runnable"] = int(runnable)
    else:
        problems.append(
            _("%(where)s: 'runnable' moet 0 of 1 zijn, maar is %(value)s.")
            % {"where": where, "value": _shown(runnable)}
        )
    expected = f"{data['machineName']}-{data['majorVersion']}.{data['minorVersion']}"
    if expected != folder:
        problems.append(_("%(where)s: de map hoort %(expected)s te heten.") % {"where": where, "expected": expected})
    for kind in ("preloadedJs", "preloadedCss"):
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            problems.append(_("%(where)s: '%(kind)s' moet een lijst zijn.") % {"where": where, "kind": kind})
            continue
        for entry in entries:
            path = entry.get("path") if isinstance(entry, dict) else None
            wanted = "js" if kind == "preloadedJs" else "css"
            if not isinstance(path, str) or posixpath.normpath(path) not in files or extension(path) != wanted:
                problems.append(
                    _("%(where)s: bestand %(path)s uit %(kind)s ontbreekt in de bibliotheek.")
                    % {"where": where, "path": path, "kind": kind}
                )
    for kind in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        _check_dependency_list(data.get(kind), where, kind, problems)
    api = data.get("coreApi")
    if api is not None:
        if not isinstance(api, dict):
            problems.append(
                _("%(where)s: 'coreApi' moet een object met majorVersion en minorVersion zijn, maar is %(value)s.")
                % {"where": where, "value": _shown(api)}
            )
        else:
            at = f"{where}, coreApi"
            major = _normalise_version(api, "majorVersion", at, problems)
            minor = _normalise_version(api, "minorVersion", at, problems)
            if major is not None and minor is not None and (major, minor) > tuple(core_api):
                problems.append(
                    _("%(where)s vraagt H5P core %(want)s, de speler biedt %(have)s.")
                    % {"where": where, "want": f"{major}.{minor}", "have": f"{core_api[0]}.{core_api[1]}"}
                )
    return data


def find_subcontent(content):
    """Every {"library": "Machine.Name X.Y", "params": {...}} inside content.json, in document order.

    content.json does not say which of its fields are "library" fields (semantics.json does, and the
    libraries of an already installed content type are not in the package), so this looks at the shape,
    which only sub-content has: a "library" string naming a library version next to a "params" object.
    """
    found = []
    stack = [("", content)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            library = value.get("library")
            match = LIBRARY_STRING.fullmatch(library) if isinstance(library, str) else None
            if match and isinstance(value.get("params"), dict):
                sub_id = value.get("subContentId")
                found.append(
                    SubContent(
                        library=(match["name"], int(match["major"]), int(match["minor"])),
                        sub_content_id=sub_id if isinstance(sub_id, str) else None,
                        path=path,
                    )
                )
            stack.extend(reversed([(f"{path}.{key}" if path else str(key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{index}]", item) for index, item in enumerate(value)]))
    return found


def read_package(fileobj, *, max_file_size, max_total_size, core_api, is_installed=lambda key: False):
    """Validate the .h5p in `fileobj` (a seekable binary file) and return its parsed `Package`.

    `is_installed(key)` says whether library (machineName, major, minor) is already on the server, so a
    package may leave it out. Raises PackageError listing every problem. The package reads its files from
    `fileobj` when installed: keep it open until then (see `Package`).
    """
    if not zipfile.is_zipfile(fileobj):
        raise PackageError([_("Dit is geen .h5p-bestand (geen zip-archief).")])
    fileobj.seek(0)
    try:
        zf = zipfile.ZipFile(fileobj)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PackageError([_("Het zip-archief is beschadigd: %(error)s") % {"error": error}]) from error
    try:
        package = _validate(zf, infos, max_file_size, max_total_size, core_api, is_installed)
    except BaseException:
        zf.close()  # closes only the ZipFile: `fileobj` stays the caller's
        raise
    package.archive = zf
    return package


def _validate(zf, infos, max_file_size, max_total_size, core_api, is_installed):
    problems = []
    if len(infos) > MAX_ENTRIES:
        raise PackageError([_("Het pakket bevat meer dan %(max)s bestanden.") % {"max": MAX_ENTRIES}])

    # Every entry, also the ones skipped below, must have a safe name and type.
    unsafe = [problem for problem in (_entry_problem(info) for info in infos) if problem]
    if unsafe:
        raise PackageError(unsafe)

    h5p_raw, content_files, library_files, budget = None, {}, {}, max_total_size
    for info in infos:
        if info.is_dir():
            continue
        path = posixpath.normpath(info.filename)
        parts = path.split("/")
        if any(part.startswith((".", "_")) for part in parts):
            continue  # the reference core skips these too (e.g. __MACOSX, .DS_Store)
        top = parts[0]
        if len(parts) == 1 and path != "h5p.json":
            continue  # a stray top-level file (README.txt): the core neither extracts nor refuses it
        if path == "h5p.json":
            allowed = True
        elif top == "content":
            allowed = extension(path) in CONTENT_EXTENSIONS
        elif LIBRARY_FOLDER.fullmatch(top):
            allowed = extension(path) in LIBRARY_EXTENSIONS
        else:
            problems.append(_("%(name)s hoort niet in een H5P-pakket.") % {"name": path})
            continue
        if not allowed:
            problems.append(
                _("%(name)s: bestanden met de extensie .%(ext)s zijn hier niet toegestaan.")
                % {"name": path, "ext": extension(path) or "(geen)"}
            )
            continue
        keep = path in PARSED_FILES or (top != "content" and "/".join(parts[1:]) in PARSED_LIBRARY_FILES)
        try:
            entry, size = _stream_entry(zf, info, max_file_size, budget, keep)
        except READ_ERRORS as error:
            problems.append(_("%(name)s kan niet gelezen worden: %(error)s") % {"name": path, "error": error})
            continue
        if entry is None:
            if size > budget and budget < max_file_size:
                problems.append(
                    _("Het pakket is uitgepakt groter dan %(max)s MB.") % {"max": max_total_size // (1024 * 1024)}
                )
                raise PackageError(problems)
            problems.append(
                _("%(name)s is groter dan %(max)s MB.") % {"name": path, "max": max_file_size // (1024 * 1024)}
            )
            continue
        budget -= size
        if path == "h5p.json":
            h5p_raw = entry.data
        elif top == "content":
            content_files["/".join(parts[1:])] = entry
        else:
            library_files.setdefault(top, {})["/".join(parts[1:])] = entry

    h5p, metadata = None, {}
    if h5p_raw is None:
        problems.append(_("h5p.json ontbreekt in het pakket."))
    else:
        h5p = _load_json(h5p_raw, "h5p.json", problems)
        if h5p is not None:
            check_h5p_json(h5p, problems)
            if isinstance(h5p, dict):
                metadata = read_metadata(h5p, problems)
    content = None
    if "content.json" not in content_files:
        problems.append(_("content/content.json ontbreekt in het pakket."))
    else:
        content = _load_json(content_files["content.json"].data, "content/content.json", problems)
        if content is not None and not isinstance(content, dict):
            problems.append(_("content/content.json moet een JSON-object zijn."))
    subcontent = find_subcontent(content) if isinstance(content, dict) else []

    libraries = {}
    for folder, files in sorted(library_files.items()):
        if "library.json" not in files:
            problems.append(_("%(folder)s: library.json ontbreekt.") % {"folder": folder})
            continue
        library_json = _load_json(files["library.json"].data, f"{folder}/library.json", problems)
        if library_json is None or check_library_json(folder, library_json, files, core_api, problems) is None:
            continue
        semantics = None
        if "semantics.json" in files:
            semantics = _load_json(files["semantics.json"].data, f"{folder}/semantics.json", problems)
        libraries[folder] = Library(
            machine_name=library_json["machineName"],
            major=library_json["majorVersion"],
            minor=library_json["minorVersion"],
            patch=library_json["patchVersion"],
            metadata=library_json,
            semantics=semantics,
            files=files,
        )

    if h5p is not None and not problems:
        package = Package(
            h5p=h5p,
            content=content,
            content_files=content_files,
            libraries=libraries,
            metadata=metadata,
            subcontent=subcontent,
        )
        by_key = {library.key: library for library in libraries.values()}
        main = by_key.get(package.main_library_key)
        if main is not None and not main.metadata.get("runnable"):
            problems.append(_("De hoofdbibliotheek %(main)s is niet zelfstandig te spelen.") % {"main": main.folder})
        needed = [(dependency_key(dep), "h5p.json") for dep in h5p.get("preloadedDependencies", [])]
        for library in libraries.values():
            needed += [(key, library.folder) for key in library.dependencies()]
        needed += [(item.library, "content/content.json") for item in subcontent]
        reported = set()
        for key, needed_by in needed:
            if key not in by_key and not is_installed(key) and (key, needed_by) not in reported:
                reported.add((key, needed_by))
                problems.append(
                    _("Bibliotheek %(dep)s (nodig voor %(by)s) zit niet in het pakket en is niet geïnstalleerd.")
                    % {"dep": folder_name(key), "by": needed_by}
                )
    if problems:
        raise PackageError(problems)
    return package
