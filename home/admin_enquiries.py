"""Enquiries in the admin: the dashboard panel of unread ones, and the submissions listing that
marks what it shows as read (the behaviour is in home/enquiries.py)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from core.languages import language_name
from home.enquiries import mark_read, unread_counts


class EnquirySubmissionsListView(SubmissionsListView):
    """Wagtail's listing of a form's submissions (ProtectedFormPage names it as its listing
    view): the enquiries on the page of the listing a staff member opens are read from then on.
    A spreadsheet export marks nothing; Wagtail's own permission check runs first."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            mark_read([submission.pk for submission in context["submissions"]], self.request.user)
            # A field added to the form after an enquiry came in has no value in it: Wagtail
            # would write Python's "None" in that cell.
            for row in context.get("data_rows", []):
                row["fields"] = ["" if value is None else value for value in row["fields"]]
        return context


def may_see_enquiries(user):
    """Wagtail's rule for form submissions: the form pages the user may edit."""
    return get_forms_for_user(user).exists()


def unread_rows(user):
    """(page, its language's name, unread count, link to its submissions) for every form page
    the user may see that has unread enquiries, in tree order."""
    pages = list(get_forms_for_user(user).select_related("locale").order_by("path"))
    counts = unread_counts(pages)
    return [
        {
            "title": page.get_admin_display_title(),
            "language": language_name(page.locale.language_code),
            "count": counts[page.pk],
            "url": reverse("wagtailforms:list_submissions", args=[page.pk]),
        }
        for page in pages
        if counts.get(page.pk)
    ]


class UnreadEnquiriesPanel(Component):
    name = "unread_enquiries"
    order = 80
    template_name = "home/admin/unread_enquiries_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = unread_rows(self.user)
        context.update(rows=rows, total=sum(row["count"] for row in rows), forms_url=reverse("wagtailforms:index"))
        return context
