from django.db import migrations, models


def bulgarian_short_name(apps, schema_editor):
    """The seed wrote "HESED" for both languages; Bulgarian titles end in "– ХЕСЕД"."""
    OrganisationSettings = apps.get_model("home", "OrganisationSettings")
    OrganisationSettings.objects.filter(short_name_en="HESED", short_name_bg="").update(short_name_bg="ХЕСЕД")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_privacynoticepage"),
    ]

    operations = [
        migrations.RenameField(model_name="organisationsettings", old_name="short_name", new_name="short_name_en"),
        migrations.AlterField(
            model_name="organisationsettings",
            name="short_name_en",
            field=models.CharField(blank=True, max_length=40, verbose_name="short name (English)"),
        ),
        migrations.AddField(
            model_name="organisationsettings",
            name="short_name_bg",
            field=models.CharField(blank=True, max_length=40, verbose_name="short name (Bulgarian)"),
        ),
        migrations.RunPython(bulgarian_short_name, migrations.RunPython.noop),
    ]
