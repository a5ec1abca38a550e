"""Serve one byte range of a file (RFC 9110 §14): video and audio in H5P content seek without loading it all.

Django's FileResponse always sends the whole file. Browsers ask a <video> for `Range: bytes=N-` as soon as
someone seeks, and some (Safari) refuse to play media from a server that does not answer 206.
"""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe

SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def requested_range(header, size):
    """(start, end) inclusive for a single satisfiable range; "unsatisfiable"; or None to send the whole file.

    Several ranges, or a header we cannot read, get the whole file: RFC 9110 lets a server ignore Range.
    """
    match = SINGLE_RANGE.match((header or "").replace(" ", ""))
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # a suffix: the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    if start >= size:
        return "unsatisfiable"
    end = int(last) if last else size - 1
    if end < start:
        return None
    return start, min(end, size - 1)


def _read(path, start, length):
    with path.open("rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def partial_response(request, path, content_type):
    """A 206 or 416 response for the request's Range header, or None when the whole file should be sent."""
    header = request.headers.get("Range")
    if not header:
        return None
    stat = path.stat()
    if_range = request.headers.get("If-Range")
    if if_range is not None and parse_http_date_safe(if_range) != int(stat.st_mtime):
        return None  # the file changed since the client's copy (or If-Range is an ETag we never sent)
    wanted = requested_range(header, stat.st_size)
    if wanted is None:
        return None
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stat.st_size}"
        return response
    start, end = wanted
    response = StreamingHttpResponse(_read(path, start, end - start + 1), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{stat.st_size}"
    response["Content-Length"] = str(end - start + 1)
    return response


def last_modified(path):
    return http_date(int(path.stat().st_mtime))
