"""The "Finance" group: the only editors who see donors' personal data (the donations listing,
its export, the newsletter list). Other editors see the totals on the admin dashboard."""

from django.db import migrations

FINANCE = "Finance"
PERMISSIONS = [
    ("donations", "donation", "view_donation"),
    ("donations", "newslettersubscriber", "view_newslettersubscriber"),
    ("wagtailadmin", "admin", "access_admin"),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations; they are needed now.
    for app_label in ("donations",):
        config = apps.get_app_config(app_label)
        config.models_module = getattr(config, "models_module", None) or True
        create_contenttypes(config, verbosity=0, apps=apps)
        create_permissions(config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=FINANCE)
    for app_label, model, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FINANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0002_newsletter_and_gdpr"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
