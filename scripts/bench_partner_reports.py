"""The figures of issue 14: a script to run by hand, not a test.

    .venv/bin/python scripts/bench_partner_reports.py [--megabytes 20] [--rounds 5]

1. Queries per partner dashboard view with 10 and with 500 materials (a fifth asking for an
   acknowledgement, some confirmed) and 200 reporting requirements in every state: the count
   must be the same for both (no query per material or per requirement).
2. Upload throughput of a ``--megabytes`` PDF through the checked report view (content check,
   size check, private storage, the report's records), and its download back through the
   checked report-file view.

Everything happens in a temporary directory (SQLite database, private files); nothing in the
working copy is touched. Django's test client, in this process."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mir-reports-bench-"))
    os.environ.pop("DEBUG", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="benchmark-only-secret-key",
        TESTING="1",
        ALLOWED_HOSTS="testserver",
        SITE_URL="http://testserver",
        SECURE_COOKIES="0",
        EMAIL_URL="locmem://",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private-media"),
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(PROJECT_ROOT))
    import datetime

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from partners import notices
    from partners.models import (
        PartnerDocument,
        PartnerMembership,
        PartnerOrganisation,
        Report,
        ReportingRequirement,
        ReportStatus,
    )

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, (arguments.megabytes + 1) << 20)
    call_command("migrate", verbosity=0, interactive=False)
    organisation = PartnerOrganisation.objects.create(name="Benchmark", organisation_type="funder")
    user = get_user_model().objects.create_user("bench", "bench@example.org", "unused-password-123")
    PartnerMembership.objects.create(user=user, organisation=organisation)
    today = timezone.localdate()
    statuses = [None, ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.CHANGES_REQUESTED, ReportStatus.ACCEPTED]
    for number in range(200):
        requirement = ReportingRequirement.objects.create(
            organisation=organisation,
            kind="narrative",
            title_bg=f"Отчет {number}",
            title_en=f"Report {number}",
            due_date=today + datetime.timedelta(days=number - 100),
        )
        if statuses[number % 5]:
            Report.objects.create(requirement=requirement, status=statuses[number % 5])

    client = Client()
    client.force_login(user)
    client.get("/bg/partners/")  # warms what is cached per process, not per request
    figures = {}
    for total in (10, 500):
        while PartnerDocument.objects.count() < total:
            number = PartnerDocument.objects.count()
            document = PartnerDocument(title=f"Material {number}", requires_acknowledgement=number % 5 == 0)
            document.file.save(f"material-{number}.pdf", ContentFile(f"%PDF-1.4 {number}".encode()), save=False)
            document.save()
            document.organisations.add(organisation)
            if number % 10 == 0:
                notices.acknowledge(document, user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/bg/partners/")
        assert response.status_code == 200, response.status_code
        query_count = len(queries)
        timings = []
        for _round in range(5):
            started = time.perf_counter()
            client.get("/bg/partners/")
            timings.append(time.perf_counter() - started)
        figures[total] = (query_count, statistics.median(timings) * 1000)

    print("Partner dashboard (25 materials a page, 200 requirements listed), SQLite, in-process:")
    for total, (query_count, median) in figures.items():
        print(f"  {total:4} materials: {query_count} queries, median {median:.1f} ms")
    print("  constant:", "yes" if figures[10][0] == figures[500][0] else "NO")

    size = arguments.megabytes << 20
    payload = b"%PDF-1.7\n" + os.urandom(size - 9)
    requirement = ReportingRequirement.objects.create(
        organisation=organisation, kind="financial", title_bg="Качване", title_en="Upload", due_date=today
    )
    upload_times, download_times = [], []
    for number in range(arguments.rounds):
        started = time.perf_counter()
        response = client.post(
            f"/bg/partners/reports/{requirement.pk}/",
            {"files": [SimpleUploadedFile(f"big-{number}.pdf", payload, content_type="application/pdf")]},
        )
        upload_times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
        report_file = requirement.report.files.latest("pk")
        started = time.perf_counter()
        response = client.get(f"/bg/partners/reports/files/{report_file.pk}/download/")
        received = sum(len(chunk) for chunk in response.streaming_content)
        download_times.append(time.perf_counter() - started)
        assert received == size, received
    print(f"{arguments.megabytes} MB PDF, {arguments.rounds} rounds (test client: the upload is already in memory):")
    for name, timings in (("upload (checked)", upload_times), ("download (checked)", download_times)):
        median = statistics.median(timings)
        print(f"  {name:19} median {median * 1000:7.1f} ms = {arguments.megabytes / median:7.1f} MB/s")


if __name__ == "__main__":
    main()
