"""Newsletters in the Wagtail admin: a snippet with the email preview (Wagtail's preview panel
shows it as the subscribers get it), plus "Send a test to me", "Send…" and the delivery report
(newsletters/admin_views.py)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView

from core.wagtail_adapter import SnippetViewSet
from newsletters import admin_views
from newsletters.models import Mailing, Newsletter


def sending_buttons(newsletter, user):
    """(label, url, icon) of the sending actions that apply to this newsletter now."""
    sent = Mailing.objects.filter(newsletter_id=newsletter.pk).exists()
    if sent:
        return [(_("Delivery report"), reverse("newsletters_report", args=[newsletter.pk]), "list-ul")]
    if user.has_perm(admin_views.SEND_PERMISSION):
        return [(_("Send to the subscribers…"), reverse("newsletters_send", args=[newsletter.pk]), "mail")]
    return []


class NewsletterIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(sending_buttons(instance, self.request.user), start=5):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class NewsletterEditView(EditView):
    template_name = "newsletters/admin/edit.html"

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, url, icon) in enumerate(sending_buttons(self.object, self.request.user), start=1):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["test_url"] = reverse("newsletters_send_test", args=[self.object.pk])
        context["test_email"] = self.request.user.email
        context["mailing"] = Mailing.objects.filter(newsletter_id=self.object.pk).first()
        return context


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    menu_name = "newsletters"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["subject", "locale", "created_at"]
    list_filter = ["locale"]
    search_fields = ["subject"]
    index_view_class = NewsletterIndexView
    edit_view_class = NewsletterEditView


register_snippet(NewsletterViewSet)


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path("newsletters/<int:pk>/test/", admin_views.send_test, name="newsletters_send_test"),
        path("newsletters/<int:pk>/send/", admin_views.send, name="newsletters_send"),
        path("newsletters/<int:pk>/report/", admin_views.report, name="newsletters_report"),
    ]


@hooks.register("insert_global_admin_css")
def admin_css():
    """The project's admin styles (static/css/admin.css): the report's scrolling recipients table."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
