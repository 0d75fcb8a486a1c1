"""The cache may fail; the site may not (core/cache.py). Against a real Redis of the test's own,
killed, frozen and brought back; the clock of the breaker is moved by hand, never waited for."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

from core import cache as resilient

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server on its own port, never the machine's shared one."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30  # a hang guard, not a speed requirement
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
                return
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.kill()


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(resilient.time, "monotonic", lambda: self.now)

    def advance(self, seconds):
        self.now += seconds


def make_cache(url, retry_after=5):
    return resilient.ResilientCache(
        url,
        {"OPTIONS": {"RETRY_AFTER": retry_after, "SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3}},
    )


def count_inner_calls(cache, monkeypatch):
    calls = []
    for name in ("get", "set", "add", "incr", "get_many", "delete"):
        original = getattr(cache.inner, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cache.inner, name, counted)
    return calls


def test_a_working_cache_answers_as_the_inner_one(own_redis):
    cache = make_cache(own_redis.url)
    assert cache.add("k", 1) is True
    assert cache.incr("k") == 2
    assert cache.get("k") == 2
    with pytest.raises(ValueError):  # Django's contract for a missing key is kept
        cache.incr("missing")


def test_a_killed_redis_is_a_miss_not_an_error(own_redis):
    cache = make_cache(own_redis.url)
    cache.set("k", "v")
    own_redis.kill()
    assert cache.get("k", "default") == "default"
    assert cache.add("k2", 1) is True  # a lock or first-time guard fails open
    assert cache.get("k2") is None  # ... though nothing was stored
    assert cache.incr("k") is None
    assert cache.get_many(["k"]) == {}
    assert resilient.is_available(cache) is False


def test_after_a_failure_the_cache_is_left_alone_until_retry_after(own_redis, monkeypatch):
    clock = Clock(monkeypatch)
    cache = make_cache(own_redis.url, retry_after=5)
    own_redis.kill()
    calls = count_inner_calls(cache, monkeypatch)
    cache.get("k")
    assert calls == ["get"]
    for _ in range(50):
        cache.get("k")
        cache.set("k", 1)
    assert calls == ["get"]  # no further timeout paid
    clock.advance(5)
    cache.get("k")
    assert calls == ["get", "get"]  # one try after RETRY_AFTER


def test_the_cache_recovers_by_itself_when_redis_returns(own_redis, monkeypatch):
    clock = Clock(monkeypatch)
    cache = make_cache(own_redis.url, retry_after=5)
    port = own_redis.port
    own_redis.kill()
    assert cache.set("k", "v") is False
    own_redis.start()  # the same port again
    assert own_redis.port == port
    clock.advance(5)
    cache.set("k", "v")
    assert cache.get("k") == "v"
    assert resilient.is_available(cache) is True


def test_a_frozen_redis_costs_one_timeout_then_nothing(own_redis, monkeypatch):
    clock = Clock(monkeypatch)
    cache = make_cache(own_redis.url, retry_after=5)
    cache.set("k", "v")
    own_redis.freeze()
    calls = count_inner_calls(cache, monkeypatch)
    assert cache.get("k", "default") == "default"  # waited its socket timeout, once
    for _ in range(50):
        assert cache.get("k", "default") == "default"
    assert calls == ["get"]
    own_redis.thaw()
    clock.advance(5)
    assert cache.get("k") == "v"


def test_is_available_is_true_for_other_backends():
    from django.core.cache import caches

    assert resilient.is_available(caches["default"]) is True
