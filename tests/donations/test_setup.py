"""Where editors may create a donation page (the seed creates the general one: tests/test_seed.py)."""

import pytest

from donations.models import DonationPage

pytestmark = pytest.mark.django_db


def test_editors_can_create_a_donation_page_under_the_home_page(home_pages):
    from home.models import HomePage

    assert DonationPage.can_create_at(home_pages.home_bg)
    assert "donations.DonationPage" in [f"{m._meta.app_label}.{m.__name__}"
                                        for m in HomePage.creatable_subpage_models()]
    assert DonationPage.allowed_parent_page_models() == [HomePage]
