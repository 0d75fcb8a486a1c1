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
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="mir-test-media-"))
os.environ.pop("REDIS_URL", None) if os.environ.get("TEST_WITH_REDIS") != "1" else None
