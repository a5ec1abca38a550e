"""The research export as files: one HDF5 file (h5py) or the same tables as CSV files in a zip.

Both are written table by table and row chunk by row chunk, so memory does not grow with the number of events.
The HDF5 file is written to a temporary file first (HDF5 needs to seek) and then streamed; the zip is streamed
while it is made. Downloads go through `ExportResponse`, which streams under ASGI too, and are logged in the
privacy log without content. The layout: docs/research-export.md.
"""

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import h5py
import numpy as np
from django.utils import timezone
from django.utils.http import content_disposition_header

from oefenfeed.csvsafe import SafeWriter

from .choices import PrivacyAction
from .export import CHUNK_SIZE, ExportResponse, StreamSink
from .models import PrivacyLog

WRITE_ROWS = 1024  # rows per HDF5 chunk and per write: what the writer holds at a time
CSV_DELIMITER = ";"  # as the results CSV, so a spreadsheet with Dutch settings splits the columns
HDF5 = "hdf5"
CSV = "csv"
# Chunks are written whole, once: a small raw-data cache per dataset is enough, and a capped metadata cache.
CHUNK_CACHE_BYTES = 64 * 1024
METADATA_CACHE_BYTES = 2 * 1024 * 1024
STRING = h5py.string_dtype("utf-8")
DTYPES = {"str": STRING, "int32": np.dtype("int32"), "int64": np.dtype("int64"), "float64": np.dtype("float64")}


def filename(export, file_format):
    day = export.created_on.isoformat()
    scope = "bestuur" if export.whole_board else "school"
    return f"oefenfeed-onderzoek-{scope}-{day}.{'h5' if file_format == HDF5 else 'zip'}"


def _chunks(rows, size=WRITE_ROWS):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _attributes(target, attributes):
    for key, value in attributes.items():
        target.attrs[key] = value


# HDF5


def write_hdf5(export, target):
    """Write every table of `export` to `target` (a path, or a binary file object that can seek); returns the
    tables written, with their row counts and suppressed cells."""
    written = []
    with h5py.File(target, "w", rdcc_nbytes=CHUNK_CACHE_BYTES) as hdf:
        _bound_metadata_cache(hdf)
        _attributes(hdf, export.attributes())
        for group in export.groups:
            _attributes(hdf.require_group(group.path), group.attributes())
        hdf.require_group("lookup").attrs["description"] = (
            "What the ids in the groups' lesson, activity and goal columns are."
        )
        for table in export.tables():
            _write_table(hdf.require_group(table.path), table)
            written.append(table)
    return written


def _bound_metadata_cache(hdf):
    """HDF5's metadata cache, which also holds the heap of the variable-length strings, grows with the file by
    default (measured: megabytes per 100,000 rows); capped, it stays flat however many rows are written."""
    config = hdf.id.get_mdc_config()
    config.set_initial_size = True
    config.initial_size = METADATA_CACHE_BYTES // 2
    config.min_size = METADATA_CACHE_BYTES // 4
    config.max_size = METADATA_CACHE_BYTES
    hdf.id.set_mdc_config(config)


def _write_table(group, table):
    datasets = []  # (dataset, the NumPy type its values are handed over in)
    for column in table.columns:
        numeric = column.kind != "str"
        dataset = group.create_dataset(
            column.name,
            shape=(0,),
            maxshape=(None,),
            chunks=(WRITE_ROWS,),
            dtype=DTYPES[column.kind],
            # Numbers compress well; variable-length strings live in a heap the filters do not reach.
            compression="gzip" if numeric else None,
            shuffle=numeric,
        )
        dataset.attrs["description"] = column.description
        dataset.attrs["units"] = column.units
        datasets.append((dataset, object if column.kind == "str" else dataset.dtype))
    for chunk in _chunks(table.rows(table)):
        start = table.row_count
        table.row_count += len(chunk)
        for index, (dataset, dtype) in enumerate(datasets):
            dataset.resize((table.row_count,))
            dataset[start : table.row_count] = np.array([row[index] for row in chunk], dtype=dtype)
    _attributes(group, table.attributes())
    group.attrs["columns"] = [column.name for column in table.columns]


