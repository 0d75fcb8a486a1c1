"""Environment for the test run, set before Django reads its settings.

The suite must pass with no services at all (SQLite, local-memory cache); CI runs it a second
time with DATABASE_URL pointing at PostgreSQL."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client's host: absolute links in pages and emails are http://testserver/…, the address
# the tests can follow (tests/production/test_site_url.py checks a real domain).
os.environ.setdefault("SITE_URL", "http://testserver")
# Uploaded files go to throw-away folders. Under pytest-xdist each worker gets its own (workers
# inherit the controller's environment, so the controller's folders would be shared).
_worker = os.environ.get("PYTEST_XDIST_WORKER")
for _name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
    _prefix = f"mir-test-{_name.lower().replace('_', '-')}-{_worker or 'main'}-"
    if _name not in os.environ or (_worker and "mir-test-" in os.environ[_name]):
        os.environ[_name] = tempfile.mkdtemp(prefix=_prefix)
os.environ.pop("REDIS_URL", None) if os.environ.get("TEST_WITH_REDIS") != "1" else None
