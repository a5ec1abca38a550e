"""Photos are checked by decoding, re-encoded without EXIF or GPS, resized, and bombs are refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sandbox_feed import photos
from tests.sandbox_feed.factories import image_bytes, jpeg_with_gps


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_exif_and_gps_are_gone_after_processing():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(0x8825)  # the test photo really carries GPS
    full, thumb = photos.process_photo(upload(jpeg_with_gps()))
    for content in (full, thumb):
        image = Image.open(io.BytesIO(content.read()))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "JPEG"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    full, _thumb = photos.process_photo(upload(image_bytes(fmt), name="x.bin"))
    assert Image.open(io.BytesIO(full.read())).format == "JPEG"


def test_large_photos_are_resized_and_get_a_small_thumbnail():
    full, thumb = photos.process_photo(upload(image_bytes("PNG", size=(3000, 2000))))
    assert max(Image.open(io.BytesIO(full.read())).size) == photos.FULL_SIZE
    assert max(Image.open(io.BytesIO(thumb.read())).size) == photos.THUMB_SIZE


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name():
    with pytest.raises(ValidationError, match="geen foto"):
        photos.process_photo(upload(b"<?php echo 'hoi'; ?>" * 20, name="foto.jpg"))


def test_a_gif_is_refused():
    with pytest.raises(ValidationError, match="JPEG"):
        photos.process_photo(upload(image_bytes("GIF"), name="foto.gif"))


def test_a_decompression_bomb_is_refused_with_a_clear_message():
    # A tiny PNG that claims to be 20000 x 20000 pixels (400 megapixels).
    bomb = image_bytes("PNG", size=(20000, 20000), color=(0, 0, 0))
    assert len(bomb) < photos.MAX_BYTES
    with pytest.raises(ValidationError, match="te veel beeldpunten"):
        photos.process_photo(upload(bomb, name="bom.png"))


def test_a_file_over_8_mb_is_refused():
    big = upload(b"0" * (photos.MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="8 MB"):
        photos.process_photo(big)
