"""Build .h5p packages from our own content types (h5p/content_types/) for the demo and the tests."""

import io
import json
import zipfile
from pathlib import Path

CONTENT_TYPES_DIR = Path(__file__).resolve().parent / "content_types"


def library_files(folder):
    """The files of one of our own libraries, e.g. "OEF.MultiChoice-1.0", as {relative path: bytes}."""
    base = CONTENT_TYPES_DIR / folder
    return {path.relative_to(base).as_posix(): path.read_bytes() for path in sorted(base.rglob("*")) if path.is_file()}


def library_json(folder):
    return json.loads((CONTENT_TYPES_DIR / folder / "library.json").read_text())


def dependency_closure(folder):
    """`folder` and every library it preloads, dependencies first."""
    ordered = []

    def visit(name):
        if name in ordered:
            return
        for dep in library_json(name).get("preloadedDependencies", []):
            visit(f"{dep['machineName']}-{dep['majorVersion']}.{dep['minorVersion']}")
        ordered.append(name)

    visit(folder)
    return ordered


def h5p_json(title, main_folder, language="nl"):
    meta = library_json(main_folder)
    return {
        "title": title,
        "language": language,
        "mainLibrary": meta["machineName"],
        "embedTypes": ["iframe"],
        "license": "U",
        "preloadedDependencies": [
            {
                "machineName": meta["machineName"],
                "majorVersion": meta["majorVersion"],
                "minorVersion": meta["minorVersion"],
            }
        ],
    }


def build_zip(entries):
    """A zip from {name: bytes | str | dict}; dicts are written as JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            if isinstance(data, dict | list):
                data = json.dumps(data, ensure_ascii=False, indent=1)
            zf.writestr(name, data)
    return buffer.getvalue()


def build_package(title, main_folder, content, *, include_libraries=True, extra=None, metadata=None):
    """The bytes of a .h5p for our content type `main_folder` with `content` as content.json; `metadata`
    adds h5p.json's copyright fields (license, licenseVersion, authors, yearFrom, source, ...)."""
    entries = {"h5p.json": {**h5p_json(title, main_folder), **(metadata or {})}, "content/content.json": content}
    if include_libraries:
        for folder in dependency_closure(main_folder):
            for path, data in library_files(folder).items():
                entries[f"{folder}/{path}"] = data
    entries.update(extra or {})
    return build_zip(entries)
