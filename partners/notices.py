"""Partners hear of new material, and confirm they have read what asks for it.

Notice of new material: when a material becomes visible to an organisation (shared with it, or
with all partners), a MaterialNotice is queued for each of its members (partners/signals.py).
`send_digests` (run by `manage.py send_partner_emails`) sends each person at most one email a
day listing what is queued for them and still visible to them, in their language, with direct
links; people who opted out in their settings get none (their notices are dropped).

Acknowledgement: a material may ask partners to confirm receipt; the confirmation is kept per
person and per version of the file (its hash), so a replaced file asks again."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core import site_url
from partners import access
from partners.models import Acknowledgement, MaterialNotice, NoticeDigest, PartnerMembership


def queue_for_organisations(document, organisation_ids=None):
    """Queues a notice for every member of these organisations (every partner when the document
    is shared with all of them); a person already told of this document is not told again."""
    memberships = PartnerMembership.objects.filter(user__is_active=True)
    if not document.shared_with_all_partners:
        if not organisation_ids:
            return 0
        memberships = memberships.filter(organisation_id__in=organisation_ids)
    user_ids = memberships.values_list("user_id", flat=True)
    rows = [MaterialNotice(user_id=user_id, document=document) for user_id in user_ids]
    MaterialNotice.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def send_digests(now=None, request=None):
    """One digest per person per day at most; returns how many went."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = 0
    pending_users = MaterialNotice.objects.filter(sent_at=None).values_list("user_id", flat=True).distinct()
    pending = PartnerMembership.objects.filter(user_id__in=pending_users).select_related("user", "organisation")
    for membership in pending:
        notices = MaterialNotice.objects.filter(user=membership.user, sent_at=None)
        if not membership.material_notices or not membership.user.is_active:
            notices.update(sent_at=now)  # dropped: never sent later in a flood
            continue
        visible = access.shared_with_organisation(membership.organisation, membership.user).filter(
            pk__in=notices.values("document_id")
        )
        documents = list(visible.order_by("-created_at", "-pk"))
        if not documents:
            notices.update(sent_at=now)
            continue
        try:
            with transaction.atomic():
                digest = NoticeDigest.objects.create(user=membership.user, day=day, sent_at=now)
        except IntegrityError:
            continue  # already had today's digest: the rest waits for tomorrow
        try:
            send_digest(membership, documents, request)
        except Exception:
            digest.delete()
            raise
        notices.update(sent_at=now)
        sent += 1
    return sent


def send_digest(membership, documents, request=None):
    language = membership.language
    with translation.override(language):
        items = [
            {
                "title": document.title,
                "url": site_url.absolute_url(
                    reverse("partners:download", kwargs={"document_id": document.pk}), request
                ),
            }
            for document in documents
        ]
        context = {
            "organisation": membership.organisation,
            "items": items,
            "dashboard_url": site_url.absolute_url(reverse("partners:dashboard"), request),
            "settings_url": site_url.absolute_url(reverse("partners:settings"), request),
        }
        subject = render_to_string("partners/email/new_material_subject.txt", context).strip()
        body = render_to_string("partners/email/new_material_message.txt", context)
    send_mail(subject, body, None, [membership.user.email])


# --- acknowledgement ---------------------------------------------------------------------------


def current_version(document):
    return document.file_hash or document.get_file_hash()


def acknowledge(document, user):
    membership = access.partner_membership(user)
    Acknowledgement.objects.get_or_create(
        document=document,
        file_hash=current_version(document),
        user=user,
        defaults={"user_email": user.email, "organisation_id": membership.organisation_id if membership else None},
    )


def acknowledged_ids(user, documents):
    """Of these documents, the ids this person has confirmed in their current version (one query)."""
    documents = [document for document in documents if document.requires_acknowledgement]
    if not documents:
        return set()
    versions = {(document.pk, current_version(document)) for document in documents}
    rows = Acknowledgement.objects.filter(user=user, document_id__in=[pk for pk, _ in versions]).values_list(
        "document_id", "file_hash"
    )
    return {pk for pk, file_hash in rows if (pk, file_hash) in versions}


def acknowledgement_table(document):
    """Every partner the material is shared with, and whether (and when) they confirmed its
    current version: for the staff's view and its CSV export."""
    version = current_version(document)
    confirmed = {
        row.user_id: row
        for row in Acknowledgement.objects.filter(document=document, file_hash=version).exclude(user=None)
    }
    memberships = PartnerMembership.objects.select_related("user", "organisation").order_by(
        "organisation__name", "user__email"
    )
    if not document.shared_with_all_partners:
        memberships = memberships.filter(organisation__in=document.organisations.all())
    rows = []
    for membership in memberships:
        row = confirmed.get(membership.user_id)
        rows.append(
            {
                "email": membership.user.email,
                "organisation": membership.organisation.name,
                "confirmed": row is not None,
                "confirmed_at": row.acknowledged_at if row else None,
            }
        )
    return rows
