"""Load the closed vocabulary of disciplines (docs/record-format.md), so every facet value exists."""

from django.db import migrations

from profiles.models import ascii_slug
from profiles.vocabulary import DISCIPLINES


def add_disciplines(apps, schema_editor):
    Discipline = apps.get_model("profiles", "Discipline")
    for name in DISCIPLINES:
        Discipline.objects.get_or_create(name=name, defaults={"slug": ascii_slug(name)})


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(add_disciplines, migrations.RunPython.noop)]