def hdf5_pieces(export):
    """Write the HDF5 file to a temporary file, then yield it in pieces; the file is gone afterwards."""
    handle, path = tempfile.mkstemp(prefix="oefenfeed-onderzoek-", suffix=".h5")
    os.close(handle)
    try:
        write_hdf5(export, path)
        stream = open(path, "rb")  # noqa: SIM115 (closed by the generator below)
    finally:
        # Unlinked at once: the open handle keeps the data readable, and nothing stays on disk if the
        # download is cut off.
        Path(path).unlink(missing_ok=True)
    return _read(stream)


def _read(stream):
    with stream:
        while piece := stream.read(CHUNK_SIZE):
            yield piece


# CSV in a zip


def _csv_info(name, now):
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(now).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def csv_pieces(export, written=None):
    """Yield the zip in pieces: one CSV file per table (`<school year>/<grade band>/<table>.csv`,
    `lookup/<table>.csv`), then `metadata.json` with every attribute the HDF5 file carries. The tables written
    are appended to `written` when given."""
    now = timezone.now()
    sink = StreamSink()
    tables = [] if written is None else written
    with zipfile.ZipFile(sink, mode="w") as archive:
        for table in export.tables():
            with (
                archive.open(_csv_info(f"{table.path}.csv", now), mode="w") as member,
                io.TextIOWrapper(member, encoding="utf-8", newline="") as text,
            ):
                writer = SafeWriter(text, delimiter=CSV_DELIMITER)
                writer.writerow([column.name for column in table.columns])
                for chunk in _chunks(table.rows(table)):
                    writer.writerows(_csv_row(row) for row in chunk)
                    table.row_count += len(chunk)
                    text.flush()
                    yield sink.take()
            tables.append(table)
            yield sink.take()
        metadata = json.dumps(_metadata(export, tables), ensure_ascii=False, indent=2)
        archive.writestr(_csv_info("metadata.json", now), metadata.encode("utf-8"))
    yield sink.take()


def _csv_row(row):
    # NaN (nothing to compute) is an empty cell, as the docs say; -1 stays a number.
    return ["" if isinstance(value, float) and value != value else value for value in row]


def _metadata(export, tables):
    return {
        "attributes": export.attributes(),
        "groups": {group.path: group.attributes() for group in export.groups},
        "tables": {
            table.path: {
                "file": f"{table.path}.csv",
                "attributes": table.attributes(),
                "columns": [
                    {"name": column.name, "type": column.kind, "description": column.description, "units": column.units}
                    for column in table.columns
                ],
            }
            for table in tables
        },
    }


def write_csv_zip(export, target):
    """Write the zip to `target` (a path); returns the tables written."""
    written = []
    with open(target, "wb") as stream:
        for piece in csv_pieces(export, written):
            stream.write(piece)
    return written


# Downloads and the log


def log_research_export(export, file_format, *, actor=None, actor_name=""):
    """One privacy log line per download: who, when, which school (none for the whole board), the format."""
    return PrivacyLog.objects.create(
        action=PrivacyAction.RESEARCH,
        actor=actor,
        actor_name=actor_name or (actor.display_name if actor else ""),
        school=None if export.whole_board or len(export.schools) != 1 else export.schools[0],
        pseudonym="",
        counts={"format": file_format, "schools": len(export.schools), "groups": len(export.groups)},
    )


def research_response(export, file_format, *, actor):
    """The download. The HDF5 file is complete before the response starts (a failure is a plain error page);
    the zip is made while it streams. Logged once the download is about to start."""
    if file_format == HDF5:
        pieces, content_type = hdf5_pieces(export), "application/x-hdf5"
    else:
        pieces, content_type = csv_pieces(export), "application/zip"
    log_research_export(export, file_format, actor=actor)
    response = ExportResponse((piece for piece in pieces if piece), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename(export, file_format)
    )
    response["Cache-Control"] = "no-store, private"
    return response
