"""Invitation links: signed with Django's TimestampSigner (so they cannot be forged or edited),
valid for PARTNER_INVITATION_DAYS days, and good for one use only (accepted_at is set)."""


from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core import site_url

PARTNERS_GROUP_NAME = "Партньори"  # partners migration 0007
SIGNING_SALT = "partners.invitation"


class InvitationError(Exception):
    """A link that cannot be used; `reason` picks the page the invitee sees."""

    def __init__(self, reason, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_max_age():
    from partners.models import Invitation

    return Invitation.max_age()


def make_token(invitation):
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(invitation.pk))


def invitation_for_token(token):
    """The invitation the token names, or InvitationError("invalid" / "expired" / "used")."""
    from partners.models import Invitation

    signer = signing.TimestampSigner(salt=SIGNING_SALT)
    try:
        invitation_id = signer.unsign(token, max_age=invitation_max_age())
    except signing.SignatureExpired as error:
        raise InvitationError("expired") from error
    except signing.BadSignature as error:
        raise InvitationError("invalid") from error
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is None:
        raise InvitationError("invalid")
    if invitation.accepted_at is not None:
        raise InvitationError("used", invitation)
    if email_has_account(invitation.email):
        raise InvitationError("registered", invitation)
    return invitation


def email_has_account(email):
    from allauth.account.models import EmailAddress

    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def invitation_url(invitation, request=None):
    with translation.override(invitation.language):
        path = reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)})
    # The public address (core.site_url), not the host the staff member's admin came in on.
    return site_url.absolute_url(path, request)


def send_invitation(invitation, request=None):
    """The email goes out in the invitee's language, whatever language the staff member uses."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": invitation_url(invitation, request),
            "days": settings.PARTNER_INVITATION_DAYS,
        }
        subject = render_to_string("partners/email/invitation_subject.txt", context).strip()
        body = render_to_string("partners/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])


def unique_username(email):
    User = get_user_model()
    base = email.split("@")[0][:140] or "partner"
    candidate = base
    number = 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


@transaction.atomic
def accept_invitation(invitation, password):
    """Creates the account with a verified email address and makes it a member of the
    invitation's organisation. Locks the invitation row so two tabs cannot both use it."""
    from allauth.account.models import EmailAddress

    from partners.models import Invitation, PartnerMembership

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError("used", invitation)
    User = get_user_model()
    user = User(username=unique_username(invitation.email), email=invitation.email)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    # Joins the "Партньори" group too (partners/signals.py), which opens the partner collections.
    PartnerMembership.objects.create(user=user, organisation=invitation.organisation, language=invitation.language)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user
