"""Two promises of partners/access.py that the access matrix did not hold to:

- a collection restricted to a password is for staff only (README): the partner area has no
  password form, so a partner never downloads from it, nor sees its documents listed, even
  when a document there is shared with their organisation;
- being *staff* needs admin access as well as document permissions: someone given document
  permissions (a group set up by mistake, an account whose admin access was withdrawn) but no
  admin access is a stranger, and a partner with such permissions still sees only what is
  shared with their own organisation."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

from partners.models import DownloadLog
from tests.partners.conftest import make_document, make_user

pytestmark = pytest.mark.django_db


def download_url(document):
    return reverse("partners:download", kwargs={"document_id": document.pk})


def listed(client):
    response = client.get(reverse("partners:dashboard"))
    assert response.status_code == 200
    return [row["document"] for row in response.context["rows"]]


@pytest.fixture
def password_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Board drafts (password)")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="shared secret"
    )
    return collection


@pytest.fixture
def behind_password(password_collection, organisations):
    """Shared with the partner's organisation, in the password-protected collection."""
    return make_document("Draft budget behind a password", collection=password_collection,
                         organisations=[organisations["right"]])


def test_partner_cannot_download_from_a_password_protected_collection(client, partner, behind_password):
    client.force_login(partner)

    assert client.get(download_url(behind_password)).status_code == 403
    assert client.get(behind_password.url).status_code == 403
    assert not DownloadLog.objects.exists()


def test_material_shared_with_all_partners_behind_a_password_stays_closed(client, partner, password_collection):
    document = make_document("Handbook behind a password", collection=password_collection,
                             shared_with_all_partners=True)
    client.force_login(partner)

    assert client.get(download_url(document)).status_code == 403


def test_a_password_on_a_parent_collection_closes_its_children_to_partners(
    client, partner, password_collection, organisations
):
    inner = password_collection.add_child(name="2025")
    document = make_document("Minutes in a child collection", collection=inner, organisations=[organisations["right"]])
    client.force_login(partner)

    assert client.get(download_url(document)).status_code == 403


def test_partner_dashboard_does_not_list_documents_behind_a_password(client, partner, behind_password, organisations):
    open_one = make_document("Open report", organisations=[organisations["right"]])
    client.force_login(partner)

    assert listed(client) == [open_one]


def test_staff_download_from_a_password_protected_collection(client, staff, behind_password):
    client.force_login(staff)

    response = client.get(download_url(behind_password))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test file\n"


@pytest.fixture
def document_permissions_only(db):
    """A group with every document permission on the root collection, and no admin access."""
    group = Group.objects.create(name="Document permissions without admin access")
    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )
    return group


@pytest.fixture
def document_editor_without_admin(document_permissions_only):
    user = make_user("no-admin@example.org")
    user.groups.add(document_permissions_only)
    return user


def test_document_permissions_without_admin_access_do_not_make_staff(
    client, document_editor_without_admin, material
):
    assert not document_editor_without_admin.has_perm("wagtailadmin.access_admin")
    client.force_login(document_editor_without_admin)

    # A stranger to the partner area: not even told that the document exists.
    assert client.get(download_url(material)).status_code == 404
    assert client.get(material.url).status_code == 404
    assert not DownloadLog.objects.exists()


def test_document_permissions_without_admin_access_open_no_private_collection(
    client, document_editor_without_admin, partner_materials_collection
):
    document = make_document("Methodology draft", collection=partner_materials_collection)
    client.force_login(document_editor_without_admin)

    assert client.get(download_url(document)).status_code == 404


def test_partner_with_document_permissions_but_no_admin_access_sees_only_their_own(
    client, partner, document_permissions_only, organisations
):
    partner.groups.add(document_permissions_only)
    theirs = make_document("Our report", organisations=[organisations["right"]])
    others = make_document("Another organisation's report", organisations=[organisations["other"]])
    client.force_login(partner)

    assert client.get(download_url(theirs)).status_code == 200
    assert client.get(download_url(others)).status_code == 403
    assert listed(client) == [theirs]


def test_the_same_permissions_with_admin_access_make_staff(client, document_editor_without_admin, material):
    """The contrast that shows the refusals above come from the missing admin access."""
    document_editor_without_admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(document_editor_without_admin)

    assert client.get(download_url(material)).status_code == 200
