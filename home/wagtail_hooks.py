"""The admin's "Преводи" page: what English readers are missing (home/translation_health.py)."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from home.admin_enquiries import UnreadEnquiriesPanel, may_see_enquiries
from home.translation_health import translate_url, translation_health


def translation_health_view(request):
    return TemplateResponse(request, "home/admin/translation_health.html", translation_health())


@hooks.register("register_admin_urls")
def register_translation_health_url():
    return [path("translation-health/", translation_health_view, name="home_translation_health")]


@hooks.register("register_admin_menu_item")
def register_translation_health_menu_item():
    return MenuItem(
        _("Translations"), reverse("home_translation_health"), icon_name="wagtail-localize-language", order=450
    )


@hooks.register("after_create_page")
def offer_english(request, page):
    """A new Bulgarian page is missing from the English site until someone translates it: say so
    at once, with wagtail-localize's form and English already ticked."""
    if page.locale.language_code == "bg" and page.depth > 2:
        messages.info(
            request,
            _("The English site does not have this page yet."),
            buttons=[messages.button(translate_url(page, "en"), _("Translate into English"))],
        )


@hooks.register("construct_homepage_panels")
def add_unread_enquiries_panel(request, panels):
    """Only for staff who may read form submissions (Wagtail's rule: the form pages they may edit)."""
    if may_see_enquiries(request.user):
        panels.append(UnreadEnquiriesPanel(request.user))
