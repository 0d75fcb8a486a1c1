"""The partner dashboard: the organisation's materials (newest first, new since the last visit,
filters, search), its projects' public sheets, the contact person and account links; and a
query count that does not grow with the number of materials."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import PartnerDocument, PartnerMembership
from tests.partners.conftest import make_document, translated


def dashboard_url(language="bg"):
    with translation.override(language):
        return reverse("partners:dashboard")


@pytest.mark.django_db
def test_dashboard_requires_sign_in(client):
    response = client.get(dashboard_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/bg/accounts/login/?next=/bg/partners/")


@pytest.mark.django_db
def test_signed_in_non_partner_is_told_there_is_nothing_for_them(client, stranger):
    client.force_login(stranger)

    response = client.get(dashboard_url())

    assert response.status_code == 403
    assert (
        translated("Your account is not linked to a partner organisation, so there are no partner materials to show.")
        in response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_dashboard_shows_only_this_organisations_materials_newest_first(
    client, partner, organisations, site_tree, language
):
    older = make_document("Older methodology", kind="methodology", organisations=[organisations["right"]])
    PartnerDocument.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    for_all = make_document("Handbook for all partners", kind="training", shared_with_all_partners=True)
    newest = make_document(
        "Newest report", kind="report", project=site_tree["project"], organisations=[organisations["right"]]
    )
    make_document("Other organisation's statement", kind="financial_statement", organisations=[organisations["other"]])
    make_document("Public leaflet")
    client.force_login(partner)

    response = client.get(dashboard_url(language))

    assert response.status_code == 200
    titles = [row["document"].title for row in response.context["rows"]]
    assert titles == [newest.title, for_all.title, older.title]
    body = response.content.decode()
    assert "Example Funder" in body
    assert reverse("partners:download", kwargs={"document_id": newest.pk}) in body
    assert "Other organisation" not in body and "Public leaflet" not in body
    # The organisation's project links to its public sheet in the visitor's language.
    sheet = site_tree["english_project"] if language == "en" else site_tree["project"]
    assert f'href="{sheet.url}"' in body
    assert "contact@example.org" in body
    with translation.override(language):
        assert reverse("account_change_password") in body
        assert reverse("mfa_index") in body


@pytest.mark.django_db
def test_new_since_the_last_visit(client, partner, organisations):
    seen = make_document("Seen before", kind="report", organisations=[organisations["right"]])
    PartnerDocument.objects.filter(pk=seen.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    membership = PartnerMembership.objects.get(user=partner)
    membership.current_sign_in = timezone.now() - datetime.timedelta(days=5)
    membership.save()
    fresh = make_document("Added since", kind="report", organisations=[organisations["right"]])
    client.post(reverse("account_login"), {"login": partner.email, "password": "correct horse battery staple 42"})

    response = client.get(dashboard_url())

    flags = {row["document"].pk: row["is_new"] for row in response.context["rows"]}
    assert flags == {fresh.pk: True, seen.pk: False}
    assert response.context["new_count"] == 1
    # Moving around the dashboard does not clear the marks; the next sign-in does.
    assert client.get(dashboard_url()).context["new_count"] == 1


@pytest.mark.django_db
def test_filters_by_kind_and_project_and_search(client, partner, organisations, site_tree):
    report = make_document(
        "Annual report 2023", kind="report", project=site_tree["project"], organisations=[organisations["right"]]
    )
    make_document(
        "Annual presentation",
        kind="presentation",
        project=site_tree["other_project"],
        organisations=[organisations["right"]],
    )
    make_document("Training agenda", kind="training", organisations=[organisations["right"]])
    client.force_login(partner)

    def titles(**query):
        return {row["document"].title for row in client.get(dashboard_url(), query).context["rows"]}

    assert titles(kind="report") == {report.title}
    assert titles(project=site_tree["other_project"].pk) == {"Annual presentation"}
    assert titles(q="annual") == {"Annual report 2023", "Annual presentation"}
    assert titles(q="annual", kind="presentation") == {"Annual presentation"}
    assert titles(kind="not-a-kind") == {"Annual report 2023", "Annual presentation", "Training agenda"}
    form = client.get(dashboard_url()).context["form"]
    assert {value for value, _label in form.fields["project"].choices if value} == {
        site_tree["project"].pk,
        site_tree["other_project"].pk,
    }


def count_dashboard_queries(client, organisation, how_many):
    PartnerDocument.objects.all().delete()
    for number in range(how_many):
        make_document(f"Material {number}", kind="report", organisations=[organisation], content=b"x")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dashboard_url())
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_materials(client, partner, organisations, site_tree, record_property):
    client.force_login(partner)
    client.get(dashboard_url())  # warm caches that are not per request (content types, site root paths)

    with_10 = count_dashboard_queries(client, organisations["right"], 10)
    with_500 = count_dashboard_queries(client, organisations["right"], 500)

    record_property("dashboard_queries_10_documents", with_10)
    record_property("dashboard_queries_500_documents", with_500)
    print(f"\ndashboard queries: {with_10} with 10 documents, {with_500} with 500 documents")
    assert with_10 == with_500


@pytest.mark.django_db
def test_query_count_does_not_grow_with_projects(client, partner, organisations, site_tree):
    from projects.models import ProjectPage

    organisation = organisations["right"]
    client.force_login(partner)
    make_document("Material on one project", kind="report", project=site_tree["project"], organisations=[organisation])
    client.get(dashboard_url())
    with CaptureQueriesContext(connection) as one_project:
        client.get(dashboard_url())

    index = site_tree["project"].get_parent()
    for number in range(4):
        project = index.add_child(
            instance=ProjectPage(
                title=f"Extra project {number}",
                slug=f"extra-{number}",
                locale=site_tree["project"].locale,
                summary="Резюме",
                lead_organisation="Водеща",
            )
        )
        organisation.projects.add(project)
        make_document(
            f"Material on extra project {number}", kind="report", project=project, organisations=[organisation]
        )
    # Warm again: new content starts a new generation of the cached navigation (home/navigation.py).
    client.get(dashboard_url())
    with CaptureQueriesContext(connection) as five_projects:
        response = client.get(dashboard_url())

    assert len(response.context["projects"]) == 5
    assert len(five_projects) == len(one_project), "\n".join(q["sql"][:300] for q in five_projects.captured_queries)
