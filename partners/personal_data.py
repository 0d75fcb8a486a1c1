"""The personal data of the partner area, declared in the registry (core/personal_data.py):
accounts, memberships, invitations, the download log, sign-in records (successful and failed)
and the foundation's contact person for each organisation."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.personal_data import (
    ANONYMISE,
    EMAIL_PROVIDER,
    FOUNDATION_STAFF,
    Category,
    Outcome,
    delete_rows,
    plain,
    registry,
)
from partners.models import AccountEvent, AccountEventKind, DownloadLog

SECURITY_BASIS = _(
    "Legitimate interest in protecting the accounts and the materials shared with partners (GDPR art. 6(1)(f))."
)
PARTNERSHIP_BASIS = _(
    "Legitimate interest of the foundation and the partner organisation in working together (GDPR art. 6(1)(f))."
)
PARTNER_AREA = _("The partner area")
FAILED_KINDS = [AccountEventKind.SIGN_IN_FAILED, AccountEventKind.LOCKED_OUT, AccountEventKind.MFA_FAILED]


def _email_address_owners(email):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(email__iexact=email).values_list("user_id", flat=True)


registry.add_user_lookup(_email_address_owners)


def is_staff_account(user):
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


@registry.register
class Accounts(Category):
    key = "partners.accounts"
    group = PARTNER_AREA
    order = 40
    model = "auth.User"
    # Deleted with the account (their foreign keys cascade).
    also_covers = (
        "account.EmailAddress",
        "account.EmailConfirmation",
        "mfa.Authenticator",
        "wagtailusers.UserProfile",
        # Delivery records of the partner emails: which person was told of what, and when.
        "partners.MaterialNotice",
        "partners.NoticeDigest",
        "partners.ReminderSent",
    )
    what = _("Partner accounts")
    held = _("email address, name (if given), password (only as a one-way hash), two-factor settings, when the account "
             "was created and last used")
    fields = ("email", "first_name", "last_name", "username", "date_joined", "last_login")
    purpose = _("To let partners sign in and see the materials shared with their organisation.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF, EMAIL_PROVIDER)
    retention_text = _("Until the foundation closes the account (when the partnership or the person's role ends).")
    kept = _("Deleted; a staff account is kept until an administrator removes it under Settings → Users.")
    erase_order = 900

    def erasure_text(self):
        return str(self.kept)

    def rows_for(self, subject):
        return get_user_model().objects.filter(pk__in=subject.user_ids())

    def export_row(self, user):
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        row = {name: plain(getattr(user, name)) for name in self.fields}
        row["active"] = user.is_active
        row["email_addresses"] = [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ]
        # Which kinds of second factor are set up, never their secrets.
        row["two_factor"] = sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        row["groups"] = sorted(user.groups.values_list("name", flat=True))
        return row

    def erase(self, rows, context):
        users = list(rows)
        keep = [user.pk for user in users if is_staff_account(user)]
        deleted = delete_rows(get_user_model().objects.filter(pk__in=[u.pk for u in users]).exclude(pk__in=keep))
        return Outcome(deleted=deleted, kept=len(keep))


@registry.register
class Memberships(Category):
    key = "partners.memberships"
    group = PARTNER_AREA
    order = 41
    model = "partners.PartnerMembership"
    what = _("Membership of a partner organisation")
    fields = ("user", "organisation", "previous_sign_in", "current_sign_in", "language", "material_notices")
    purpose = _("To know which organisation's materials a partner may see, and what is new since their last visit.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF,)
    retention_text = _("As long as the account.")
    erase_order = 850

    def rows_for(self, subject):
        return self.queryset().filter(user_id__in=subject.user_ids())

    def export_row(self, row):
        return {"organisation": str(row.organisation), "previous_sign_in": plain(row.previous_sign_in),
                "current_sign_in": plain(row.current_sign_in), "language": row.language,
                "material_notices": row.material_notices}


@registry.register
class Invitations(Category):
    key = "partners.invitations"
    group = PARTNER_AREA
    order = 42
    model = "partners.Invitation"
    what = _("Invitations to the partner area")
    fields = ("email", "organisation", "language", "created", "accepted_at")
    purpose = _("To send the link that creates a partner account.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF, EMAIL_PROVIDER)
    retention_setting = "RETENTION_INVITATIONS_DAYS"
    retention_default = 90
    retention_from = _("after it was sent, unless it was accepted (an accepted one is kept as long as the account)")
    erase_order = 700

    def rows_for(self, subject):
        return self.queryset().filter(Q(email__iexact=subject.email) | Q(accepted_user_id__in=subject.user_ids()))

    def export_row(self, row):
        return {"email": row.email, "organisation": str(row.organisation), "language": row.language,
                "sent": plain(row.created), "accepted_at": plain(row.accepted_at)}

    def expired(self, now):
        cutoff = self.cutoff(now)
        return self.queryset().filter(
            Q(accepted_at__isnull=True, created__lt=cutoff)
            # The account it created is gone: nothing is left for it to document.
            | Q(accepted_at__isnull=False, accepted_user__isnull=True, created__lt=cutoff)
        )


@registry.register
class Downloads(Category):
    key = "partners.downloads"
    group = PARTNER_AREA
    order = 43
    model = "partners.DownloadLog"
    what = _("Downloads of partner materials")
    fields = ("user_email", "organisation", "document_title", "downloaded_at")
    purpose = _("To know who received the materials the foundation shares with partners.")
    legal_basis = SECURITY_BASIS
    recipients = (FOUNDATION_STAFF,)
    retention_setting = "RETENTION_DOWNLOADS_DAYS"
    retention_default = 365
    retention_from = _("after the download")
    at_end_of_period = ANONYMISE
    erasure = ANONYMISE
    kept = _("That the organisation downloaded the document, and when, is kept (the materials' download counts); who "
             "it was is removed.")
    kept_fields = ("organisation", "document", "document_title", "downloaded_at")
    erase_order = 600

    def queryset(self):
        return DownloadLog.objects.exclude(user__isnull=True, user_email="")

    def rows_for(self, subject):
        return self.queryset().filter(Q(user_email__iexact=subject.email) | Q(user_id__in=subject.user_ids()))

    def anonymise(self, rows, context):
        return DownloadLog.objects.filter(pk__in=[row.pk for row in rows]).update(user=None, user_email="")

    def expired(self, now):
        return self.queryset().filter(downloaded_at__lt=self.cutoff(now))


class SignInCategory(Category):
    model = "partners.AccountEvent"
    fields = ("kind", "email", "ip_address", "user_agent", "created")
    legal_basis = SECURITY_BASIS
    recipients = (FOUNDATION_STAFF,)
    timestamp_field = "created"
    erase_order = 650

    def rows_for(self, subject):
        return self.queryset().filter(Q(email__iexact=subject.email) | Q(user_id__in=subject.user_ids()))


@registry.register
class SignIns(SignInCategory):
    key = "partners.sign_ins"
    group = PARTNER_AREA
    order = 44
    what = _("Sign-in records")
    held = _("what happened (signed in, signed out, password or two-factor changed), the email address, the IP "
             "address and browser, the time")
    purpose = _("To see how accounts are used and to investigate a misuse.")
    retention_setting = "RETENTION_SIGN_INS_DAYS"
    retention_default = 365
    retention_from = _("after the event")

    def queryset(self):
        return AccountEvent.objects.exclude(kind__in=FAILED_KINDS)


@registry.register
class FailedSignIns(SignInCategory):
    key = "partners.failed_sign_ins"
    group = PARTNER_AREA
    order = 45
    what = _("Failed sign-in attempts")
    held = _("the email address typed in (also when it belongs to no account), the IP address and browser, the time")
    purpose = _("To notice and stop attempts to guess passwords.")
    retention_setting = "RETENTION_FAILED_SIGN_INS_DAYS"
    retention_default = 90
    retention_from = _("after the attempt")

    def queryset(self):
        return AccountEvent.objects.filter(kind__in=FAILED_KINDS)


@registry.register
class OrganisationContacts(Category):
    key = "partners.organisation_contacts"
    group = PARTNER_AREA
    order = 46
    model = "partners.PartnerOrganisation"
    what = _("The foundation's contact person for a partner organisation")
    fields = ("contact_name", "contact_email", "contact_phone")
    purpose = _("To show partners whom at the foundation to contact.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (_("The members of that partner organisation"),)
    retention_text = _("While the person is the contact; staff change it in the organisation's settings.")
    erasure = ANONYMISE
    kept = _("The organisation stays; the contact person's name, email address and phone are removed.")
    kept_fields = ("name", "organisation_type", "website")
    email_field = "contact_email"
    erase_order = 500

    def export_row(self, row):
        return {"organisation": row.name, "contact_name": row.contact_name, "contact_email": row.contact_email,
                "contact_phone": row.contact_phone}

    def anonymise(self, rows, context):
        return self.get_model().objects.filter(pk__in=[row.pk for row in rows]).update(
            contact_name="", contact_email="", contact_phone=""
        )


@registry.register
class Acknowledgements(Category):
    key = "partners.acknowledgements"
    group = PARTNER_AREA
    order = 47
    model = "partners.Acknowledgement"
    what = _("Confirmations of having read a material")
    fields = ("user_email", "organisation", "document", "acknowledged_at")
    purpose = _("To know that a partner has received and read a material the foundation asked them to confirm.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF,)
    retention_text = _("As long as the material is kept.")
    erasure = ANONYMISE
    kept = _("That the organisation confirmed the material, and when, is kept; who it was is removed.")
    kept_fields = ("organisation", "document", "file_hash", "acknowledged_at")
    email_field = "user_email"
    erase_order = 610

    def rows_for(self, subject):
        return self.queryset().filter(Q(user_email__iexact=subject.email) | Q(user_id__in=subject.user_ids()))

    def anonymise(self, rows, context):
        return self.get_model().objects.filter(pk__in=[row.pk for row in rows]).update(user=None, user_email="")


@registry.register
class ReportSteps(Category):
    key = "partners.report_steps"
    group = PARTNER_AREA
    order = 48
    model = "partners.ReportEvent"
    what = _("Steps of the reports partners send")
    held = _("who saved, submitted or reviewed a report, with their email address and the time; review comments")
    fields = ("user_email", "kind", "detail", "created")
    purpose = _("To know who sent the foundation which report, and who reviewed it.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF, _("The members of that partner organisation"))
    retention_text = _("As long as the report, which the foundation keeps as part of the grant's records.")
    erasure = ANONYMISE
    kept = _("The steps of the organisation's report are kept; who took them is removed.")
    kept_fields = ("report", "kind", "detail", "created")
    email_field = "user_email"
    erase_order = 620

    def rows_for(self, subject):
        return self.queryset().filter(Q(user_email__iexact=subject.email) | Q(user_id__in=subject.user_ids()))

    def anonymise(self, rows, context):
        return self.get_model().objects.filter(pk__in=[row.pk for row in rows]).update(user=None, user_email="")


@registry.register
class ReportFiles(Category):
    key = "partners.report_files"
    group = PARTNER_AREA
    order = 49
    model = "partners.ReportFile"
    what = _("Who uploaded a report file")
    fields = ("uploaded_by", "original_name", "uploaded_at")
    purpose = _("To know which member of the organisation sent a file.")
    legal_basis = PARTNERSHIP_BASIS
    recipients = (FOUNDATION_STAFF, _("The members of that partner organisation"))
    retention_text = _("As long as the report, which the foundation keeps as part of the grant's records.")
    erasure = ANONYMISE
    kept = _("The file belongs to the organisation's report and is kept; the link to the person is removed.")
    kept_fields = ("report", "file", "original_name", "size", "uploaded_at")
    erase_order = 630

    def rows_for(self, subject):
        return self.queryset().filter(uploaded_by_id__in=subject.user_ids())

    def export_row(self, row):
        return {"file": row.original_name, "uploaded_at": plain(row.uploaded_at)}

    def anonymise(self, rows, context):
        return self.get_model().objects.filter(pk__in=[row.pk for row in rows]).update(uploaded_by=None)


registry.not_personal(
    "partners.ReportingRequirement", "What an organisation owes the foundation: titles, dates, instructions."
)
registry.not_personal(
    "partners.PartnerDocument", "Wagtail's record of which staff member uploaded a document (staff work)."
)
registry.not_personal("auth.Group", "Names of permission groups (Finance, Partners...).")
registry.not_personal("auth.Permission", "Names of permissions.")
