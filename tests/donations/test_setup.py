"""The general donation page for the seed content, and where editors may create one."""

import pytest

from donations.models import DonationPage

pytestmark = pytest.mark.django_db


def test_ensure_donation_page_creates_both_languages_once(client, home_pages):
    from wagtail_localize.models import Translation

    from donations.setup import ensure_donation_page

    lines = []
    pages = ensure_donation_page(lambda action, what: lines.append(f"{action}: {what}"))
    assert lines[0].startswith("created: page donations (") and lines[0].endswith("/darete/)")
    assert lines[1].startswith("created: English page donations (") and lines[1].endswith("/donate/)")
    bg, en = pages["bg"], pages["en"]
    assert bg.get_parent().pk == home_pages.home_bg.pk and en.get_parent().pk == home_pages.home_en.pk
    assert bg.live and en.live and bg.translation_key == en.translation_key
    assert (en.title, en.slug) == ("Support us", "donate")
    assert "Gifts support the foundation" in str(en.story[0].value)
    translation = Translation.objects.get(source__object_id=bg.translation_key, target_locale=en.locale)
    total, translated = translation.get_progress()
    assert total == translated > 0

    assert client.get("/bg/darete/").status_code == 200
    english = client.get("/en/donate/")
    assert english.status_code == 200 and "Support us" in english.content.decode()

    # Again: nothing new, an editor's change kept.
    bg.title = "Дарете"
    bg.save_revision().publish()
    lines.clear()
    again = ensure_donation_page(lambda action, what: lines.append(action))
    assert lines == ["already present", "already present"]
    assert again["bg"].pk == bg.pk and DonationPage.objects.count() == 2
    assert DonationPage.objects.get(pk=bg.pk).title == "Дарете"


def test_editors_can_create_a_donation_page_under_the_home_page(home_pages):
    from home.models import HomePage

    assert DonationPage.can_create_at(home_pages.home_bg)
    assert "donations.DonationPage" in [f"{m._meta.app_label}.{m.__name__}"
                                        for m in HomePage.creatable_subpage_models()]
    assert DonationPage.allowed_parent_page_models() == [HomePage]
