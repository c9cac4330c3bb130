"""Pictures uploaded in the admin: refused when bad, re-encoded without metadata when good."""

import io
import os
import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from profiles.images import MAX_BYTES, MAX_STORED_EDGE, process_image
from profiles.models import Artist, Work
from tests.helpers import admin_url, encode, form_data, imported_catalogue, picture, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def artist(db):
    return imported_catalogue()["artist"]


def jpeg_with_exif():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Industries"  # camera make
    exif[0x0131] = "SecretEditor 1.0"  # software
    exif[0x0112] = 6  # orientation: rotate 90 degrees to display
    return picture("JPEG", size=(80, 40), exif=exif.tobytes(), comment=b"taken at home")


def noise_png(size):
    width, height = size
    return encode(Image.frombytes("RGB", size, os.urandom(width * height * 3)), "PNG")


def upload_portrait(client, artist, data, name="holiday-snap.png", alt="Aru in her studio"):
    url = admin_url(Artist, "change", artist.pk)
    post = form_data(client.get(url))
    post.update(portrait=upload(data, name), portrait_alt=alt)
    return client.post(url, post)


def portrait_errors(response):
    return response.context["adminform"].form.errors.get("portrait", [])


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


# --- refused ----------------------------------------------------------------------------------


BAD_PICTURES = {
    "not an image": (b"Dear editor, this is a letter, not a picture.", "This file is not a picture"),
    "a PNG header followed by HTML": (
        b"\x89PNG\r\n\x1a\n<html><body><script>alert(document.cookie)</script></body></html>",
        "starts like a PNG picture but the rest is not picture data",
    ),
    "a GIF": (picture("GIF"), "GIF pictures are not accepted"),
    "too many pixels": (picture("PNG", size=(8000, 6000), mode="L"), "at most 40 megapixels"),
    "a decompression bomb": (picture("PNG", size=(20000, 10000), mode="1"), "decompression bomb"),
}


@pytest.mark.parametrize("kind", BAD_PICTURES)
def test_a_bad_picture_is_refused_with_a_clear_message(editor_client, artist, media_root, kind):
    data, message = BAD_PICTURES[kind]

    response = upload_portrait(editor_client, artist, data)

    assert response.status_code == 200
    errors = portrait_errors(response)
    assert len(errors) == 1
    assert message in errors[0]
    assert message in response.text  # shown to the editor, beside the field
    artist.refresh_from_db()
    assert not artist.portrait
    assert not artist.is_edited
    assert stored_files(media_root) == []


def test_an_oversized_file_is_refused(editor_client, artist, media_root):
    data = noise_png((2000, 1800))
    assert len(data) > MAX_BYTES

    response = upload_portrait(editor_client, artist, data)

    assert response.status_code == 200
    assert "pictures can be at most 10" in portrait_errors(response)[0]
    assert stored_files(media_root) == []


def test_a_portrait_needs_a_description(editor_client, artist):
    response = upload_portrait(editor_client, artist, picture("PNG"), alt="")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["portrait_alt"] == [
        "Describe the picture for people who cannot see it."
    ]


# --- accepted -------------------------------------------------------------------------------


def test_a_good_picture_is_reencoded_without_exif_under_a_random_name(editor_client, artist, media_root):
    response = upload_portrait(editor_client, artist, jpeg_with_exif(), name="aru-at-home.jpg")

    assert response.status_code == 302, portrait_errors(response)
    artist.refresh_from_db()
    assert re.fullmatch(r"portraits/[0-9a-f]{32}\.jpg", artist.portrait.name)
    assert re.fullmatch(r"thumbnails/[0-9a-f]{32}\.webp", artist.portrait_thumbnail.name)
    stored = (media_root / artist.portrait.name).read_bytes()
    assert b"SpyCam" not in stored
    assert b"SecretEditor" not in stored
    assert b"taken at home" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (40, 80)  # the camera's rotation applied before EXIF was dropped
    with Image.open(media_root / artist.portrait_thumbnail.name) as thumbnail:
        assert thumbnail.format == "WEBP"
    assert artist.portrait_alt == "Aru in her studio"
    assert {"portrait", "portrait_alt"} <= set(artist.edited_fields)


def test_the_list_shows_the_thumbnail_with_its_description(editor_client, artist):
    upload_portrait(editor_client, artist, picture("PNG"), alt='Aru "in" <her> studio')
    artist.refresh_from_db()

    page = editor_client.get(admin_url(Artist)).text

    assert f'src="{artist.portrait_thumbnail.url}" alt="Aru &quot;in&quot; &lt;her&gt; studio"' in page


