"""Former addresses: a merged (or renamed) record's old slug answers 301 to the record that replaced it.

When "Alma-Ata" is merged into Almaty, links and bookmarks to `/cities/alma-ata-kz/` must keep
working, and the old name must stay findable: the merge records the old slug and name here, and
the detail pages redirect a slug no record holds to the record its former address names.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class FormerAddress(models.Model):
    """An old slug of a record, and its old name: the slug redirects, the name is an alias."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    old_slug = models.SlugField(max_length=320)
    old_name = models.CharField(max_length=300, blank=True, help_text="The record's name at that address.")
    object_id = models.PositiveBigIntegerField(help_text="The record the address now leads to.")
    record = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        app_label = "profiles"
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="formeraddress_unique_slug"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="formeraddress_target_idx")]

    def __str__(self):
        return f"{self.old_slug} → {self.record}"


def record_former_address(model, old_slug, new_object, old_name=""):
    """Remember that ``old_slug`` of ``model`` now leads to ``new_object`` (call before the old record goes).

    Addresses that led to the record at ``old_slug`` lead to ``new_object`` too, so a chain of merges
    redirects in one step.
    """
    content_type = ContentType.objects.get_for_model(model)
    old = model._default_manager.filter(slug=old_slug).values_list("pk", flat=True).first()
    if old is not None and old != new_object.pk:
        FormerAddress.objects.filter(content_type=content_type, object_id=old).update(object_id=new_object.pk)
    FormerAddress.objects.update_or_create(
        content_type=content_type,
        old_slug=old_slug,
        defaults={"object_id": new_object.pk, "old_name": (old_name or "")[:300]},
    )
    # A record that takes back an address it once gave up holds it again: no redirect for it.
    FormerAddress.objects.filter(content_type=content_type, old_slug=new_object.slug).delete()


def addresses_of(model):
    """The former addresses of ``model`` records (a join, not a content-type look-up of its own)."""
    return FormerAddress.objects.filter(
        content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
    )


def current_record(model, old_slug):
    """The record ``old_slug`` of ``model`` now leads to, or None."""
    address = addresses_of(model).filter(old_slug=old_slug).values_list("object_id", flat=True).first()
    return model._default_manager.filter(pk=address).first() if address is not None else None


def aliases(record):
    """The former names of ``record`` (for search and its page)."""
    return list(
        addresses_of(type(record))
        .filter(object_id=record.pk)
        .exclude(old_name="")
        .values_list("old_name", flat=True)
        .distinct()
    )
