"""The admin's record form: safe pictures, optional slugs, tags that remember their editor."""

from django import forms

from ..editing import user_or_none
from ..models import TaggedItem
from .gazetteer import GazetteerSelect, city_details, gazetteer, match_for

# picture field -> (its thumbnail field, its description field)
PICTURES = {
    "portrait": ("portrait_thumbnail", "portrait_alt"),
    "image": ("image_thumbnail", "image_alt"),
}


class MultilineTextField(forms.CharField):
    """A textarea's text with browser line endings (CR LF) read as the stored LF.

    Without this, saving a page unchanged would count a multi-line summary as
    edited by hand, and the importer would stop updating it.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def has_changed(self, initial, data):
        return super().has_changed(self.to_python(initial), data)


class CatalogueRecordForm(forms.ModelForm):
    """Used by every record admin and inline.

    Pictures arrive already re-encoded by ``images.PictureField``; this form
    stores the thumbnail beside them and insists on a description (the alt
    text pages show). Tags typed here are saved as the editor's.
    """

    editor = None  # set by the admin before saving, for the tags' "added by"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "The web address. Left empty, one is made from the name."

    def clean(self):
        cleaned_data = super().clean()
        for picture, (_, description) in PICTURES.items():
            described = (cleaned_data.get(description) or "").strip()
            if picture in self.fields and description in self.fields and cleaned_data.get(picture) and not described:
                self.add_error(description, "Describe the picture for people who cannot see it.")
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        for picture, (thumbnail, _) in PICTURES.items():
            if picture not in self.fields or picture not in self.changed_data:
                continue
            value = self.cleaned_data.get(picture)
            clean_image = getattr(value, "clean_image", None)
            if clean_image is not None:
                setattr(self.instance, thumbnail, clean_image.thumbnail)
            elif value is False:  # "clear" was ticked
                setattr(self.instance, thumbnail, None)

    def _save_m2m(self):
        if "tags" not in self.fields or "tags" not in self.cleaned_data:
            return super()._save_m2m()
        tags = self.cleaned_data.pop("tags")
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data["tags"] = tags
        if "tags" in self.changed_data:
            self.instance.tags.set(
                tags,
                through_defaults={"source": TaggedItem.Source.EDITOR, "added_by": user_or_none(self.editor)},
            )


class CityForm(CatalogueRecordForm):
    """A city from the gazetteer (its details filled in), or one the gazetteer lacks, typed by hand.

    The details come from the gazetteer on the server as well, so choosing a
    city works without scripts; a GeoNames id typed alone fills the rest too.
    """

    from_gazetteer = forms.CharField(
        label="Find in the gazetteer",
        required=False,
        help_text="Type a few letters of the city's name or an old name, and choose it: its country, "
        "coordinates and GeoNames id are filled in. For a city the gazetteer does not know, leave this "
        "empty and type its details below; it is listed as added by hand.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = GazetteerSelect(attrs={"class": "gazetteer-fill"})
        self.fields["from_gazetteer"].widget = widget
        for name in ("name", "country_code"):
            if name in self.fields:
                self.fields[name].required = False  # may come from the gazetteer; checked in clean()

    def clean(self):
        cleaned_data = super().clean()
        match = match_for(cleaned_data.get("from_gazetteer"))
        chosen = match is not None
        if match is None and cleaned_data.get("geonames_id") and not cleaned_data.get("latitude"):
            match = gazetteer().city(cleaned_data["geonames_id"])
        if match is not None:
            for name, value in city_details(match).items():
                if name in self.fields and (chosen or cleaned_data.get(name) in (None, "")):
                    cleaned_data[name] = value
        for name in ("name", "country_code"):
            if name in self.fields and not cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, "Choose the city in the gazetteer, or type this field.")
        return cleaned_data
