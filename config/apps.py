from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project's own wiring that needs the app registry: the page cache's signal receivers
    (config/page_cache.py), connected in every process: web, worker and management commands
    (``publish_scheduled`` publishes too)."""

    name = "config"
    label = "site_config"
    verbose_name = "Site configuration"

    def ready(self):
        from config import page_cache

        page_cache.connect_signals()
