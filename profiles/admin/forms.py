"""The admin's record form: safe pictures, optional slugs, tags that remember their editor."""

from django import forms

from ..editing import user_or_none
from ..models import TaggedItem

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
