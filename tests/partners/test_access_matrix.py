"""Every route to a file, for every kind of visitor: a restricted material is reachable only
through the checked download view, and only by the right partner and by staff."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.views.static import serve as static_serve

from partners.models import DownloadLog
from tests.partners.conftest import make_document, translated

VISITORS = ["anonymous", "stranger", "right_partner", "other_partner", "staff"]

# What each visitor gets from the checked download view and from Wagtail's own document URL.
DOWNLOAD_STATUS = {"anonymous": 404, "stranger": 404, "right_partner": 200, "other_partner": 403, "staff": 200}
WAGTAIL_URL_STATUS = {"anonymous": 404, "stranger": 404, "right_partner": 302, "other_partner": 403, "staff": 302}


@pytest.fixture
def visitor_client(request, client, partner, other_partner, staff, stranger):
    def sign_in_as(visitor):
        users = {"right_partner": partner, "other_partner": other_partner, "staff": staff, "stranger": stranger}
        if visitor in users:
            client.force_login(users[visitor])
        return client

    return sign_in_as


def download_url(document, language="bg"):
    from django.utils import translation

    with translation.override(language):
        return reverse("partners:download", kwargs={"document_id": document.pk})


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_checked_download_view(visitor, visitor_client, material):
    response = visitor_client(visitor).get(download_url(material))

    assert response.status_code == DOWNLOAD_STATUS[visitor]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test file\n"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert DownloadLog.objects.filter(document=material).count() == 1
    else:
        assert not DownloadLog.objects.exists()
    if visitor == "other_partner":
        assert translated("You have no access to this material") in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_wagtail_document_url(visitor, visitor_client, material):
    response = visitor_client(visitor).get(material.url)

    assert material.url == f"/documents/{material.pk}/{material.filename}"
    assert response.status_code == WAGTAIL_URL_STATUS[visitor]
    if response.status_code == 302:
        assert response["Location"] == download_url(material, language=settings.LANGUAGE_CODE)
    assert not DownloadLog.objects.exists(), "only the download view serves (and logs) the file"


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_guessed_ids_and_names(visitor, visitor_client, material):
    client = visitor_client(visitor)
    assert client.get(f"/documents/{material.pk}/guessed-name.pdf").status_code == 404
    assert client.get(f"/documents/{material.pk + 1000}/{material.filename}").status_code == 404
    missing = client.get(download_url(material).replace(str(material.pk), str(material.pk + 1000)))
    # Nothing there: "not found" for everyone, never "not shared with your organisation".
    assert missing.status_code == 404
    assert translated("You have no access to this material") not in missing.content.decode()


@pytest.mark.django_db
def test_a_missing_id_is_not_found_for_a_superuser_too(client, material):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    assert client.get(download_url(material).replace(str(material.pk), str(material.pk + 1000))).status_code == 404
    assert client.get(download_url(material)).status_code == 200, "a superuser sees every material"


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_public_document_through_the_download_view_goes_to_its_public_address(
    visitor, visitor_client, public_document
):
    response = visitor_client(visitor).get(download_url(public_document))

    assert response.status_code == 302
    assert response["Location"] == public_document.url
    assert visitor_client(visitor).get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_no_file_under_media_url_or_private_root_url(visitor, visitor_client, material, private_media):
    client = visitor_client(visitor)
    stored_name = material.file.name
    assert Path(material.file.path).is_relative_to(private_media)
    assert not (Path(settings.MEDIA_ROOT) / stored_name).exists()

    assert client.get(settings.MEDIA_URL + stored_name).status_code == 404
    assert client.get(f"/private-media/{stored_name}").status_code == 404
    for language in ("bg", "en"):
        assert client.get(f"/{language}/private-media/{stored_name}").status_code == 404


def test_media_serving_in_debug_cannot_reach_private_files(rf, material):
    """`make run` (DEBUG) serves MEDIA_ROOT with django.views.static.serve: the files are not there."""
    from django.http import Http404

    with pytest.raises(Http404):
        static_serve(rf.get("/"), material.file.name, document_root=settings.MEDIA_ROOT)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_public_documents_are_still_served_to_everyone(visitor, visitor_client, public_document):
    response = visitor_client(visitor).get(public_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test file\n"


@pytest.mark.django_db
def test_collection_privacy_alone_restricts_a_document(client, partner, staff, partner_materials_collection):
    """A document put in the private collection but shared with nobody yet is staff-only."""
    document = make_document("Draft methodology", collection=partner_materials_collection, kind="methodology")

    assert client.get(document.url).status_code == 404
    client.force_login(partner)
    assert client.get(download_url(document)).status_code == 403
    client.force_login(staff)
    assert client.get(download_url(document)).status_code == 200


@pytest.mark.django_db
def test_material_shared_with_all_partners(client, partner, other_partner, organisations):
    document = make_document("Training handbook", kind="training", shared_with_all_partners=True)

    client.force_login(other_partner)
    assert client.get(download_url(document)).status_code == 200
    client.logout()
    assert client.get(download_url(document)).status_code == 404
    assert client.get(document.url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_site_search_does_not_list_materials(visitor, visitor_client, material, site_tree):
    from home.search import search_pages

    assert list(search_pages(material.title)) == []
    client = visitor_client(visitor)
    for language in ("bg", "en"):
        # The search page repeats the query, so ask for words of the title, not the whole title.
        for query in ("ZQX", "Quarterly financial", material.filename):
            response = client.get(f"/{language}/search/", {"q": query})
            assert response.status_code == 200
            assert response.context["results"] == []
            body = response.content.decode()
            assert material.title not in body
            assert "/documents/" not in body
            assert download_url(material, language) not in body
        # The same search finds pages, so the empty answer above is not an empty index.
        found = client.get(f"/{language}/search/", {"q": "Тестов" if language == "bg" else "Test project"})
        assert [result["page"].pk for result in found.context["results"]] == [
            site_tree["project"].pk if language == "bg" else site_tree["english_project"].pk
        ]


def assert_material_not_listed(body, material):
    assert material.title not in body
    assert "/documents/" not in body
    assert material.filename not in body


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_press_feeds_do_not_list_materials(visitor, visitor_client, material, site_tree):
    client = visitor_client(visitor)
    for press in (site_tree["press"], site_tree["english_press"]):
        for feed in ("feed/", "atom/"):
            response = client.get(press.url + feed)
            assert response.status_code == 200, press.url + feed
            assert_material_not_listed(response.content.decode(), material)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_sitemap_does_not_list_materials(visitor, visitor_client, material, site_tree):
    response = visitor_client(visitor).get("/sitemap.xml")

    assert response.status_code == 200
    body = response.content.decode()
    assert site_tree["project"].full_url in body, "the sitemap lists pages"
    assert site_tree["english_project"].full_url in body
    assert_material_not_listed(body, material)


@pytest.mark.django_db
def test_partners_pass_collection_privacy_through_their_membership(client, partner, partner_materials_collection):
    """Every partner is in the "Партньори" group, which the "Материали за партньори" collection is
    restricted to; losing the membership closes the collection again."""
    from partners.models import PartnerMembership

    document = make_document(
        "Methodology in the private collection",
        collection=partner_materials_collection,
        organisations=[PartnerMembership.objects.get(user=partner).organisation],
    )
    assert partner.groups.filter(name="Партньори").exists()
    client.force_login(partner)
    assert client.get(download_url(document)).status_code == 200

    PartnerMembership.objects.filter(user=partner).delete()
    assert not partner.groups.filter(name="Партньори").exists()
    assert client.get(download_url(document)).status_code == 404


@pytest.mark.django_db
def test_sharing_does_not_override_a_stricter_collection(client, partner, staff, organisations):
    """A collection restricted to another group (e.g. the board) stays closed to partners even
    for a material shared with their organisation: listed nowhere for them, refused when asked."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    board_only = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(collection=board_only, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Board"))
    inner = board_only.add_child(name="2024")
    document = make_document("Board minutes", collection=inner, organisations=[organisations["right"]])
    open_one = make_document("Open report", organisations=[organisations["right"]])

    client.force_login(partner)
    assert client.get(download_url(document)).status_code == 403
    rows = client.get(reverse("partners:dashboard")).context["rows"]
    assert [row["document"] for row in rows] == [open_one]
    client.force_login(staff)
    assert client.get(download_url(document)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_no_rendition_or_admin_route_hands_out_a_material(visitor, visitor_client, material):
    """Documents have no renditions, and the site serves no image renditions on demand (no
    wagtailimages_serve URL): the only image files are public ones under MEDIA_URL. The admin's
    document pages and API are for staff only."""
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=["signature", material.pk, "original"])
    client = visitor_client(visitor)
    for path in (f"/images/x/{material.pk}/original/", f"/bg/images/x/{material.pk}/original/"):
        assert client.get(path, follow=True).status_code == 404, path
    for path in (
        f"/admin/documents/edit/{material.pk}/",
        f"/admin/api/main/documents/{material.pk}/",
        "/admin/api/main/documents/",
    ):
        response = client.get(path)
        if visitor == "staff":
            assert response.status_code in (200, 404), path
            assert b"%PDF" not in response.content, path
        else:
            assert response.status_code in (302, 404), path
            assert response.status_code == 404 or response["Location"].startswith(("/bg/accounts/login/", "/admin/")), (
                path
            )


