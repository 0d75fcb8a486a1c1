"""home.routing: Wagtail's page view with the path → page answer remembered per content
generation. Each test views a page once (so the route is remembered), changes something, and
checks the next view sees the change as Wagtail's own routing would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from core import page_cache
from home import routing
from tests import factories
from tests.conftest import translate

pytestmark = pytest.mark.django_db


def test_every_page_type_is_served_at_its_url_in_both_languages(client, site_tree):
    for language in ("bg", "en"):
        for key, page in getattr(site_tree, language).items():
            for _ in range(2):  # the walk, then the remembered route
                response = client.get(page.url)
                assert response.status_code == 200, (language, key)
                assert response.context["page"].pk == page.pk, (language, key)


def test_a_remembered_route_costs_one_query_for_the_page(site_tree, rf):
    page = site_tree.bg["project"]
    with translation.override("bg"):
        routing.route(rf.get(page.url), "proekti/integrirani-merki/")  # the walk, remembered
        with CaptureQueriesContext(connection) as captured:
            found, args, kwargs = routing.route(rf.get(page.url), "proekti/integrirani-merki/")
    assert found.pk == page.pk and type(found) is type(page.specific)
    assert len(captured) == 1


def test_an_unpublished_page_is_gone_on_the_next_view(client, site_tree):
    page = site_tree.bg["content"]
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_that_stops_being_live_without_any_signal_is_still_404(client, site_tree):
    page = site_tree.bg["content"]
    assert client.get(page.url).status_code == 200
    type(page).objects.filter(pk=page.pk).update(live=False)  # no signal, no new generation
    assert client.get(page.url).status_code == 404  # the fetched page itself is checked


def test_a_renamed_page_moves_to_its_new_url(client, site_tree):
    page = site_tree.bg["content"]
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.slug = "nov-adres"
    page.save_revision().publish()
    assert client.get("/bg/nov-adres/").status_code == 200
    assert client.get(old_url).status_code == 404


def test_a_routable_pages_sub_path_reaches_its_view(client, site_tree):
    feed_url = site_tree.bg["press"].url + "feed/"
    for _ in range(2):
        response = client.get(feed_url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")


def test_an_unknown_path_is_404_every_time(client, site_tree):
    for _ in range(2):
        assert client.get("/bg/nyama-takava-stranitsa/").status_code == 404


def test_a_restriction_added_after_a_view_applies_at_once(client, site_tree):
    page = site_tree.bg["content"]
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(page.url)
    assert response.status_code == 200
    assert b'type="password"' in response.content
    assert "Моделът за интегрирано развитие." not in response.content.decode()


def test_a_restriction_on_an_ancestor_covers_its_children(client, site_tree):
    project = site_tree.bg["project"]
    PageViewRestriction.objects.create(page=site_tree.bg["projects"], restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(project.url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_home_listing_shows_a_project_published_after_the_first_view(client, site_tree):
    home = site_tree.bg["home"]
    assert "Нов проект за Перник" not in client.get(home.url).content.decode()
    factories.ProjectPageFactory(parent=site_tree.bg["projects"], title="Нов проект за Перник", slug="nov-proekt")
    assert "Нов проект за Перник" in client.get(home.url).content.decode()


def test_organisation_settings_saved_after_a_view_show_on_the_next(client, site_tree):
    from home.models import OrganisationSettings

    home = site_tree.bg["home"]
    client.get(home.url)
    settings_row = OrganisationSettings.for_site(site_tree.site)
    settings_row.name_bg = "Фондация с ново име"
    settings_row.save()
    assert "Фондация с ново име" in client.get(home.url).content.decode()


def test_the_switcher_finds_a_translation_published_after_the_first_view(client, site_tree):
    page = site_tree.untranslated
    assert "/en/only-bulgarian/" not in client.get(page.url).content.decode()

    translate(page, title="Only in Bulgarian", slug="only-bulgarian")
    assert "/en/only-bulgarian/" in client.get(page.url).content.decode()


def test_remembered_values_are_built_once_per_generation():
    calls = []
    for _ in range(3):
        page_cache.for_generation("test", 1, lambda: calls.append(1) or len(calls))
    assert calls == [1]
    page_cache.purge_all()
    assert page_cache.for_generation("test", 1, lambda: calls.append(1) or len(calls)) == 2


def test_remembered_values_are_built_every_time_when_the_cache_is_down(monkeypatch):
    def broken():
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache, "local_generation", broken)
    calls = []
    for _ in range(2):
        page_cache.for_generation("test", 2, lambda: calls.append(1))
    assert calls == [1, 1]


def test_a_preview_of_the_home_page_shows_its_unsaved_listing_heading(client, site_tree):
    home = site_tree.bg["home"]
    factories.ContentPageFactory(parent=site_tree.bg["content"], title="Ранно детско развитие", slug="ranno")
    home.programmes_page = site_tree.bg["content"]
    home.programmes_heading = "Програми"
    home.save_revision().publish()
    assert "Ранно детско развитие" in client.get(home.url).content.decode()  # the listing, remembered

    home.refresh_from_db()
    home.programmes_heading = "Нашите програми днес"  # edited in the admin, not saved
    preview = home.make_preview_request()
    assert "Нашите програми днес" in preview.content.decode()
    assert "Нашите програми днес" not in client.get(home.url).content.decode()
