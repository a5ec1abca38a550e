"""Install a validated package: libraries once per Major.Minor, content files under H5P_ROOT/content/<pk>/.

Files are copied from the zip, chunk by chunk, to a staging folder inside H5P_ROOT and moved into place only
when everything else succeeded; on any error the staging folder is removed, so nothing of a refused package
remains on disk.
"""

import hashlib
import json
import posixpath
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .models import H5PContent, H5PLibrary
from .package import Package, PackageError, read_package, runtime_dependencies
from .semantics import clean_params

# The H5P core API that h5p-standalone 3.8.2 provides; libraries asking for more are refused.
DEFAULT_CORE_API = (1, 26)


def root():
    configured = getattr(settings, "H5P_ROOT", "")
    if configured:
        return Path(configured)
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(media.name + "-h5p")


def libraries_dir():
    return root() / "libraries"


def content_dir(content_pk):
    return root() / "content" / str(content_pk)


def can_install_libraries(user):
    """The one policy for installing or updating library code (arbitrary JavaScript on our origin)."""
    return user is not None and user.is_active and user.has_perm("h5p.install_library")


def files_hash(files):
    """One digest of a library's files ({path: Entry}), from the SHA-256 of each computed while validating."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].sha256)
    return digest.hexdigest()


def limits():
    return {
        "max_file_size": settings.H5P_MAX_FILE_SIZE,
        "max_total_size": settings.H5P_MAX_TOTAL_SIZE,
        "core_api": tuple(getattr(settings, "H5P_CORE_API", DEFAULT_CORE_API)),
    }


def installed_keys():
    return set(H5PLibrary.objects.values_list("machine_name", "major_version", "minor_version"))


def _write_files(target, files, package):
    """Write {relative path: bytes or the package's Entry} under `target`; entries are copied from the zip."""
    for relative, item in files.items():
        # Paths were checked by the validator; normalise again and refuse anything that escapes `target`.
        clean = posixpath.normpath(relative)
        path = (target / clean).resolve()
        if not path.is_relative_to(target.resolve()) or clean.startswith(("/", "..")):
            raise PackageError([_("%(name)s wijst buiten de map.") % {"name": relative}])
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, bytes):
            path.write_bytes(item)
        else:
            with path.open("wb") as destination:
                package.copy_entry(item, destination)


def plan_libraries(package, user_may_install):
    """Decide per library: reuse the installed one, or install/update it (which needs the permission)."""
    installed = {lib.key: lib for lib in H5PLibrary.objects.all()}
    to_write, refused = [], []
    for library in package.libraries.values():
        existing = installed.get(library.key)
        if existing is not None and existing.patch_version >= library.patch:
            continue  # identical or older patch: the installed library is reused
        if not user_may_install:
            refused.append(f"{library.folder}.{library.patch}")
        to_write.append(library)
    if refused:
        raise PackageError(
            [
                _(
                    "Dit pakket heeft nieuwe of bijgewerkte bibliotheken nodig (%(libs)s). Bibliotheken bevatten "
                    "JavaScript; alleen wie daar het recht voor heeft (coördinator of beheerder) mag ze installeren."
                )
                % {"libs": ", ".join(sorted(refused))}
            ]
        )
    return to_write


def semantics_lookup(package):
    by_name = {f"{lib.machine_name} {lib.major}.{lib.minor}": lib.semantics for lib in package.libraries.values()}

    def lookup(name):
        if name in by_name:
            return by_name[name]
        machine, _sep, version = name.partition(" ")
        major, _dot, minor = version.partition(".")
        if not (major.isdigit() and minor.isdigit()):
            return None
        lib = H5PLibrary.objects.filter(machine_name=machine, major_version=major, minor_version=minor).first()
        return lib.semantics if lib else None

    return lookup


# `school` default of import_package() and install(): the uploader's school (None for no uploader).
UPLOADERS_SCHOOL = object()


def import_package(fileobj, *, user=None, title=None, allow_libraries=None, school=UPLOADERS_SCHOOL):
    """Validate and install the .h5p in `fileobj`; return the new H5PContent or raise PackageError.

    `allow_libraries` overrides the permission check (the shell command runs as the server's operator).
    """
    may_install = can_install_libraries(user) if allow_libraries is None else allow_libraries
    # The package copies its files from `fileobj` while installing; the ZipFile is closed here, `fileobj` stays
    # the caller's.
    with read_package(fileobj, is_installed=lambda key: key in installed_keys(), **limits()) as package:
        return install(package, user=user, title=title, may_install=may_install, school=school)