# --- report files partners upload ----------------------------------------------------------------

REPORT_VISITORS = [*VISITORS, "report_staff", "superuser"]
# Members of the organisation that sent it, staff who may view reports, nobody else.
REPORT_FILE_STATUS = {
    "anonymous": 404,
    "stranger": 404,
    "right_partner": 200,
    "other_partner": 403,
    "staff": 403,
    "report_staff": 200,
    "superuser": 200,
}


@pytest.fixture
def report_file(partner, organisations):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partners import reports
    from tests.partners.test_reports import make_requirement

    requirement = make_requirement(organisations["right"])
    report = reports.save_draft(
        requirement, partner, "", new_files=[SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget\n")]
    )
    return report.files.get()


@pytest.fixture
def report_visitor_client(client, visitor_client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from tests.partners.conftest import make_user

    def sign_in_as(visitor):
        if visitor == "report_staff":
            user = make_user("reports@example.org")
            group = Group.objects.create(name="Reports")
            for codename in ("access_admin", "view_report"):
                group.permissions.add(Permission.objects.get(codename=codename))
            user.groups.add(group)
            client.force_login(user)
            return client
        if visitor == "superuser":
            client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
            return client
        return visitor_client(visitor)

    return sign_in_as


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", REPORT_VISITORS)
def test_report_file_by_every_route(visitor, report_visitor_client, report_file, private_media):
    from django.utils import translation

    client = report_visitor_client(visitor)
    with translation.override("bg"):
        checked = reverse("partners:report_file", kwargs={"file_id": report_file.pk})
        missing = reverse("partners:report_file", kwargs={"file_id": report_file.pk + 1000})
        report_page = reverse("partners:report", kwargs={"requirement_id": report_file.report.requirement_id})

    response = client.get(checked)
    assert response.status_code == REPORT_FILE_STATUS[visitor]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 budget\n"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
    assert client.get(missing).status_code == 404

    # Stored outside MEDIA_ROOT, under no URL of its own.
    stored_name = report_file.file.name
    assert Path(report_file.file.path).is_relative_to(private_media)
    for path in (settings.MEDIA_URL + stored_name, f"/private-media/{stored_name}", f"/bg/private-media/{stored_name}"):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/documents/{report_file.pk}/budget.pdf").status_code == 404

    # The report's page (with its file list) is for the organisation's members only.
    page = client.get(report_page)
    if visitor == "right_partner":
        assert page.status_code == 200
    else:
        assert page.status_code in (302, 403, 404), visitor
        assert b"budget.pdf" not in page.content

    # The admin's review screen: staff who may view reports.
    review = client.get(reverse("partner_reports:review", args=[report_file.report.requirement_id]))
    if visitor in ("report_staff", "superuser"):
        assert review.status_code == 200 and b"budget.pdf" in review.content
    else:
        assert review.status_code in (302, 403), visitor
        assert b"budget.pdf" not in review.content
