from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The page cache's purge receivers, connected in every process: web, worker and
        # management commands (``publish_scheduled`` publishes too).
        from core import page_cache

        page_cache.connect_signals()

        # A changed paragraph keeps its previous translation as a draft to review when a
        # translation is synced (core/wagtail_adapter.py).
        from core import wagtail_adapter

        wagtail_adapter.connect_translation_drafts()
        # The rich-text link choosers' fields that Wagtail leaves unlabelled (English from their names).
        wagtail_adapter.name_link_chooser_fields()
        # And the other fields and models Wagtail and wagtail-localize leave unlabelled.
        wagtail_adapter.name_unlabelled_admin_fields()

        # After every `migrate`, the default Wagtail Site follows SITE_URL (core/site_url.py).
        # Sent once per migrate for Wagtail's core app, whose migrations create the Site table.
        from django.apps import apps
        from django.core import checks
        from django.db.models.signals import post_migrate

        from core import site_url

        post_migrate.connect(
            site_url.sync_after_migrate, sender=apps.get_app_config("wagtailcore"), dispatch_uid="core_sync_site_url"
        )
        checks.register(site_url.check_site_url_is_served)

        # Each app declares its personal data in its own personal_data.py (core/personal_data.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("personal_data")
