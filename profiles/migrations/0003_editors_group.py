"""Create the "Editors" group: may change catalogue records, never users or permissions.

Permissions are normally created after all migrations run; they are created
here first so the group can be given them on a fresh database too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"

# app label -> model -> actions. Nothing of auth (users, groups, permissions),
# admin, contenttypes or sessions.
PERMISSIONS = {
    "profiles": {
        "artist": ("view", "add", "change", "delete"),
        "work": ("view", "add", "change", "delete"),
        "exhibition": ("view", "add", "change", "delete"),
        "city": ("view", "add", "change", "delete"),
        "taggeditem": ("view", "delete"),
        "story": ("view",),
        "discipline": ("view",),
        "deletedrecord": ("view", "delete"),
    },
    "taggit": {"tag": ("view", "add", "change")},
}


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted = []
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*wanted)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0002_disciplines"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
