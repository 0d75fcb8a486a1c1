"""Donations in the Wagtail admin (see donations/admin_views.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from donations import admin_views
from donations.models import Donation, NewsletterSubscriber

for _model in (Donation, NewsletterSubscriber):
    register_permission_policy(_model, admin_views.ReadOnlyPermissionPolicy(_model), exact_class=True)


@hooks.register("register_admin_viewset")
def register_donations_viewsets():
    return admin_views.DonationsGroup()


@hooks.register("register_admin_urls")
def register_donor_data_urls():
    return [
        path("donations/donor-data/", admin_views.donor_data_view, name="donations_donor_data"),
        path("donations/donor-data/anonymise/", admin_views.donor_anonymise_view, name="donations_donor_anonymise"),
    ]


class FinanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.FINANCE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_donor_data_menu_item():
    return FinanceMenuItem(_("Personal data (GDPR)"), reverse("donations_donor_data"), icon_name="user", order=900)


@hooks.register("construct_homepage_panels")
def add_donations_panel(request, panels):
    panels.append(admin_views.DonationsDashboardPanel(request.user))
