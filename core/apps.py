from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its personal data in its own personal_data.py (core/personal_data.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("personal_data")
