"""The foundation's own details (name, legal name, registration, address) as staff keep them in
the admin's settings, for the apps that print them (receipts today, certificates tomorrow).

The model belongs to the app that edits it (``home.OrganisationSettings``); other apps reach it
by the setting ``ORGANISATION_SETTINGS_MODEL``, the way Django apps reach the user model through
``AUTH_USER_MODEL``, so that printing the foundation's name does not make them depend on the app
that shows the home page."""

from django.apps import apps
from django.conf import settings


def organisation_settings_model():
    return apps.get_model(settings.ORGANISATION_SETTINGS_MODEL, require_ready=True)


def organisation_for_site(site):
    """The settings row of ``site`` (created empty when staff never saved it), or None without a site."""
    if site is None:
        return None
    return organisation_settings_model().for_site(site)


def organisation_for_request(request):
    """The settings of the request's site (kept per content generation by the model)."""
    return organisation_settings_model().for_request(request)


def organisation_value(site, field):
    """One field of ``site``'s settings as stored, without creating the row: "" without a site
    or when staff never saved the settings."""
    if site is None:
        return ""
    model = organisation_settings_model()
    return model.objects.filter(site=site).values_list(field, flat=True).first() or ""
