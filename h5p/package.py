"""Read and validate an uploaded .h5p file in memory, before anything is stored or extracted.

Pure Python: no models, no disk writes. `read_package` returns a `Package` or raises `PackageError`
with every problem it found, each in a sentence a coordinator can act on.
"""

import json
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

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
MACHINE_NAME = re.compile(r"^[\w0-9\-.]{1,255}$")
LIBRARY_FOLDER = re.compile(r"^(?P<name>[\w0-9\-.]{1,255})-(?P<major>\d{1,5})\.(?P<minor>\d{1,5})$")
LANGUAGE = re.compile(r"^[-a-zA-Z]{1,10}$")
MAX_ENTRIES = 5000
CHUNK = 64 * 1024


class PackageError(Exception):
    """A package was refused; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class Library:
    machine_name: str
    major: int
    minor: int
    patch: int
    metadata: dict
    semantics: list | None = None
    files: dict = field(default_factory=dict)  # path inside the library folder -> bytes

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major}.{self.minor}"

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)

    def dependencies(self):
        return [dependency_key(dep) for dep in self.metadata.get("preloadedDependencies", [])]


@dataclass
class Package:
    h5p: dict
    content: dict
    content_files: dict  # path inside content/ -> bytes (content.json included)
    libraries: dict  # folder name -> Library

    @property
    def title(self):
        return self.h5p["title"]

    @property
    def main_library_key(self):
        for dep in self.h5p["preloadedDependencies"]:
            if dep["machineName"] == self.h5p["mainLibrary"]:
                return dependency_key(dep)
        raise KeyError(self.h5p["mainLibrary"])


def dependency_key(dep):
    return (dep["machineName"], dep["majorVersion"], dep["minorVersion"])


def folder_name(key):
    return f"{key[0]}-{key[1]}.{key[2]}"


def extension(path):
    return posixpath.splitext(path)[1].lstrip(".").lower()


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


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


def _read_limited(zf, info, max_file_size, budget):
    """The entry's real bytes, stopping as soon as a limit is passed (never trusting the sizes in the zip)."""
    limit = min(max_file_size, budget)
    chunks, size = [], 0
    with zf.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                return None, size
            chunks.append(chunk)
    return b"".join(chunks), size


def _load_json(data, name, problems):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        problems.append(_("%(name)s is geen geldige JSON.") % {"name": name})
        return None


def _check_dependency_list(value, where, problems):
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(_("%(where)s: de afhankelijkheden moeten een lijst zijn.") % {"where": where})
        return []
    good = []
    for dep in value:
        if (
            isinstance(dep, dict)
            and isinstance(dep.get("machineName"), str)
            and MACHINE_NAME.match(dep["machineName"])
            and _is_int(dep.get("majorVersion"))
            and _is_int(dep.get("minorVersion"))
        ):
            good.append(dep)
        else:
            problems.append(
                _("%(where)s: afhankelijkheid %(dep)s mist machineName, majorVersion of minorVersion.")
                % {"where": where, "dep": json.dumps(dep)[:80]}
            )
    return good


def check_h5p_json(data, problems):
    if not isinstance(data, dict):
        problems.append(_("h5p.json moet een JSON-object zijn."))
        return
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 255:
        problems.append(_("h5p.json: 'title' ontbreekt of is langer dan 255 tekens."))
    if not isinstance(data.get("language", "und"), str) or not LANGUAGE.match(data.get("language", "und")):
        problems.append(_("h5p.json: 'language' is geen geldige taalcode."))
    main = data.get("mainLibrary")
    if not isinstance(main, str) or not MACHINE_NAME.match(main):
        problems.append(_("h5p.json: 'mainLibrary' ontbreekt of is geen geldige naam."))
    if "preloadedDependencies" not in data:
        problems.append(_("h5p.json: 'preloadedDependencies' ontbreekt."))
    deps = _check_dependency_list(data.get("preloadedDependencies"), "h5p.json", problems)
    if isinstance(main, str) and deps and main not in {dep["machineName"] for dep in deps}:
        problems.append(
            _("h5p.json: de hoofdbibliotheek %(main)s staat niet bij de afhankelijkheden.") % {"main": main}
        )
    embed = data.get("embedTypes")
    if not isinstance(embed, list) or not embed or not set(embed) <= EMBED_TYPES:
        problems.append(_("h5p.json: 'embedTypes' moet 'iframe' en/of 'div' bevatten."))


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
    if not all(_is_int(data[key]) for key in ("majorVersion", "minorVersion", "patchVersion")):
        problems.append(_("%(where)s: versienummers moeten gehele getallen zijn.") % {"where": where})
        return None
    if data["runnable"] not in (0, 1, True, False):
        problems.append(_("%(where)s: 'runnable' moet 0 of 1 zijn.") % {"where": where})
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
        _check_dependency_list(data.get(kind), where, problems)
    api = data.get("coreApi")
    if api is not None:
        if not isinstance(api, dict) or not _is_int(api.get("majorVersion")) or not _is_int(api.get("minorVersion")):
            problems.append(_("%(where)s: 'coreApi' is ongeldig.") % {"where": where})
        elif (api["majorVersion"], api["minorVersion"]) > tuple(core_api):
            problems.append(
                _("%(where)s vraagt H5P core %(want)s, de speler biedt %(have)s.")
                % {
                    "where": where,
                    "want": f"{api['majorVersion']}.{api['minorVersion']}",
                    "have": f"{core_api[0]}.{core_api[1]}",
                }
            )
    return data


