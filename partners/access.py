"""Who may download which document. One place for the rule, used by the partners' download
view, by the hook on Wagtail's own document URL and by the dashboard listing.

- A document is *restricted* when it is shared with partners (all of them or chosen
  organisations) or its collection, or a parent collection, has a view restriction (Wagtail's
  collection privacy). Restricted files are never served to a stranger.
- *Staff* may download any document they may edit or choose in the admin.
- A *partner* (a user with a PartnerMembership) may download what is shared with all partners
  or with their own organisation."""

from django.db.models import Q
from wagtail.permissions import policy_registry

from partners.models import PartnerDocument, PartnerMembership


def partner_membership(user):
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.partner_membership
    except PartnerMembership.DoesNotExist:
        return None


def is_staff_reader(user, document=None):
    if not user.is_authenticated or not user.is_active:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    document_permission_policy = policy_registry.get_by_type(PartnerDocument)
    if document is None:
        return document_permission_policy.user_has_any_permission(user, ["add", "change", "choose"])
    return document_permission_policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def is_restricted(document):
    if document.shared_with_all_partners or document.organisations.exists():
        return True
    return document.collection.get_view_restrictions().exists()


def shared_with_organisation(organisation):
    """Documents a member of this organisation may download (no duplicates, no DISTINCT)."""
    through = PartnerDocument.organisations.through
    return PartnerDocument.objects.filter(
        Q(shared_with_all_partners=True)
        | Q(pk__in=through.objects.filter(partnerorganisation=organisation).values("partnerdocument_id"))
    )


def partner_may_download(membership, document):
    if membership is None:
        return False
    return document.shared_with_all_partners or document.organisations.filter(pk=membership.organisation_id).exists()


def may_download(user, document):
    return is_staff_reader(user, document) or partner_may_download(partner_membership(user), document)


def is_stranger(user):
    """Someone the partner area does not know: refused downloads are a plain 404 for them, so
    the answer does not even confirm that a document exists."""
    return partner_membership(user) is None and not is_staff_reader(user)
