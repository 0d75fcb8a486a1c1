"""The "Partner materials" collection (0002) is named in Bulgarian, as core's 0002 names Wagtail's
own collections: the staff meet it in every collection menu of documents. Only while it still
carries the English name, so a name an editor chose is kept."""

from django.db import migrations

ENGLISH = "Partner materials"
BULGARIAN = "Материали за партньори"


def rename(apps, old, new):
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=2, name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_staff_language_names"),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: rename(apps, ENGLISH, BULGARIAN),
                             lambda apps, editor: rename(apps, BULGARIAN, ENGLISH)),
    ]
