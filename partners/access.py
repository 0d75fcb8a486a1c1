"""Who may download which document. One place for the rule, used by the partners' download
view, by the hook on Wagtail's own document URL and by the dashboard listing.

- A document is *restricted* when it is shared with partners (all of them or chosen
  organisations) or its collection, or a parent collection, has a view restriction (Wagtail's
  collection privacy). Restricted files are never served to a stranger.
- *Staff* may download any document they may edit or choose in the admin.
- A *partner* (a user with a PartnerMembership) may download what is shared with all partners
  or with their own organisation, provided they also pass the privacy of the document's
  collection and of its parents (e.g. "users in the Партньори group", which every partner joins
  with their membership). A collection restricted to a password is for staff only here: the
  partner area has no password form.
- A share may end (``share_ends_on``): from the next day on the material is no longer shared
  with partners (gone from their dashboards, refused as not shared); it stays restricted, and
  staff still see it.
- A *report file* a partner uploaded is for the members of that organisation and for staff with
  the permission to view reports (superusers have every permission), nobody else."""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction
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


def passes_restriction(restriction, user, group_ids):
    """Wagtail's BaseViewRestriction.accept_request for a signed-in person, without a request."""
    if restriction.restriction_type == CollectionViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == CollectionViewRestriction.GROUPS:
        return user.is_superuser or any(group.pk in group_ids for group in restriction.groups.all())
    return False  # PASSWORD: not offered to partners


def closed_collections(user):
    """The collections whose privacy (their own or a parent's) this person does not pass, as a
    queryset of ids; three queries whatever the number of collections and documents."""
    group_ids = set(user.groups.values_list("pk", flat=True))
    closed_paths = [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
        if not passes_restriction(restriction, user, group_ids)
    ]
    if not closed_paths:
        return Collection.objects.none().values("pk")
    below_any = Q()
    for path in closed_paths:
        below_any |= Q(path__startswith=path)
    return Collection.objects.filter(below_any).values("pk")


def share_is_current(document, on=None):
    return document.share_ends_on is None or document.share_ends_on >= (on or timezone.localdate())


def shared_with_organisation(organisation, user=None, on=None):
    """Documents a member of this organisation may download (no duplicates, no DISTINCT); with a
    user, only those in collections whose privacy that person passes."""
    through = PartnerDocument.organisations.through
    documents = PartnerDocument.objects.filter(
        Q(shared_with_all_partners=True)
        | Q(pk__in=through.objects.filter(partnerorganisation=organisation).values("partnerdocument_id"))
    ).filter(Q(share_ends_on__isnull=True) | Q(share_ends_on__gte=on or timezone.localdate()))
    if user is not None:
        documents = documents.exclude(collection_id__in=closed_collections(user))
    return documents


def partner_may_download(membership, document):
    if membership is None or not share_is_current(document):
        return False
    shared = document.shared_with_all_partners or document.organisations.filter(pk=membership.organisation_id).exists()
    if not shared:
        return False
    user = membership.user
    group_ids = set(user.groups.values_list("pk", flat=True))
    restrictions = document.collection.get_view_restrictions().prefetch_related("groups")
    return all(passes_restriction(restriction, user, group_ids) for restriction in restrictions)


def may_download(user, document):
    return is_staff_reader(user, document) or partner_may_download(partner_membership(user), document)


def is_stranger(user):
    """Someone the partner area does not know: refused downloads are a plain 404 for them, so
    the answer does not even confirm that a document exists."""
    return partner_membership(user) is None and not is_staff_reader(user)


def may_read_report_file(user, report_file):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("wagtailadmin.access_admin") and user.has_perm("partners.view_report"):
        return True
    membership = partner_membership(user)
    return membership is not None and membership.organisation_id == report_file.report.requirement.organisation_id
