"""New pages get Latin slugs from their Bulgarian titles by the official transliteration, on save
as well as in the editor: a slug left empty comes from the title, a Cyrillic slug is
transliterated, a taken one gets "-2"; the editor's slug field carries the same mapping."""

import json

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ContentPage
from tests import factories
from tests.home.helpers import parse

pytestmark = pytest.mark.django_db


def add_page(parent, **fields):
    page = ContentPage(**fields)
    parent.add_child(instance=page)
    return ContentPage.objects.get(pk=page.pk)


def test_a_page_without_a_slug_gets_its_title_transliterated(home_pages):
    page = add_page(home_pages.home_bg, title="Щастливо детство в общността", slug="")
    assert page.slug == "shtastlivo-detstvo-v-obshtnostta"
    assert page.url_path.endswith("/shtastlivo-detstvo-v-obshtnostta/")


def test_a_cyrillic_slug_is_transliterated(home_pages):
    assert add_page(home_pages.home_bg, title="Нещо", slug="юноши-и-деца").slug == "yunoshi-i-detsa"


def test_a_taken_slug_gets_a_number(home_pages):
    add_page(home_pages.home_bg, title="Център", slug="")
    assert add_page(home_pages.home_bg, title="Център", slug="").slug == "tsentar-2"


def test_a_latin_slug_an_editor_chose_is_kept(home_pages):
    assert add_page(home_pages.home_bg, title="Моделът", slug="mir").slug == "mir"


def test_a_cyrillic_slug_typed_in_the_admin_without_javascript_is_transliterated(admin_client, home_pages):
    # Without the script the slug field is required and nothing fills it: the editor types it.
    data = nested_form_data({
        "title": "Работа с общността", "slug": "работа-с-общността", "introduction": "", "body": streamfield([]),
        "action-publish": "publish",
    })
    response = admin_client.post(f"/admin/pages/add/home/contentpage/{home_pages.home_bg.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = Page.objects.get(title="Работа с общността")
    assert page.slug == "rabota-s-obshtnostta"


def test_the_editors_slug_field_carries_the_transliteration(admin_client, home_pages):
    page = factories.ContentPageFactory(parent=home_pages.home_bg)
    form = parse(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
    slug = form.select_one("input[name=slug]")
    assert slug["data-controller"] == "w-slug"
    formatters = json.loads(slug["data-w-slug-formatters-value"])
    assert [["щ", "giu"], "sht"] in formatters and formatters[0][1] == "ia"
