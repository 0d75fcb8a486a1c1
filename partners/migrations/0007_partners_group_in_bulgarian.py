"""The "Partners" group (0002) is named in Bulgarian, as core's 0002 names Wagtail's default groups:
the staff meet it in the users' and groups' screens. partners.invitations.PARTNERS_GROUP_NAME
follows. Only while it still carries the English name (and no group has the Bulgarian one)."""

from django.db import migrations

ENGLISH = "Partners"
BULGARIAN = "Партньори"


def rename(apps, old, new):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=new).exists():
        Group.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_partner_materials_collection_in_bulgarian"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: rename(apps, ENGLISH, BULGARIAN),
                             lambda apps, editor: rename(apps, BULGARIAN, ENGLISH)),
    ]
