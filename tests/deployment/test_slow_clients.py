"""Sixty clients that send their requests a byte at a time (headers or bodies) do not keep a
normal visitor from being served: nginx holds them, and the two sync gunicorn workers only ever
see complete requests."""

from tests.deployment.journeys import newsletter_path
from tests.deployment.slow_clients import SlowClients


def test_slow_clients_do_not_block_a_normal_visitor(stage, visitor):
    with SlowClients(stage.port, stage.site_host, stage.facts["about"], newsletter_path(), count=60) as slow:
        connected_at_start = slow.open
        statuses = [visitor.get(f"{stage.facts['about']}?stage=visitor-{number}").status for number in range(10)]
        alive_at_end = sum(thread.is_alive() for thread in slow.threads)

    assert connected_at_start >= 55
    assert statuses == [200] * 10
    assert alive_at_end == 60
