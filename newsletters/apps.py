from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Bounces and complaints reported by an ESP's webhooks (django-anymail), when one is set.
        from newsletters import esp

        esp.connect_signals()
