"""Reports partners owe the foundation: the states of a report and the steps between them, each
recorded with who and when, and the emails each step sends. Plain functions the views, the admin
and the tests call.

    due/overdue (no report or a draft) ── submit ──▶ submitted (locked)
    submitted ── accept ──▶ accepted (locked, done)
    submitted ── ask for changes (comment) ──▶ changes requested (open again) ── submit ──▶ …
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import site_url, uploads
from core.staff_recipients import email_addresses, fallback_recipients, recipient_languages, site_for
from partners.models import (
    PartnerMembership,
    Report,
    ReportEvent,
    ReportEventKind,
    ReportFile,
    ReportingRequirement,
    ReportStatus,
)

LOCKED = _("This report has been submitted and is locked. Ask your contact at the foundation if something must change.")
NOTHING_TO_SUBMIT = _("Add at least one file before you submit the report.")
TOO_LARGE = _("This file is larger than %(size)s MB. Please upload a smaller file.")

# What the partner's dashboard calls each situation (the "state" of a requirement for them).
DUE, OVERDUE, SUBMITTED, CHANGES_REQUESTED, DONE = "due", "overdue", "submitted", "changes_requested", "done"
STATE_LABELS = {
    DUE: _("Due"),
    OVERDUE: _("Overdue"),
    SUBMITTED: _("Submitted, awaiting review"),
    CHANGES_REQUESTED: _("Changes requested"),
    DONE: pgettext_lazy("a report", "Accepted"),
}


def today():
    return timezone.localdate()


def state_of(requirement, report, on=None):
    """due / overdue / submitted / changes_requested / done, for one requirement and its report
    (or None when nothing has been saved yet)."""
    status = report.status if report is not None else None
    if status == ReportStatus.ACCEPTED:
        return DONE
    if status == ReportStatus.SUBMITTED:
        return SUBMITTED
    if status == ReportStatus.CHANGES_REQUESTED:
        return CHANGES_REQUESTED
    return OVERDUE if requirement.due_date < (on or today()) else DUE


def requirements_for(organisation):
    """The organisation's requirements with their report and its file count, in two queries
    whatever their number (the dashboard lists them all)."""
    return list(
        ReportingRequirement.objects.filter(organisation=organisation)
        .select_related("report")
        .annotate(file_count=Count("report__files"))
        .order_by("due_date", "pk")
    )


def dashboard_groups(organisation, on=None):
    """The requirements sorted into what the partner must act on (overdue, changes requested,
    due), what waits for the foundation, and what is done."""
    groups = {OVERDUE: [], CHANGES_REQUESTED: [], DUE: [], SUBMITTED: [], DONE: []}
    for requirement in requirements_for(organisation):
        try:
            report = requirement.report
        except Report.DoesNotExist:
            report = None
        state = state_of(requirement, report, on)
        groups[state].append({"requirement": requirement, "report": report, "state": state,
                              "label": STATE_LABELS[state]})
    groups[DONE].reverse()  # the latest first
    return groups


def report_for(requirement):
    report, _created = Report.objects.get_or_create(requirement=requirement)
    return report


def record(report, kind, user, detail=""):
    return ReportEvent.objects.create(
        report=report,
        kind=kind,
        user=user if user is not None and user.pk else None,
        user_email=getattr(user, "email", "") or "",
        detail=detail,
    )


def check_upload(upload):
    """A partner's file, judged by its content (core/uploads.py) and its size."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit and upload.size > limit:
        raise ValidationError(TOO_LARGE, code="file_too_large", params={"size": limit // (1024 * 1024)})
    uploads.check_document(upload.name, upload)


@transaction.atomic
def save_draft(requirement, user, note, new_files=(), remove_file_ids=()):
    """Keeps the note and the files; the report stays open. Raises ValidationError when locked."""
    report = Report.objects.select_for_update().get(pk=report_for(requirement).pk)
    if report.is_locked:
        raise ValidationError(LOCKED, code="locked")
    for report_file in report.files.filter(pk__in=list(remove_file_ids)):
        name = report_file.original_name
        report_file.file.delete(save=False)
        report_file.delete()
        record(report, ReportEventKind.FILE_REMOVED, user, name)
    for upload in new_files:
        report_file = ReportFile(report=report, original_name=upload.name[:255], size=upload.size, uploaded_by=user)
        report_file.file.save(upload.name, upload, save=False)
        report_file.save()
        record(report, ReportEventKind.FILE_ADDED, user, report_file.original_name)
    report.note = note
    report.updated_at = timezone.now()
    report.save(update_fields=["note", "updated_at"])
    record(report, ReportEventKind.SAVED, user)
    return report


@transaction.atomic
def submit(requirement, user, request=None):
    report = Report.objects.select_for_update().get(pk=report_for(requirement).pk)
    if report.is_locked:
        raise ValidationError(LOCKED, code="locked")
    if not report.files.exists():
        raise ValidationError(NOTHING_TO_SUBMIT, code="no_files")
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = report.updated_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    record(report, ReportEventKind.SUBMITTED, user)
    transaction.on_commit(lambda: notify_staff_of_submission(report, user, request))
    return report


REVIEW_NOT_SUBMITTED = _("Only a submitted report can be reviewed.")
COMMENT_NEEDED = _("Say what should change: the partner reads this comment.")


@transaction.atomic
def accept(report, staff_user, request=None):
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(REVIEW_NOT_SUBMITTED, code="not_submitted")
    report.status = ReportStatus.ACCEPTED
    report.updated_at = timezone.now()
    report.save(update_fields=["status", "updated_at"])
    record(report, ReportEventKind.ACCEPTED, staff_user)
    transaction.on_commit(lambda: notify_members_of_review(report, request))
    return report


@transaction.atomic
def request_changes(report, staff_user, comment, request=None):
    comment = (comment or "").strip()
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(REVIEW_NOT_SUBMITTED, code="not_submitted")
    if not comment:
        raise ValidationError(COMMENT_NEEDED, code="comment_needed")
    report.status = ReportStatus.CHANGES_REQUESTED
    report.review_comment = comment
    report.updated_at = timezone.now()
    report.save(update_fields=["status", "review_comment", "updated_at"])
    record(report, ReportEventKind.CHANGES_REQUESTED, staff_user, comment)
    transaction.on_commit(lambda: notify_members_of_review(report, request))
    return report


# --- emails ------------------------------------------------------------------------------------


def members_of(organisation):
    return PartnerMembership.objects.filter(organisation=organisation, user__is_active=True).select_related("user")


def report_url(requirement, language, request=None):
    with translation.override(language):
        path = reverse("partners:report", kwargs={"requirement_id": requirement.pk})
    return site_url.absolute_url(path, request)


def staff_addresses(organisation, request=None):
    """Who at the foundation hears of a submission: the organisation's contact person, else
    whoever the site's settings, STAFF_EMAIL or the first superuser name
    (``core.staff_recipients.fallback_recipients``)."""
    return email_addresses(organisation.contact_email) or fallback_recipients(site_for(request))


def submission_message(report, user, language, to, request=None):
    """The email for the staff reading ``language``."""
    requirement = report.requirement
    with translation.override(language):
        context = {
            "requirement": requirement,
            "title": requirement.title(language),
            "report": report,
            "user": user,
            "files": list(report.files.all()),
            "url": site_url.absolute_url(reverse("partner_reports:review", args=[requirement.pk]), request),
        }
        subject = render_to_string("partners/email/report_submitted_subject.txt", context).strip()
        body = render_to_string("partners/email/report_submitted_message.txt", context)
    return EmailMessage(subject=subject, body=body, to=to)


def notify_staff_of_submission(report, user, request=None):
    """One email per language the recipients read (``core.staff_recipients.recipient_languages``)."""
    recipients = staff_addresses(report.requirement.organisation, request)
    for language, addresses in recipient_languages(recipients).items():
        submission_message(report, user, language, addresses, request).send()


def notify_members_of_review(report, request=None):
    """Accepted or changes requested: every member hears it, in their language."""
    requirement = report.requirement
    for membership in members_of(requirement.organisation):
        with translation.override(membership.language):
            context = {
                "requirement": requirement,
                "title": requirement.title(membership.language),
                "report": report,
                "accepted": report.status == ReportStatus.ACCEPTED,
                "url": report_url(requirement, membership.language, request),
            }
            subject = render_to_string("partners/email/report_reviewed_subject.txt", context).strip()
            body = render_to_string("partners/email/report_reviewed_message.txt", context)
        send_mail(subject, body, None, [membership.user.email])


# --- reminders ---------------------------------------------------------------------------------


def reminder_steps(requirement, on):
    """The reminder steps a still-open requirement has reached on this day: "before-N" from N
    days before the due date (the nearest one only) and "overdue-N" from N days after it."""
    days_left = (requirement.due_date - on).days
    if days_left >= 0:
        reached = [days for days in settings.PARTNER_REMINDER_DAYS_BEFORE if days_left <= days]
        return [f"before-{min(reached)}"] if reached else []
    late = -days_left
    reached = [days for days in settings.PARTNER_REMINDER_DAYS_OVERDUE if late >= days]
    return [f"overdue-{max(reached)}"] if reached else []


def open_requirements(on):
    """Requirements not yet submitted (or sent back), whose due date is close or past."""
    horizon = on + datetime.timedelta(days=max(settings.PARTNER_REMINDER_DAYS_BEFORE, default=0))
    return (
        ReportingRequirement.objects.filter(due_date__lte=horizon)
        .exclude(report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "organisation__memberships",
                queryset=PartnerMembership.objects.filter(user__is_active=True).select_related("user"),
                to_attr="active_members",
            )
        )
    )


def send_reminders(on=None, request=None):
    """Sends each reminder that is due and not yet sent; returns how many went. The unique row
    (requirement, person, step) is written first, so a second run, or two at once, send nothing
    again; a failed send removes its row so the next run tries once more."""
    from django.db import IntegrityError

    from partners.models import ReminderSent

    on = on or today()
    sent = 0
    for requirement in open_requirements(on):
        for step in reminder_steps(requirement, on):
            for membership in requirement.organisation.active_members:
                try:
                    with transaction.atomic():
                        marker = ReminderSent.objects.create(requirement=requirement, user=membership.user, step=step)
                except IntegrityError:
                    continue
                try:
                    send_reminder(requirement, membership, step, on, request)
                except Exception:
                    marker.delete()
                    raise
                sent += 1
    return sent


def send_reminder(requirement, membership, step, on, request=None):
    language = membership.language
    with translation.override(language):
        context = {
            "requirement": requirement,
            "title": requirement.title(language),
            "overdue": step.startswith("overdue"),
            "days_left": (requirement.due_date - on).days,
            "days_late": (on - requirement.due_date).days,
            "url": report_url(requirement, language, request),
        }
        subject = render_to_string("partners/email/report_reminder_subject.txt", context).strip()
        body = render_to_string("partners/email/report_reminder_message.txt", context)
    send_mail(subject, body, None, [membership.user.email])
