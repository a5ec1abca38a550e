"""A video in an activity's content is fetched by Range (206), the way Chromium asks when it loads and seeks."""

import pytest
from playwright.sync_api import expect

from h5p.storage import import_package
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.h5p.packages import h5p_json, library, package

# Shaped like H5P.InteractiveVideo's content: the file sits under content/videos/ and is named in params.
CONTENT = {"interactiveVideo": {"video": {"files": [{"path": "videos/files-clip.mp4", "mime": "video/mp4"}]}}}
# Bytes whose offset can be read back from each byte; not a film a browser can decode (no encoder here).
VIDEO = bytes(range(256)) * 800

VIDEO_JS = r"""
var H5P = window.H5P = window.H5P || {};
var OEF = window.OEF = window.OEF || {};
OEF.Video = (function (EventDispatcher) {
  "use strict";
  function Video(params, contentId) {
    EventDispatcher.call(this);
    this.file = params.interactiveVideo.video.files[0];
    this.contentId = contentId;
  }
  Video.prototype = Object.create(EventDispatcher.prototype);
  Video.prototype.constructor = Video;
  Video.prototype.attach = function ($container) {
    var video = document.createElement("video");
    video.preload = "auto";
    video.muted = true;
    video.controls = true;
    video.src = H5P.getPath(this.file.path, this.contentId);
    video.className = "oef-video";
    $container.get(0).appendChild(video);
    this.trigger("resize");
  };
  return Video;
})(H5P.EventDispatcher);
"""


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.H5P_ROOT = tmp_path / "h5p"


def test_content_video_is_served_in_ranges(context, login_as):
    teacher = TeacherFactory()
    pupil = PupilFactory(first_name="Sem", initial="B")
    SchoolClassFactory(teachers=[teacher], pupils=[pupil])
    content = import_package(
        package(
            {"content/videos/files-clip.mp4": VIDEO},
            main="OEF.Video",
            h5p=h5p_json("OEF.Video", title="Filmpje"),
            content=CONTENT,
            libraries=[library("OEF.Video", js="video.js", extra_files={"video.js": VIDEO_JS})],
        ),
        allow_libraries=True,
    )
    page = login_as(pupil)
    # The media element asks for the file by range as it loads.
    with page.expect_response(lambda r: "files-clip.mp4" in r.url, timeout=15000) as loaded:
        page.goto(f"/h5p/{content.pk}/spelen/")
    first = loaded.value
    assert first.status == 206, "the video was not answered with 206 Partial Content"
    assert first.headers["content-range"].startswith("bytes 0-")
    assert first.headers["content-range"].endswith(f"/{len(VIDEO)}")
    expect(page.frame_locator(".h5p-player iframe").locator("video.oef-video")).to_have_count(1)
    # A seek: the player asks for bytes in the middle of the file and gets exactly those.
    inner = next(f for f in page.frames if f.url.startswith(page.url.split("/h5p/")[0] + "/h5p/frame/"))
    seek = inner.evaluate(
        """async () => {
            const url = document.querySelector("video.oef-video").src;
            const response = await fetch(url, {headers: {Range: "bytes=50000-50099"}});
            const bytes = new Uint8Array(await response.arrayBuffer());
            return {status: response.status, length: bytes.length, first: bytes[0], last: bytes[99]};
        }"""
    )
    assert seek == {"status": 206, "length": 100, "first": 50000 % 256, "last": 50099 % 256}
