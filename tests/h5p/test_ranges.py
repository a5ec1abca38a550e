"""Content files answer Range requests (206), so video and audio in an activity can seek on first load."""

import hashlib

import pytest

from h5p.ranges import requested_range
from h5p.storage import import_package
from tests.h5p.packages import package
from tests.h5p.test_views import frame_url

# Not a playable film: what matters here is which bytes come back. The browser test plays with ranges too.
VIDEO = bytes(range(256)) * 400  # 102,400 bytes, each offset recognisable


@pytest.fixture
def video_content(coordinator):
    content = {"interactiveVideo": {"video": {"files": [{"path": "videos/clip.mp4", "mime": "video/mp4"}]}}}
    return import_package(
        package({"content/videos/clip.mp4": VIDEO}, content=content), user=coordinator, allow_libraries=True
    )


def get(client, pupil, content, path, **headers):
    return client.get(frame_url(pupil, content, "h5p:frame_content_file", path), headers=headers)


def body(response):
    return b"".join(response.streaming_content)


def test_it_answers_a_seek_with_206_and_only_those_bytes(client, pupil, school_class, video_content):
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range="bytes=1000-1999")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(VIDEO)}"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == VIDEO[1000:2000]


def test_it_answers_an_open_ended_range_to_the_end(client, pupil, school_class, video_content):
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range="bytes=100000-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100000-{len(VIDEO) - 1}/{len(VIDEO)}"
    assert body(response) == VIDEO[100000:]


def test_it_answers_a_suffix_range_with_the_last_bytes(client, pupil, school_class, video_content):
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range="bytes=-500")
    assert response.status_code == 206
    assert body(response) == VIDEO[-500:]


def test_it_says_416_for_a_range_past_the_end(client, pupil, school_class, video_content):
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range=f"bytes={len(VIDEO)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"


def test_without_range_the_whole_file_comes_with_accept_ranges(client, pupil, school_class, video_content):
    response = get(client, pupil, video_content, "content/videos/clip.mp4")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert hashlib.sha256(body(response)).digest() == hashlib.sha256(VIDEO).digest()


@pytest.mark.parametrize("header", ["bytes=0-10,20-30", "bytes=abc", "items=0-10", "bytes=50-10"])
def test_ranges_it_cannot_serve_get_the_whole_file(client, pupil, school_class, video_content, header):
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range=header)
    assert response.status_code == 200
    assert body(response) == VIDEO


def test_a_changed_file_is_sent_whole_when_if_range_is_old(client, pupil, school_class, video_content):
    old = "Wed, 21 Oct 2015 07:28:00 GMT"
    response = get(client, pupil, video_content, "content/videos/clip.mp4", Range="bytes=0-9", **{"If-Range": old})
    assert response.status_code == 200
    fresh = get(client, pupil, video_content, "content/videos/clip.mp4")["Last-Modified"]
    again = get(client, pupil, video_content, "content/videos/clip.mp4", Range="bytes=0-9", **{"If-Range": fresh})
    assert again.status_code == 206 and body(again) == VIDEO[:10]


def test_a_range_still_needs_a_valid_play_token(client, pupil, school_class, video_content):
    response = client.get("/h5p/frame/not-a-token/bestanden/content/videos/clip.mp4", headers={"Range": "bytes=0-9"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=5-", 10, (5, 9)),
        ("bytes=5-500", 10, (5, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=-30", 10, (0, 9)),
        ("bytes=-0", 10, "unsatisfiable"),
        ("bytes=10-", 10, "unsatisfiable"),
        ("bytes=-", 10, None),
        ("", 10, None),
    ],
)
def test_requested_range_follows_rfc_9110(header, size, expected):
    assert requested_range(header, size) == expected
