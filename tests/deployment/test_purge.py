"""An anonymous write changes nothing public, so it must not purge the page cache: after a
newsletter sign-up or a gift, other pages are still served from it, by every worker (each
worker re-reads the purge counter at least once a PAGE_CACHE_GENERATION_TTL, 1 s)."""

import time

from tests.deployment.journeys import donate, sign_up_for_newsletter
from tests.deployment.stage import unique_email

GENERATION_TTL = 1


def served_from_cache(stage, path, views=6):
    """X-Page-Cache of several views (the two workers take turns)."""
    client = stage.client()
    return [client.get(path).header("X-Page-Cache") for _ in range(views)]


def warm(stage, path):
    client = stage.client()
    client.get(path)
    assert served_from_cache(stage, path) == ["hit"] * 6


def test_a_newsletter_sign_up_does_not_purge_other_pages(stage):
    path = stage.facts["about"]
    warm(stage, path)
    address = unique_email("no-purge")

    sign_up_for_newsletter(stage.client(source="127.0.0.80"), address)
    stage.wait_for_message(address)
    time.sleep(GENERATION_TTL * 2)

    assert served_from_cache(stage, path) == ["hit"] * 6


def test_a_donation_does_not_purge_other_pages(stage):
    path = stage.facts["project"]
    warm(stage, path)
    address = unique_email("no-purge-gift")

    donate(stage.client(source="127.0.0.81"), stage, address)
    stage.wait_for_message(address, timeout=90)
    time.sleep(GENERATION_TTL * 2)

    assert served_from_cache(stage, path) == ["hit"] * 6
