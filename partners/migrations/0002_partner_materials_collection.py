"""A "Partner materials" collection, private to the "Partners" group (Wagtail's collection
privacy), so that a fresh site already has the place where restricted documents go. Invited
partners join the group when they accept (partners/invitations.py)."""

from django.db import migrations

COLLECTION_NAME = "Partner materials"
GROUP_NAME = "Partners"
STEP_LENGTH = 4  # treebeard's materialised-path step, as Wagtail's Collection uses it
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def decode_step(step):
    return int(step, len(ALPHABET))


def create_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None or Collection.objects.filter(depth=2, name=COLLECTION_NAME).exists():
        return
    last_child = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    next_number = decode_step(last_child.path[-STEP_LENGTH:]) + 1 if last_child else 1
    collection = Collection.objects.create(
        name=COLLECTION_NAME, path=root.path + encode_step(next_number), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.add(group)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_collection, migrations.RunPython.noop)]
