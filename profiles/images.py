"""Uploaded pictures: checked by Pillow, re-encoded clean, with a thumbnail.

An upload is never stored as sent. Its bytes are decoded by Pillow (so a file
that only *looks* like an image, say a PNG header followed by HTML, is
refused), its size is checked before the pixels are decoded (so a small file
that unpacks into gigabytes is refused), and the pixels are written into a
brand-new file: EXIF (camera, GPS position, date), XMP and comments never
reach the catalogue, nor anything hidden after the image data. File names
are random (see ``models.portrait_upload_to``).

Pictures are stored at most ``MAX_STORED_EDGE`` pixels on their longer side:
the pages never show more, and encoding a full-size 40-megapixel WebP takes
longer than a worker may spend on one request. A replaced, cleared or deleted
picture's files are removed from storage once the change is committed
(``delete_replaced_files``), so storage holds only what records point to.
"""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)
# The longest side a stored picture keeps: twice the widest place a page shows one, for sharp
# high-density screens. Bigger uploads are scaled down (Lanczos) before encoding.
MAX_STORED_EDGE = 2400
# picture field -> the thumbnail field stored beside it (both removed with the picture)
PICTURE_FIELDS = {"portrait": "portrait_thumbnail", "image": "image_thumbnail"}
ACCEPTED = "JPEG, PNG or WebP"

# Pillow format -> (file extension, modes it stores as they are, mode to convert anything else to)
FORMATS = {
    "JPEG": (".jpg", {"RGB", "L"}, "RGB"),
    "PNG": (".png", {"RGB", "RGBA", "L", "LA"}, "RGBA"),
    "WEBP": (".webp", {"RGB", "RGBA"}, "RGBA"),
}
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
}


@dataclass
class CleanImage:
    """A re-encoded picture and its thumbnail, ready to assign to ImageFields."""

    image: ContentFile
    thumbnail: ContentFile
    format: str
    width: int
    height: int


def process_image(upload):
    """Validate an uploaded file and re-encode it; raises ValidationError with a message for people."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; pictures can be at most %(limit)s.",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    data = upload.read()
    picture = _decode(data)
    return _reencode(picture)


def _decode(data):
    """Open, check and fully decode the picture, refusing anything Pillow doubts."""
    claimed = _claimed_format(data)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; we refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                _check_format_and_size(probe)
                probe.verify()
            picture = Image.open(io.BytesIO(data))
            picture.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "This picture declares far more pixels than its file size allows (a “decompression bomb”); "
            "pictures can be at most %(limit)s megapixels.",
            code="decompression_bomb",
            params={"limit": MAX_PIXELS // 1_000_000},
        ) from error
    except (UnidentifiedImageError, SyntaxError, OSError, ValueError, EOFError) as error:
        if claimed:
            raise ValidationError(
                "This file starts like a %(format)s picture but the rest is not picture data: it is damaged "
                "or another kind of file in disguise. Upload a real %(accepted)s picture.",
                code="disguised",
                params={"format": claimed, "accepted": ACCEPTED},
            ) from error
        raise ValidationError(
            "This file is not a picture. Upload a %(accepted)s picture.",
            code="not_an_image",
            params={"accepted": ACCEPTED},
        ) from error
    return picture


def _claimed_format(data):
    for signature, name in SIGNATURES.items():
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return None


def _check_format_and_size(picture):
    """Refuse other formats and too many pixels from the header alone, before decoding."""
    if picture.format not in FORMATS:
        raise ValidationError(
            "%(format)s pictures are not accepted. Upload a %(accepted)s picture.",
            code="format",
            params={"format": picture.format or "This kind of", "accepted": ACCEPTED},
        )
    width, height = picture.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "This picture is %(width)d × %(height)d pixels (%(mp).1f megapixels); "
            "pictures can be at most %(limit)d megapixels.",
            code="too_many_pixels",
            params={"width": width, "height": height, "mp": width * height / 1e6, "limit": MAX_PIXELS // 1_000_000},
        )
    if width < 1 or height < 1:
        raise ValidationError("This picture has no pixels.", code="empty")


def _reencode(picture):
    """Write the pixels into a new file: nothing of the original's metadata survives."""
    file_format = picture.format
    extension, kept_modes, fallback_mode = FORMATS[file_format]
    picture.seek(0)  # animations keep their first frame only
    upright = ImageOps.exif_transpose(picture)  # apply the camera's rotation before dropping EXIF
    if upright.mode not in kept_modes:
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        upright = upright.convert(fallback_mode if has_alpha else "RGB")
    if max(upright.size) > MAX_STORED_EDGE:
        upright = upright.copy()
        upright.thumbnail((MAX_STORED_EDGE, MAX_STORED_EDGE), Image.Resampling.LANCZOS)
    # A fresh image carries pixels only: no info dict, no EXIF, no text chunks.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())

    image_bytes = io.BytesIO()
    save_options = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}[file_format]
    clean.save(image_bytes, format=file_format, **save_options)

    thumbnail = clean.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    thumbnail_bytes = io.BytesIO()
    thumbnail.save(thumbnail_bytes, format="WEBP", quality=85)

    return CleanImage(
        image=ContentFile(image_bytes.getvalue(), name=f"image{extension}"),
        thumbnail=ContentFile(thumbnail_bytes.getvalue(), name="thumbnail.webp"),
        format=file_format,
        width=clean.width,
        height=clean.height,
    )


class PictureField(forms.FileField):
    """A form field for portraits and work images: returns the re-encoded picture.

    Django's own ImageField only asks Pillow whether the header parses; this
    one decodes, checks limits and re-encodes, with messages that say what was
    wrong. The cleaned value is a ``ContentFile`` with a ``clean_image``
    attribute holding the thumbnail.
    """

    default_error_messages = {"invalid_image": f"Upload a valid {ACCEPTED} picture."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        clean = process_image(upload)
        clean.image.clean_image = clean
        return clean.image


def _stored_names(instance):
    return {
        name: getattr(instance, name).name
        for picture, thumbnail in PICTURE_FIELDS.items()
        if hasattr(instance, picture)
        for name in (picture, thumbnail)
        if getattr(instance, name)
    }


def _delete_files(instance, names):
    if not names:
        return
    picture = next(name for name in PICTURE_FIELDS if hasattr(instance, name))
    storage = type(instance)._meta.get_field(picture).storage  # a picture and its thumbnail share one storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def delete_replaced_files(sender, instance, raw=False, **kwargs):
    """pre_save: once the change commits, remove the files of a picture that was replaced or cleared."""
    if raw or instance._state.adding or not instance.pk:
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*_picture_columns(sender)).first()
    if not before:
        return
    now = _stored_names(instance)
    _delete_files(instance, [name for field, name in before.items() if name and now.get(field) != name])


def delete_files_of_deleted_record(sender, instance, **kwargs):
    """post_delete: once the deletion commits, remove the record's picture files."""
    _delete_files(instance, list(_stored_names(instance).values()))


def _picture_columns(model):
    return [
        name
        for picture, thumbnail in PICTURE_FIELDS.items()
        if hasattr(model, picture)
        for name in (picture, thumbnail)
    ]
