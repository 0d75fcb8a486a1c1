"""Every sign-in, failed attempt, lock-out and password, email or two-factor change becomes an
AccountEvent row that staff can read (and filter) in the admin; and every partner is kept in
the "Партньори" group (migrations 0002 and 0007)."""

import time

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core import clients
from partners.models import AccountEvent, AccountEventKind, PartnerDocument, PartnerMembership

# Session key: when this browser last completed a whole sign-in (password, and code if any), an
# accepted invitation included.
SIGNED_IN_AT_SESSION_KEY = "partners_signed_in_at"


def recorded_ip(request):
    """The client's address for the record, or None: the column holds IP addresses only, and
    PostgreSQL refuses clients.UNKNOWN (a sign-in without a socket address, e.g. force_login)."""
    address = clients.client_ip(request) if request is not None else clients.UNKNOWN
    return None if address == clients.UNKNOWN else address


def record_event(request, kind, user=None, email=""):
    if user is not None and not email:
        email = getattr(user, "email", "") or ""
    AccountEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        email=(email or "")[:254],
        ip_address=recorded_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:255] if request is not None else ""),
    )


@receiver(auth_signals.user_logged_in)
def signed_in(sender, request, user, **kwargs):
    record_event(request, AccountEventKind.SIGNED_IN, user=user)
    if request is not None and hasattr(request, "session"):
        # The window in which adding an authenticator needs no second password (partners.adapter).
        request.session[SIGNED_IN_AT_SESSION_KEY] = time.time()
    membership = PartnerMembership.objects.filter(user=user).first()
    if membership is not None:
        membership.record_sign_in()


@receiver(auth_signals.user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(request, AccountEventKind.SIGNED_OUT, user=user)


def _recorder(kind):
    def record(sender, request, user, **kwargs):
        record_event(request, kind, user=user)

    return record


# Signals that need nothing recorded but the kind of event and who it happened to.
SIMPLE_EVENTS = [
    (account_signals.password_changed, AccountEventKind.PASSWORD_CHANGED),
    (account_signals.password_set, AccountEventKind.PASSWORD_SET),
    (account_signals.password_reset, AccountEventKind.PASSWORD_RESET),
    (mfa_signals.authentication_failed, AccountEventKind.MFA_FAILED),
    (mfa_signals.authenticator_added, AccountEventKind.MFA_ENABLED),
    (mfa_signals.authenticator_removed, AccountEventKind.MFA_REMOVED),
]
for signal, kind in SIMPLE_EVENTS:
    # weak=False: the receivers are made here and referenced nowhere else.
    signal.connect(_recorder(kind), weak=False, dispatch_uid=f"partners-account-event-{kind}")


@receiver(account_signals.email_changed)
def email_changed(sender, request, user, from_email_address=None, to_email_address=None, **kwargs):
    """allauth also sends this when an address is confirmed for the first time (e.g. at the
    first sign-in of an account staff created, whose address had no record yet): that is no
    change, so it is not recorded as one."""
    before = getattr(from_email_address, "email", "") or ""
    after = getattr(to_email_address, "email", "") or ""
    if not before or before.casefold() == after.casefold():
        return
    record_event(request, AccountEventKind.EMAIL_CHANGED, user=user, email=getattr(to_email_address, "email", ""))


@receiver(post_save, sender=PartnerMembership)
def join_partners_group(sender, instance, **kwargs):
    """Every partner is in the "Партньори" group, whichever way the membership was made (an
    accepted invitation or the admin): that group opens the partner collections' privacy."""
    from partners.invitations import PARTNERS_GROUP_NAME

    group, _ = Group.objects.get_or_create(name=PARTNERS_GROUP_NAME)
    instance.user.groups.add(group)


@receiver(post_delete, sender=PartnerMembership)
def leave_partners_group(sender, instance, **kwargs):
    from partners.invitations import PARTNERS_GROUP_NAME

    Group.user_set.through.objects.filter(user_id=instance.user_id, group__name=PARTNERS_GROUP_NAME).delete()


@receiver(post_save, sender=PartnerDocument)
def shared_with_all(sender, instance, **kwargs):
    """A material shared with all partners: every partner hears of it (once, partners.notices)."""
    if instance.shared_with_all_partners:
        from partners.notices import queue_for_organisations

        queue_for_organisations(instance)


@receiver(m2m_changed, sender=PartnerDocument.organisations.through)
def shared_with_organisations(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    from partners.notices import queue_for_organisations

    if reverse:  # organisation.materials.add(document, ...)
        for document in PartnerDocument.objects.filter(pk__in=pk_set):
            queue_for_organisations(document, [instance.pk])
    else:
        queue_for_organisations(instance, pk_set)


@receiver(post_save, sender=PartnerDocument)
def remember_file_version(sender, instance, **kwargs):
    """The file's hash is the version partners confirm (partners.notices). Wagtail's forms set it;
    a document saved in code (the seed, a script) gets it here, once its file is stored, so that
    showing the dashboard never has to write it."""
    if not instance.file_hash and instance.file:
        from wagtail.utils.file import hash_filelike

        with instance.file.open("rb") as handle:
            instance.file_hash = hash_filelike(handle)
        sender.objects.filter(pk=instance.pk).update(file_hash=instance.file_hash)
