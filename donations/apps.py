from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from donations import bank_views, views
        from donations.models import DonationPage

        DonationPage.route_views.update(
            form=views.donation_page, thank_you=views.thank_you, bank_transfer=bank_views.pledge_page
        )