def read_package(fileobj, *, max_file_size, max_total_size, core_api, is_installed=lambda key: False):
    """Validate the .h5p in `fileobj` (a binary file) and return its parsed `Package`.

    `is_installed(key)` says whether library (machineName, major, minor) is already on the server, so a
    package may leave it out. Raises PackageError listing every problem.
    """
    problems = []
    if not zipfile.is_zipfile(fileobj):
        raise PackageError([_("Dit is geen .h5p-bestand (geen zip-archief).")])
    fileobj.seek(0)
    try:
        zf = zipfile.ZipFile(fileobj)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise PackageError([_("Het zip-archief is beschadigd: %(error)s") % {"error": error}]) from error
    if len(infos) > MAX_ENTRIES:
        raise PackageError([_("Het pakket bevat meer dan %(max)s bestanden.") % {"max": MAX_ENTRIES}])

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
        if path == "h5p.json":
            allowed = True
        elif top == "content" and len(parts) > 1:
            allowed = extension(path) in CONTENT_EXTENSIONS
        elif len(parts) > 1 and LIBRARY_FOLDER.match(top):
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
        try:
            data, size = _read_limited(zf, info, max_file_size, budget)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
            problems.append(_("%(name)s kan niet gelezen worden: %(error)s") % {"name": path, "error": error})
            continue
        if data is None:
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
            h5p_raw = data
        elif top == "content":
            content_files["/".join(parts[1:])] = data
        else:
            library_files.setdefault(top, {})["/".join(parts[1:])] = data

    h5p = None
    if h5p_raw is None:
        problems.append(_("h5p.json ontbreekt in het pakket."))
    else:
        h5p = _load_json(h5p_raw, "h5p.json", problems)
        if h5p is not None:
            check_h5p_json(h5p, problems)
    content = None
    if "content.json" not in content_files:
        problems.append(_("content/content.json ontbreekt in het pakket."))
    else:
        content = _load_json(content_files["content.json"], "content/content.json", problems)
        if content is not None and not isinstance(content, dict):
            problems.append(_("content/content.json moet een JSON-object zijn."))

    libraries = {}
    for folder, files in sorted(library_files.items()):
        if "library.json" not in files:
            problems.append(_("%(folder)s: library.json ontbreekt.") % {"folder": folder})
            continue
        metadata = _load_json(files["library.json"], f"{folder}/library.json", problems)
        if metadata is None or check_library_json(folder, metadata, files, core_api, problems) is None:
            continue
        semantics = None
        if "semantics.json" in files:
            semantics = _load_json(files["semantics.json"], f"{folder}/semantics.json", problems)
        libraries[folder] = Library(
            machine_name=metadata["machineName"],
            major=metadata["majorVersion"],
            minor=metadata["minorVersion"],
            patch=metadata["patchVersion"],
            metadata=metadata,
            semantics=semantics,
            files=files,
        )

    if h5p is not None and not problems:
        main = next((lib for lib in libraries.values() if lib.machine_name == h5p["mainLibrary"]), None)
        if main is not None and not main.metadata.get("runnable"):
            problems.append(_("De hoofdbibliotheek %(main)s is niet zelfstandig te spelen.") % {"main": main.folder})
        present = {library.key for library in libraries.values()}
        needed = [(dependency_key(dep), "h5p.json") for dep in h5p.get("preloadedDependencies", [])]
        for library in libraries.values():
            needed += [(key, library.folder) for key in library.dependencies()]
        reported = set()
        for key, needed_by in needed:
            if key not in present and not is_installed(key) and (key, needed_by) not in reported:
                reported.add((key, needed_by))
                problems.append(
                    _("Bibliotheek %(dep)s (nodig voor %(by)s) zit niet in het pakket en is niet geïnstalleerd.")
                    % {"dep": folder_name(key), "by": needed_by}
                )
    if problems:
        raise PackageError(problems)
    return Package(h5p=h5p, content=content, content_files=content_files, libraries=libraries)
