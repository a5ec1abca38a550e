"""Photo uploads: checked by decoding (not by name), re-encoded without EXIF or GPS, resized, thumbnailed."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
# A phone photo is about 12-50 megapixels; far more is a decompression bomb, however small the file.
MAX_PIXELS = 60_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
FULL_SIZE = 1600
THUMB_SIZE = 480


def _refuse_bomb():
    raise ValidationError(
        _("Deze foto is te groot om te openen (te veel beeldpunten). Kies een kleinere foto."), code="bomb"
    )


def process_photo(upload):
    """Return (photo, thumbnail) as JPEG ContentFiles, or raise ValidationError with a Dutch message."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Deze foto is groter dan 8 MB. Kies een kleinere foto."), code="too_large")
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Dit bestand is geen JPEG-, PNG- of WebP-foto."), code="format")
            width, height = image.size
            if width * height > MAX_PIXELS:
                _refuse_bomb()
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse_bomb()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Dit bestand is geen foto die we kunnen openen."), code="invalid") from error

    # Turn the picture upright first (the EXIF orientation is about to be dropped), then rebuild it
    # from pixels only: no EXIF, GPS, XMP or ICC data survives.
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    full = _encode(image, FULL_SIZE)
    thumb = _encode(image, THUMB_SIZE)
    return ContentFile(full, name="photo.jpg"), ContentFile(thumb, name="thumb.jpg")


def _encode(image, size):
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", copy.size)
    clean.paste(copy)
    buffer = io.BytesIO()
    clean.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
