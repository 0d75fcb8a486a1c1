"""The shared cache, made safe to lose.

Everything the site keeps in Redis can be rebuilt: rendered pages, the purge counter, the
content memo's generation, rate-limit counters. So when Redis is down or hung, the site must go
on without it — slower, never broken. Two things stand in the way with a plain backend:

- every cache call raises, and a raise in a page view is a 500;
- when Redis is *frozen* (accepting connections, answering nothing) every call waits its socket
  timeout, several times per request, so the site crawls even though nothing raises.

``ResilientCache`` wraps a real backend (django-redis by default, which keeps one client per
connection pool instead of building one per call) and answers a failed call as a miss: ``get``
returns the default, ``set`` stores nothing, ``add`` stores nothing but says it did (so a lock
or a first-time guard fails open), ``incr`` returns None. After one failure
it leaves the cache alone for ``RETRY_AFTER`` seconds (a minimal circuit breaker), so during an
outage each process pays one short timeout every few seconds rather than on every call; the first
call after that tries again, and a success closes the breaker: recovery needs no restart.

Why not django-redis's own ``IGNORE_EXCEPTIONS``: it swallows errors but still waits the timeout
on every call, which is exactly the frozen-Redis case. Why not a general breaker library: the
whole policy is twenty lines and needs to wrap Django's cache API, which none of them do.

``available()`` tells callers that must distinguish "nothing stored" from "cannot ask" (the page
cache bypasses itself entirely while the cache is unavailable)."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_INNER_BACKEND = "django_redis.cache.RedisCache"


class ResilientCache(BaseCache):
    def __init__(self, location, params):
        options = dict(params.get("OPTIONS") or {})
        inner_path = options.pop("INNER_BACKEND", DEFAULT_INNER_BACKEND)
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(params)
        self.inner = import_string(inner_path)(location, {**params, "OPTIONS": options})
        self._closed_until = 0.0  # monotonic time before which the cache is not asked

    # -- the breaker ---------------------------------------------------------------------------
    def available(self):
        return time.monotonic() >= self._closed_until

    def _call(self, name, fallback, *args, reraise=(), **kwargs):
        if not self.available():
            return fallback
        try:
            result = getattr(self.inner, name)(*args, **kwargs)
        except reraise:
            raise
        except Exception:  # noqa: BLE001 - any failure of the cache is a miss, never an error page
            first = self._closed_until == 0.0 or time.monotonic() - self._closed_until > self.retry_after
            self._closed_until = time.monotonic() + self.retry_after
            log = logger.warning if first else logger.debug
            log("Cache unavailable (%s); going on without it for %.0f s", name, self.retry_after, exc_info=first)
            return fallback
        if self._closed_until:
            logger.info("Cache available again")
            self._closed_until = 0.0
        return result

    # -- Django's cache API --------------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True when the cache cannot be asked: callers use add() as a lock or a first-time
        # guard (allauth's rate-limit lock, a counter's first hit), and False would make them
        # wait and then refuse, which is failing closed. Nothing is stored either way.
        return self._call("add", True, key, value, timeout=timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", False, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        # A missing key is the caller's business (ValueError, as Django's contract says);
        # only a failing cache is swallowed.
        return self._call("incr", None, key, delta, version=version, reraise=(ValueError,))

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def clear(self):
        return self._call("clear", None)

    def close(self, **kwargs):
        try:
            self.inner.close(**kwargs)
        except Exception:  # noqa: BLE001 - closing a dead connection must not fail a request
            logger.debug("Could not close the cache connection", exc_info=True)


def is_available(cache):
    """False while ``cache`` is a ResilientCache that has just failed; True for any other."""
    available = getattr(cache, "available", None)
    return available() if callable(available) else True
