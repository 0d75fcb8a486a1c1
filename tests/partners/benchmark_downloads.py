"""The partner area's figures: queries (and time) per dashboard view with 10 and with 500
materials, and download throughput of a partner material through the permission-checked view
compared with a static file of the same size, both served by the same gunicorn process
(WhiteNoise for the static file, as in production).

    .venv/bin/python -m tests.partners.benchmark_downloads [--megabytes 10] [--rounds 20]

Everything happens in a temporary directory (database, private files, static root); nothing in
the working copy is touched. Not a test (pytest does not collect it): a figure to report."""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SETUP = textwrap.dedent(
    """
    import json, os, django
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.base import ContentFile
    from partners.models import PartnerDocument, PartnerMembership, PartnerOrganisation

    size = int(os.environ["BENCH_BYTES"])
    payload = os.urandom(size)
    organisation = PartnerOrganisation.objects.create(name="Benchmark", organisation_type="funder")
    user = get_user_model().objects.create_user("bench", "bench@example.org", "unused-password-123")
    PartnerMembership.objects.create(user=user, organisation=organisation)
    document = PartnerDocument(title="Benchmark material", kind="report")
    document.file.save("benchmark.bin", ContentFile(payload), save=False)
    document.save()
    document.organisations.add(organisation)
    static_root = os.environ["BENCH_STATIC_ROOT"]
    with open(os.path.join(static_root, "benchmark.bin"), "wb") as handle:
        handle.write(payload)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(json.dumps({"session": session.session_key, "document_id": document.pk}))
    """
)


DASHBOARD = textwrap.dedent(
    """
    import json, statistics, time, django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from partners.models import PartnerDocument, PartnerOrganisation

    organisation = PartnerOrganisation.objects.get(name="Benchmark")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench"))
    kinds = ["report", "methodology", "presentation", "financial_statement", "training"]
    figures = {}
    client.get("/bg/partners/")  # warms what is cached per process, not per request
    for total in (10, 500):
        while PartnerDocument.objects.count() < total:
            number = PartnerDocument.objects.count()
            document = PartnerDocument(title=f"Material {number}", kind=kinds[number % len(kinds)])
            document.file.save(f"material-{number}.pdf", ContentFile(b"%PDF-1.4"), save=False)
            document.save()
            document.organisations.add(organisation)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/bg/partners/")
        assert response.status_code == 200, response.status_code
        # Now: the next request empties the connection's query log that `queries` reads from.
        query_count = len(queries)
        timings = []
        for _round in range(10):
            started = time.perf_counter()
            client.get("/bg/partners/")
            timings.append(time.perf_counter() - started)
        figures[total] = {"queries": query_count, "median_ms": statistics.median(timings) * 1000}
    print(json.dumps(figures))
    """
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed_get(url, cookie=None, expected_bytes=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        received = 0
        while chunk := response.read(1024 * 1024):
            received += len(chunk)
    elapsed = time.perf_counter() - started
    if expected_bytes is not None and received != expected_bytes:
        raise SystemExit(f"{url}: got {received} bytes, expected {expected_bytes}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    arguments = parser.parse_args()
    size = arguments.megabytes * 1024 * 1024

    with tempfile.TemporaryDirectory(prefix="mir-download-bench-") as workdir:
        workdir = Path(workdir)
        static_root = workdir / "static"
        static_root.mkdir()
        (workdir / "bench_settings.py").write_text(
            f"from config.settings import *  # noqa: F403\nSTATIC_ROOT = {str(static_root)!r}\n"
        )
        environment = dict(os.environ)
        environment.pop("DEBUG", None)
        environment.update(
            DJANGO_SETTINGS_MODULE="bench_settings",
            PYTHONPATH=f"{workdir}{os.pathsep}{PROJECT_ROOT}",
            SECRET_KEY="benchmark-only-secret-key",
            TESTING="1",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_COOKIES="0",
            DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
            MEDIA_ROOT=str(workdir / "media"),
            PRIVATE_MEDIA_ROOT=str(workdir / "private-media"),
            BENCH_BYTES=str(size),
            BENCH_STATIC_ROOT=str(static_root),
            LOG_LEVEL="WARNING",
        )
        run = {"cwd": PROJECT_ROOT, "env": environment, "check": True, "capture_output": True, "text": True}
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], **run)
        prepared = json.loads(subprocess.run([sys.executable, "-c", SETUP], **run).stdout)
        dashboard = json.loads(subprocess.run([sys.executable, "-c", DASHBOARD], **run).stdout)

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start")
                time.sleep(0.2)
            base = f"http://127.0.0.1:{port}"
            checked_url = f"{base}/bg/partners/materials/{prepared['document_id']}/download/"
            static_url = f"{base}/static/benchmark.bin"
            cookie = f"sessionid={prepared['session']}"
            timed_get(checked_url, cookie, size)  # warm up both
            timed_get(static_url, None, size)
            results = {"checked view": [], "static file": []}
            for _round in range(arguments.rounds):
                results["checked view"].append(timed_get(checked_url, cookie, size))
                results["static file"].append(timed_get(static_url, None, size))
        finally:
            server.terminate()
            server.wait(timeout=10)

    print("Partner dashboard, one view (25 materials a page), SQLite, in-process:")
    for total, figure in dashboard.items():
        print(f"  {int(total):4} materials: {figure['queries']} queries, median {figure['median_ms']:.1f} ms")
    print(f"{arguments.megabytes} MB file, {arguments.rounds} sequential downloads each, one gunicorn worker:")
    for name, timings in results.items():
        median = statistics.median(timings)
        print(f"  {name:13} median {median * 1000:7.1f} ms  = {arguments.megabytes / median:7.1f} MB/s")
    ratio = statistics.median(results["checked view"]) / statistics.median(results["static file"])
    print(f"  the checked view takes {ratio:.2f}x the time of the static file")


if __name__ == "__main__":
    main()
