"""The "Finance" group (0003) is named in Bulgarian, as core's 0002 names Wagtail's default groups:
the staff meet it in the users' and groups' screens. Only while it still carries the English name
(and no group has the Bulgarian one), so a name an editor chose is kept."""

from django.db import migrations

ENGLISH = "Finance"
BULGARIAN = "Финанси"


def rename(apps, old, new):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=new).exists():
        Group.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0008_subscriber_language_names"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: rename(apps, ENGLISH, BULGARIAN),
                             lambda apps, editor: rename(apps, BULGARIAN, ENGLISH)),
    ]
