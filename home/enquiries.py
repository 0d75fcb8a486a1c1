"""Contact and consulting enquiries reach someone, in their language, and the admin says which
are waiting.

Who receives them (``enquiry_recipients``), the first that names anyone:

1. the form page's own "to" address (Email to staff, on the page);
2. the organisation settings' "who receives enquiries and partner reports" (Settings → Organisation);
3. the server's ``STAFF_EMAIL``;
4. the email of the first active superuser (lowest id) that has one;
5. nobody: the enquiry is stored and shown on the dashboard, no email is sent.

Steps 2 to 5 are shared with the partners' reports (``core/staff_recipients.py``). Each recipient
gets the email in their own language: an address that belongs to a user gets that user's admin
language (``core.languages.staff_language``), any other address the site's default language.
One email per language. The field labels, the subject and the page title come
from the form page's translation in that language when there is one, else from the page the
visitor used.

An enquiry is unread until a staff member opens the page of the submissions listing that shows
it (``mark_read``, called by ``home/admin_enquiries.py``)."""

from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.contrib.forms.models import FormSubmission

from core import form_protection, site_url
from core.formatting import format_date, format_datetime
from core.languages import locale_id
from core.staff_recipients import email_addresses, fallback_recipients, recipient_languages
from home.models.enquiries import EnquiryRead

# --- who receives an enquiry --------------------------------------------------------------------


def enquiry_recipients(page):
    """Who receives the enquiries sent through ``page``, in the order of this module's docstring
    (the page's own address, then ``core.staff_recipients.fallback_recipients`` of its site); an
    empty list when nobody can."""
    return email_addresses(page.to_address) or fallback_recipients(page.get_site())


# --- the email ----------------------------------------------------------------------------------


def page_in(page, language):
    """The form page as ``language`` has it: its translation, else the page itself."""
    if page.locale.language_code == language:
        return page
    locale = locale_id(language)
    translated = page.get_translation_or_none(locale) if locale else None
    return translated.specific if translated is not None else page


def field_labels(page, translated):
    """{clean name of the submitted page's field: its label in the translated page}. Fields
    are matched by their translation key; a field the translation lacks keeps its own label."""
    fields = list(page.get_form_fields())
    if translated.pk == page.pk:
        return {field.clean_name: field.label for field in fields}
    labels = {field.translation_key: field.label for field in translated.get_form_fields()}
    return {field.clean_name: labels.get(field.translation_key) or field.label for field in fields}


def display_value(value, language):
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "year") and hasattr(value, "hour"):
        return format_datetime(value, language)
    if hasattr(value, "year"):
        return format_date(value, language)
    return "" if value is None else str(value)


def admin_submissions_url(page):
    return site_url.absolute_url(reverse("wagtailforms:list_submissions", args=[page.pk]))


def enquiry_message(page, data, submission, language, to, reply_to):
    """The email for the recipients reading ``language``."""
    with translation.override(language):
        translated = page_in(page, language)
        labels = field_labels(page, translated)
        context = {
            "page_title": translated.title,
            "sent": format_datetime(timezone.localtime(submission.submit_time if submission else None), language),
            "fields": [(labels.get(name, name), display_value(value, language)) for name, value in data.items()],
            "admin_url": admin_submissions_url(page),
            "reply_to": reply_to,
        }
        subject = (translated.subject or "").strip() or gettext("New enquiry: %(page)s") % {"page": translated.title}
        body = render_to_string("home/email/enquiry_message.txt", context)
    return EmailMessage(
        subject=subject, body=body, from_email=page.from_address or None, to=to, reply_to=reply_to
    )


def visitor_address(data):
    for value in data.values():
        if isinstance(value, str) and looks_like_email(value):
            return [value]
    return []


def looks_like_email(value):
    try:
        validate_email(value)
    except Exception:  # noqa: BLE001 - ValidationError; anything else is simply "not an email"
        return False
    return True


def notify_staff(page, form, submission):
    """Email the enquiry to whoever receives the page's enquiries, one email per language.
    Nobody to send to: nothing is sent. A mail server failure is logged; the submission is kept.
    Returns the number of emails sent."""
    recipients = enquiry_recipients(page)
    if not recipients:
        return 0
    names = [field.clean_name for field in page.get_form_fields()]
    data = {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}
    reply_to = visitor_address(data)
    sent = 0
    for language, addresses in recipient_languages(recipients).items():
        message = enquiry_message(page, data, submission, language, addresses, reply_to)
        sent += form_protection.send_safely(message.send)
    return sent


# --- unread -------------------------------------------------------------------------------------


def unread(submissions):
    return submissions.filter(enquiry_read__isnull=True)


def unread_counts(pages):
    """{page id: unread enquiries} for these form pages (only pages with some)."""
    rows = (
        unread(FormSubmission.objects.filter(page__in=pages)).values("page").annotate(count=Count("pk"))
        .order_by()
    )
    return {row["page"]: row["count"] for row in rows}


def mark_read(submission_ids, user):
    """The enquiries a staff member has just been shown: read from now on (once; the first
    reader is kept)."""
    ids = set(submission_ids)
    if not ids:
        return 0
    already = set(EnquiryRead.objects.filter(submission_id__in=ids).values_list("submission_id", flat=True))
    new = [EnquiryRead(submission_id=pk, read_by=user) for pk in sorted(ids - already)]
    EnquiryRead.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
