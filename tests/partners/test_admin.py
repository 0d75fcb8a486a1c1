"""What staff see in the admin: the download log (filters, CSV export), download counts per
material, sign-in records, and the document form's sharing fields. Partners never get in."""

import csv
import io

import pytest
from django.urls import reverse

from partners.models import AccountEvent, DownloadLog
from tests.partners.conftest import make_document, translated


def download(client, document):
    response = client.get(reverse("partners:download", kwargs={"document_id": document.pk}))
    assert response.status_code == 200
    b"".join(response.streaming_content)


@pytest.mark.django_db
def test_download_log_lists_who_what_and_when_with_filters_and_csv(
    client, partner, other_partner, staff, organisations
):
    first = make_document("Methodology handbook", kind="methodology", shared_with_all_partners=True)
    second = make_document("Board presentation", kind="presentation", organisations=[organisations["right"]])
    client.force_login(partner)
    download(client, first)
    download(client, second)
    client.force_login(other_partner)
    download(client, first)

    row = DownloadLog.objects.get(user=other_partner)
    assert (row.organisation, row.document, row.user_email) == (organisations["other"], first, other_partner.email)

    client.force_login(staff)
    listing = client.get(reverse("partner_downloads:index"))
    assert listing.status_code == 200
    assert "Board presentation" in listing.content.decode()

    filtered = client.get(reverse("partner_downloads:index"), {"organisation": organisations["other"].pk})
    assert list(filtered.context["object_list"]) == [row]

    export = client.get(reverse("partner_downloads:index"), {"export": "csv"})
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith('attachment; filename="partner-downloads')
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 4  # heading and three downloads
    assert {(line[1], line[3]) for line in rows[1:]} == {
        (partner.email, "Methodology handbook"),
        (partner.email, "Board presentation"),
        (other_partner.email, "Methodology handbook"),
    }


@pytest.mark.django_db
def test_each_material_shows_its_download_count(client, partner, staff, organisations):
    popular = make_document("Popular report", kind="report", shared_with_all_partners=True)
    make_document("Unread statement", kind="financial_statement", organisations=[organisations["right"]])
    make_document("Public leaflet")
    client.force_login(partner)
    download(client, popular)
    download(client, popular)

    client.force_login(staff)
    report = client.get(reverse("partner_material_downloads:index"))

    assert report.status_code == 200
    counts = {document.title: document.download_count for document in report.context["object_list"]}
    assert counts == {"Popular report": 2, "Unread statement": 0}
    export = client.get(reverse("partner_material_downloads:index"), {"export": "csv"})
    assert f"Popular report,{translated('Report')},,2" in b"".join(export.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_staff_read_sign_in_records_but_cannot_edit_them(client, staff, partner):
    client.post(reverse("account_login"), {"login": partner.email, "password": "wrong"})
    event = AccountEvent.objects.get(kind="sign_in_failed")
    client.force_login(staff)

    listing = client.get(reverse("sign_in_records:index"), {"kind": "sign_in_failed"})

    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == [event]
    assert client.get(reverse("sign_in_records:add")).status_code == 302  # refused, back to the dashboard
    assert client.post(reverse("sign_in_records:delete", args=[event.pk])).status_code == 302
    assert AccountEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_partners_cannot_open_the_admin(client, partner):
    client.force_login(partner)

    response = client.get("/admin/", follow=True)

    # Wagtail sends them to the sign-in page, which sends a signed-in partner to their
    # dashboard rather than back to the admin (no redirect loop).
    assert [url for url, _status in response.redirect_chain] == ["/bg/accounts/login/?next=/admin/", "/bg/partners/"]
    assert response.status_code == 200


@pytest.mark.django_db
def test_document_form_has_the_sharing_fields(client, staff):
    client.force_login(staff)

    response = client.get(reverse("wagtaildocs:add_multiple"))
    document = make_document("Some file")
    edit = client.get(reverse("wagtaildocs:edit", args=[document.pk]))

    assert response.status_code == 200
    body = edit.content.decode()
    for field in ("kind", "project", "shared_with_all_partners", "organisations"):
        assert f'name="{field}"' in body


@pytest.mark.django_db
def test_every_partners_admin_page_opens_for_a_superuser(client, material, site_tree):
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from partners.models import Invitation

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "unused-password-42")
    invitation = Invitation.objects.create(email="waiting@example.org", organisation=material.organisations.get())
    client.force_login(admin)
    pages = [
        reverse("partner_organisations:index"),
        reverse("partner_organisations:add"),
        reverse("partner_organisations:edit", args=[material.organisations.get().pk]),
        reverse("partner_members:index"),
        reverse("partner_invitations:index"),
        reverse("partner_invitations:add"),
        reverse("partner_invitations:inspect", args=[invitation.pk]),
        reverse("partner_downloads:index"),
        reverse("partner_material_downloads:index"),
        reverse("sign_in_records:index"),
        reverse(
            "wagtailsettings:edit",
            args=["partners", "accountsecuritysettings", Site.objects.get(is_default_site=True).pk],
        ),
        reverse("wagtaildocs:edit", args=[material.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in ("partner_organisations", "partner_members", "partner_invitations", "partner_downloads"):
        assert f'"url": "{reverse(f"{name}:index")}"' in menu, f"{name} is not in the admin menu"
    assert f'"url": "{reverse("partner_material_downloads:index")}"' in menu
    assert f'"url": "{reverse("sign_in_records:index")}"' in menu
