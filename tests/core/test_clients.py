"""Who the client is behind proxies, and the per-client limits (core/clients.py)."""

import pytest
from django.test import RequestFactory

from core import clients

pytestmark = pytest.mark.django_db


def request_from(remote="10.0.0.9", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert clients.client_ip(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert clients.client_ip(request_from("127.0.0.1", forwarded="203.0.113.7")) == "203.0.113.7"


def test_a_forged_header_from_the_client_is_ignored_beyond_the_trusted_hops(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 198.51.100.1"; nginx appended the address it saw.
    request = request_from("127.0.0.1", forwarded="198.51.100.1, 203.0.113.7")
    assert clients.client_ip(request) == "203.0.113.7"


def test_behind_two_proxies_the_outer_one_is_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.2", forwarded="198.51.100.1, 203.0.113.7, 10.0.0.1")
    assert clients.client_ip(request) == "203.0.113.7"


def test_fewer_hops_than_configured_fall_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert clients.client_ip(request_from("192.0.2.5", forwarded="203.0.113.7")) == "192.0.2.5"
    assert clients.client_ip(request_from("192.0.2.5")) == "192.0.2.5"


@pytest.mark.parametrize("forwarded", ["not-an-address", "", " , ", "999.1.1.1"])
def test_a_malformed_forwarded_address_falls_back_to_the_socket(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert clients.client_ip(request_from("192.0.2.5", forwarded=forwarded)) == "192.0.2.5"


def test_ipv6_and_ports_are_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert clients.client_ip(request_from("::1", forwarded="[2001:db8::1]:4711")) == "2001:db8::1"
    assert clients.client_ip(request_from("::1", forwarded="203.0.113.7:4711")) == "203.0.113.7"


def test_each_client_has_its_own_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    limit = clients.Limit(scope="test", attempts=2, window=60)
    first = request_from("127.0.0.1", forwarded="203.0.113.2")
    second = request_from("127.0.0.1", forwarded="203.0.113.3")
    assert [clients.over_limit(first, limit) for _ in range(3)] == [False, False, True]
    assert clients.over_limit(second, limit) is False


def test_a_forged_header_buys_no_fresh_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    limit = clients.Limit(scope="test", attempts=1, window=60)
    assert clients.over_limit(request_from("127.0.0.1", forwarded="1.1.1.1, 203.0.113.2"), limit) is False
    assert clients.over_limit(request_from("127.0.0.1", forwarded="2.2.2.2, 203.0.113.2"), limit) is True


def test_the_email_address_has_its_own_limit_across_clients(settings):
    limit = clients.Limit(scope="test", attempts=100, window=60, per_email=1)
    assert clients.over_limit(request_from("192.0.2.1"), limit, email="Donor@example.org") is False
    assert clients.over_limit(request_from("192.0.2.2"), limit, email="donor@example.org") is True


def test_limits_fail_open_when_the_cache_cannot_count(settings, monkeypatch):
    class DeadCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(clients, "cache", DeadCache())
    limit = clients.Limit(scope="test", attempts=0, window=60)
    assert clients.over_limit(request_from(), limit) is False


def test_sign_in_records_and_limits_use_the_same_client_address(client, settings):
    """allauth asks the account adapter; the sign-in record stores what it answered."""
    from partners.adapter import AccountAdapter
    from partners.models import AccountEvent

    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("127.0.0.1", forwarded="198.51.100.1, 203.0.113.9")
    assert AccountAdapter(request).get_client_ip(request) == "203.0.113.9"
    client.post(
        "/en/accounts/login/", {"login": "nobody@example.org", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
    )
    assert AccountEvent.objects.latest("created").ip_address == "203.0.113.9"