def test_clearing_a_portrait_clears_its_thumbnail(editor_client, artist):
    upload_portrait(editor_client, artist, picture("WEBP"))
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data["portrait-clear"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    artist.refresh_from_db()
    assert not artist.portrait
    assert not artist.portrait_thumbnail


def test_a_work_image_uploaded_in_the_artist_pages_inline(editor_client, artist):
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data.update({"works-0-image": upload(picture("PNG"), "salt.png"), "works-0-image_alt": "A salt flat at dusk"})

    response = editor_client.post(url, data)

    assert response.status_code == 302
    work = Work.objects.get()
    assert re.fullmatch(r"works/[0-9a-f]{32}\.png", work.image.name)
    assert work.image_thumbnail
    assert set(work.edited_fields) == {"image", "image_alt"}


def test_a_work_image_on_the_work_page(editor_client, artist):
    work = artist.works.get()
    url = admin_url(Work, "change", work.pk)
    data = form_data(editor_client.get(url))
    data.update(image=upload(picture("WEBP"), "salt.webp"), image_alt="A salt flat at dusk")

    assert editor_client.post(url, data).status_code == 302
    work.refresh_from_db()
    assert work.image.name.endswith(".webp")


# --- the checks themselves ------------------------------------------------------------------


def test_png_text_chunks_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone Private")
    data = picture("PNG", pnginfo=info)

    clean = process_image(upload(data))

    assert b"Someone Private" not in clean.image.read()


def test_data_hidden_after_the_picture_is_dropped():
    data = picture("PNG") + b"<script>alert(1)</script>"

    clean = process_image(upload(data))

    assert b"<script>" not in clean.image.read()


@pytest.mark.parametrize(
    ("mode", "file_format", "stored_mode"),
    [("P", "PNG", "RGB"), ("RGBA", "PNG", "RGBA"), ("CMYK", "JPEG", "RGB"), ("RGBA", "WEBP", "RGBA")],
)
def test_modes_are_stored_in_what_the_format_supports(mode, file_format, stored_mode):
    color = (0, 128, 128, 100) if mode == "RGBA" else "teal"  # half see-through, so alpha must be kept
    clean = process_image(upload(picture(file_format, mode=mode, color=color)))

    with Image.open(clean.image) as image:
        assert (image.format, image.mode) == (file_format, stored_mode)


def test_a_truncated_picture_is_refused():
    data = noise_png((100, 100))[:-500]

    with pytest.raises(ValidationError, match="starts like a PNG picture"):
        process_image(upload(data))


def test_a_big_picture_is_stored_scaled_to_the_longest_edge_pages_need(editor_client, artist, media_root):
    wide = encode(Image.new("RGB", (MAX_STORED_EDGE * 2 + 100, 1000), "teal"), "WEBP", quality=90)

    response = upload_portrait(editor_client, artist, wide, name="panorama.webp")

    assert response.status_code == 302, portrait_errors(response)
    artist.refresh_from_db()
    with Image.open(media_root / artist.portrait.name) as stored:
        assert max(stored.size) == MAX_STORED_EDGE
        assert stored.size[0] / stored.size[1] == pytest.approx((MAX_STORED_EDGE * 2 + 100) / 1000, rel=0.01)


def test_a_replaced_picture_leaves_no_files_behind(
    editor_client, artist, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_portrait(editor_client, artist, picture("PNG"))
    artist.refresh_from_db()
    first = {artist.portrait.name, artist.portrait_thumbnail.name}

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_portrait(editor_client, artist, picture("JPEG"), name="better.jpg")

    assert response.status_code == 302, portrait_errors(response)
    artist.refresh_from_db()
    assert stored_files(media_root) == sorted([artist.portrait.name, artist.portrait_thumbnail.name])
    assert not first & set(stored_files(media_root))


def test_a_cleared_picture_and_a_deleted_record_leave_no_files_behind(
    editor_client, artist, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_portrait(editor_client, artist, picture("PNG"))
    url = admin_url(Artist, "change", artist.pk)
    data = form_data(editor_client.get(url))
    data["portrait-clear"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, data)
    assert stored_files(media_root) == []

    with django_capture_on_commit_callbacks(execute=True):
        upload_portrait(editor_client, artist, picture("PNG"))
    assert len(stored_files(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        Artist.objects.get(pk=artist.pk).delete()
    assert stored_files(media_root) == []
