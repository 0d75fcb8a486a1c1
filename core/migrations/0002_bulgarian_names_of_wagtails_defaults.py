"""Wagtail creates some of the admin's data in English: the root page ("Root", in breadcrumbs and
page choosers), the root collection ("Root", in every collection menu of images and documents),
the default workflow and its task ("Moderators approval", on the editor's "Submit to …" button)
and the default groups ("Moderators", "Editors"). The staff work in Bulgarian, so name them in
Bulgarian; only while they still carry Wagtail's default name, so a name an editor chose is kept."""

from django.db import migrations

# (model, field, filter, Wagtail's name, Bulgarian name)
NAMES = [
    ("wagtailcore", "Page", ("title", "draft_title"), {"depth": 1}, "Root", "Корен"),
    ("wagtailcore", "Collection", ("name",), {"depth": 1}, "Root", "Основна колекция"),
    ("wagtailcore", "Workflow", ("name",), {}, "Moderators approval", "Одобрение от модератор"),
    ("wagtailcore", "Task", ("name",), {}, "Moderators approval", "Одобрение от модератор"),
    ("auth", "Group", ("name",), {}, "Moderators", "Модератори"),
    ("auth", "Group", ("name",), {}, "Editors", "Редактори"),
]


def rename(apps, forward):
    for app, model_name, fields, filters, english, bulgarian in NAMES:
        model = apps.get_model(app, model_name)
        old, new = (english, bulgarian) if forward else (bulgarian, english)
        if model_name == "Group" and model.objects.filter(name=new).exists():
            continue  # group names are unique: an existing group of that name stays as it is
        model.objects.filter(**filters, **{fields[0]: old}).update(**dict.fromkeys(fields, new))


def name_in_bulgarian(apps, schema_editor):
    rename(apps, forward=True)


def restore_wagtails_names(apps, schema_editor):
    rename(apps, forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(name_in_bulgarian, restore_wagtails_names)]
