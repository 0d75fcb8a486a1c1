"""Who at the foundation is told when something comes in (a contact or consulting enquiry, a
partner's report), and in which language each of them reads it.

The caller names its own first choice (a form page's "to" address, a partner organisation's
contact person); when that names nobody, ``fallback_recipients`` gives the first of these that
names anyone:

1. the organisation settings' "who receives enquiries and partner reports" of the site (Settings → Organisation);
2. the server's ``STAFF_EMAIL``;
3. the email of the first active superuser (lowest id) that has one;
4. nobody: an empty list.

Each recipient reads the email in their own language (``recipient_languages``): an address that
belongs to a user gets that user's admin language (``core.languages.staff_language``), any other
address the site's default language; the caller sends one email per language."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from core.languages import staff_language
from core.organisation import organisation_value


def email_addresses(raw):
    """The addresses in a list typed by a person or set in the environment: separated by commas,
    semicolons, spaces or line breaks; duplicates dropped (case-insensitively), order kept."""
    seen, addresses = set(), []
    for address in re.split(r"[\s,;]+", raw or ""):
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def settings_recipients(site):
    """The addresses in the organisation settings of ``site`` (none without a site or a row)."""
    return email_addresses(organisation_value(site, "enquiry_recipients"))


def first_superuser_address():
    address = (
        get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
        .order_by("pk").values_list("email", flat=True).first()
    )
    return [address] if address else []


def fallback_recipients(site):
    """Who is told when the caller's own first choice names nobody, in the order of this
    module's docstring; an empty list when nobody can be."""
    for addresses in (
        lambda: settings_recipients(site),
        lambda: email_addresses(settings.STAFF_EMAIL),
        first_superuser_address,
    ):
        found = addresses()
        if found:
            return found
    return []


def site_for(request=None):
    """The Wagtail Site whose settings apply: the request's, else (a task, a command, a request
    for an unknown host) the default site."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def recipient_languages(addresses):
    """{language: [addresses]}: a user's address (compared case-insensitively; the first active
    user with it, by id) gets that user's admin language, any other address the site's default
    language."""
    if not addresses:
        return {}
    matching = Q()
    for address in addresses:
        matching |= Q(email__iexact=address)
    users = {}
    for user in get_user_model().objects.filter(matching, is_active=True).order_by("pk"):
        users.setdefault(user.email.lower(), user)
    groups = {}
    for address in addresses:
        user = users.get(address.lower())
        language = staff_language(user) if user else settings.LANGUAGE_CODE
        groups.setdefault(language, []).append(address)
    return groups
