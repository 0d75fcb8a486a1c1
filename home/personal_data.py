"""The personal data of the public site, declared in the registry (core/personal_data.py): the
messages sent through the contact and consulting forms (Wagtail form submissions) and the admin
history, plus the site's models that only look personal."""

import json

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import (
    ANONYMISE,
    EMAIL_PATTERN,
    EMAIL_PROVIDER,
    FOUNDATION_STAFF,
    RUNNING_THE_SITE,
    Category,
    plain,
    registry,
)

ERASED = "[erased]"


def mentions(submission, email):
    """Whether one of the submitted values is the address (the JSON text may only contain it)."""
    return any(isinstance(value, str) and value.strip().lower() == email for value in submission.form_data.values())


@registry.register
class Enquiries(Category):
    key = "home.enquiries"
    group = _("Messages to the foundation")
    order = 30
    model = "wagtailforms.FormSubmission"
    # Which staff member opened a message, and when: kept and deleted with the message.
    also_covers = ("home.EnquiryRead",)
    what = _("Messages sent through the contact and consulting forms")
    held = _("what you write in the form: your name, email address and message, and any other field the form asks for")
    fields = ("form_data", "submit_time")
    purpose = _("To answer your message or enquiry.")
    legal_basis = _("Your consent, given with the form's checkbox (GDPR art. 6(1)(a)); you can withdraw it by asking "
                    "us to delete the message.")
    recipients = (_("The foundation's staff: each message is also emailed to the foundation's address"),
                  EMAIL_PROVIDER)
    retention_setting = "RETENTION_ENQUIRIES_DAYS"
    retention_default = 730
    retention_from = _("after the message was sent")
    timestamp_field = "submit_time"

    def rows_for(self, subject):
        # The JSON is searched as text first (one query), then each value is compared exactly.
        candidates = self.queryset().filter(form_data__icontains=subject.email)
        return self.queryset().filter(pk__in=[row.pk for row in candidates if mentions(row, subject.email)])

    def export_row(self, row):
        return {"form": row.page.title if row.page_id else "", "sent": plain(row.submit_time),
                "fields": plain(row.form_data)}


def without_emails(text, email=None):
    if email:
        text = text.replace(email, ERASED)
    return EMAIL_PATTERN.sub(ERASED, text)


@registry.register
class AdminHistory(Category):
    """Wagtail records every change made in the admin with the object's name at the time, and
    some of the site's objects are named by an address ("ana@example.org (Organisation)" for an
    invitation)."""

    key = "home.admin_history"
    group = RUNNING_THE_SITE
    order = 70
    model = "wagtailcore.ModelLogEntry"
    what = _("The admin's history of changes")
    held = _("the name of what a staff member changed, which for an invitation or a member is their email address")
    fields = ("label", "data", "timestamp")
    purpose = _("To know which staff member changed what, and when.")
    legal_basis = _("Legitimate interest in accountable administration (GDPR art. 6(1)(f)).")
    recipients = (FOUNDATION_STAFF,)
    retention_setting = "RETENTION_ADMIN_HISTORY_DAYS"
    retention_default = 365
    retention_from = _("after the change, for the addresses in it")
    at_end_of_period = ANONYMISE
    erasure = ANONYMISE
    kept = _("The record of the change stays; the address in it is replaced.")
    kept_fields = ("action", "timestamp", "user", "content_type", "object_id")
    erase_order = 950

    def rows_for(self, subject):
        return self.queryset().filter(Q(label__icontains=subject.email) | Q(data__icontains=subject.email))

    def export_row(self, row):
        return {"change": row.action, "label": row.label, "at": plain(row.timestamp)}

    def anonymise(self, rows, context):
        email = context.subject.email if context.subject else None
        for row in rows:
            row.label = without_emails(row.label, email)
            row.data = json.loads(without_emails(json.dumps(row.data), email))
            row.save(update_fields=["label", "data"])
        return len(rows)

    def expired(self, now):
        return self.queryset().filter(timestamp__lt=self.cutoff(now)).filter(
            Q(label__contains="@") | Q(data__icontains="@")
        )

    def anonymise_expired(self, rows, context):
        # Rows keep matching "@" when it is not part of an address; each is rewritten once.
        total = 0
        for row in rows.iterator():
            before = (row.label, row.data)
            self.anonymise([row], context)
            total += int((row.label, row.data) != before)
        return total

registry.not_personal("home.OrganisationSettings", "The foundation's own name, address and contacts.")
FORM_ADDRESSES = "The foundation's own addresses that receive and send the form's email."
registry.not_personal("home.ContactPage", FORM_ADDRESSES)
registry.not_personal("home.ConsultingPage", FORM_ADDRESSES)
registry.not_personal("home.ContactFormField", "“clean_name” is the name of a form field.")
registry.not_personal("home.ConsultingFormField", "“clean_name” is the name of a form field.")
registry.not_personal("wagtailcore.Site", "The site's name.")
registry.not_personal("wagtailcore.APIToken", "The name of an API token.")
registry.not_personal("wagtailcore.Collection", "The name of a collection of images or documents.")
registry.not_personal("wagtailcore.Workflow", "The name of an editorial workflow.")
registry.not_personal("wagtailcore.Task", "The name of a workflow task.")
registry.not_personal("wagtailcore.GroupApprovalTask", "The name of a workflow task.")
registry.not_personal("wagtailembeds.Embed", "The published author of an embedded video or post.")
registry.not_personal("wagtail_localize.StringTranslation", "The name of the translation tool used.")
registry.not_personal("taggit.Tag", "Tag names.")