def install(package: Package, *, user=None, title=None, may_install=False, school=UPLOADERS_SCHOOL):
    """Install `package` as a new activity of `school`, by default the uploader's. School None (the server's
    operator from the shell, or an administrator's choice): an activity for all schools, which only
    administrators manage. The file object `package` was read from must still be open (see `Package`)."""
    if school is UPLOADERS_SCHOOL:
        school = user.school if user is not None else None
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=base))
    moved = []  # (final path, backup path or None) so a failure can be rolled back
    try:
        with transaction.atomic():
            to_write = plan_libraries(package, may_install)
            for library in to_write:
                _write_files(staging / "libraries" / library.folder, library.files, package)
                H5PLibrary.objects.update_or_create(
                    machine_name=library.machine_name,
                    major_version=library.major,
                    minor_version=library.minor,
                    defaults={
                        "patch_version": library.patch,
                        "title": library.metadata["title"],
                        "runnable": bool(library.metadata["runnable"]),
                        "metadata": library.metadata,
                        "semantics": library.semantics,
                        "files_hash": files_hash(library.files),
                    },
                )
            main_key = package.main_library_key
            main = H5PLibrary.objects.get(
                machine_name=main_key[0], major_version=main_key[1], minor_version=main_key[2]
            )
            content_json = clean_params(package.content, main.semantics, semantics_lookup(package))
            content = H5PContent.objects.create(
                title=(title or package.title)[:255],
                main_library=main,
                h5p_json=package.h5p,
                metadata=package.metadata,
                uploaded_by=user,
                school=school,
            )
            # Every library the content needs, sub-content included (a question set's questions, a
            # presentation's slides), so deleting or updating a library knows every content that uses it.
            installed = {lib.key: lib for lib in H5PLibrary.objects.all()}
            keys = package.content_libraries(
                installed_dependencies=lambda key: (
                    runtime_dependencies(installed[key].metadata) if key in installed else ()
                )
            )
            content.libraries.set([lib for key, lib in installed.items() if key in keys])
            # On disk and in URLs: <pk>/h5p.json and <pk>/content/..., the layout h5p-standalone expects.
            files = {f"content/{path}": entry for path, entry in package.content_files.items()}
            files["content/content.json"] = json.dumps(content_json, ensure_ascii=False).encode()
            # The player's copy: only what it reads, metadata escaped as the core does (H5P's rights dialog
            # puts these strings into the page as HTML).
            files["h5p.json"] = json.dumps(package.h5p_for_player(), ensure_ascii=False).encode()
            _write_files(staging / "content", files, package)

            # Everything is in staging and in the database; move the folders into place last.
            for library in to_write:
                final = libraries_dir() / library.folder
                backup = None
                if final.exists():
                    backup = staging / "replaced" / library.folder
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    final.rename(backup)
                final.parent.mkdir(parents=True, exist_ok=True)
                (staging / "libraries" / library.folder).rename(final)
                moved.append((final, backup))
            final_content = content_dir(content.pk)
            final_content.parent.mkdir(parents=True, exist_ok=True)
            # A folder for a brand-new pk can only be a leftover of a database that was reset.
            shutil.rmtree(final_content, ignore_errors=True)
            (staging / "content").rename(final_content)
            moved.append((final_content, None))
    except BaseException:
        for final, backup in reversed(moved):
            shutil.rmtree(final, ignore_errors=True)
            if backup is not None:
                backup.rename(final)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return content


def delete_content_files(content_pk):
    shutil.rmtree(content_dir(content_pk), ignore_errors=True)


def resolve(base, relative):
    """The file `relative` under `base`, or None when it escapes `base` or does not exist."""
    clean = posixpath.normpath(relative or "")
    if clean.startswith(("/", "..")) or "\\" in relative or "\x00" in relative:
        return None
    path = (base / clean).resolve()
    if not path.is_relative_to(base.resolve()) or not path.is_file():
        return None
    return path
