"""The backup and restore commands of the README, run on a copy: a PostgreSQL database holding a
small site is dumped with pg_dump, restored with pg_restore into a new database, and the restored
site serves its pages; the media and private documents go through tar and come back identical.
Skipped where PostgreSQL or its client tools are missing (CI has both).

The work is kept small, so that the test does not depend on the machine's speed: when the suite
itself runs on PostgreSQL its test database (already migrated) is the source, otherwise a new
database is migrated; either way the content is a few factory-built rows, not the full seed.
The subprocess timeouts only guard against a hang."""

import filecmp
import shutil
import socket
import subprocess
import tarfile
import uuid
from urllib.parse import quote

import pytest

from tests.production.conftest import manage

PG = "postgres://postgres@127.0.0.1:5432"
HANG_GUARD = 900  # seconds per command: far beyond what any of them needs on a loaded machine


def suite_database():
    """(server URL, database name) of the test run's own database when it is PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    server = f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return server, settings["NAME"]


def client_tools_available():
    return all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql"))


def postgres_available():
    if not client_tools_available():
        return False
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
    except OSError:
        return False
    return subprocess.run(["psql", f"{PG}/postgres", "-tAc", "SELECT 1"], capture_output=True).returncode == 0


def psql(server, statement):
    subprocess.run(["psql", f"{server}/postgres", "-q", "-c", statement], check=True, capture_output=True,
                   timeout=HANG_GUARD)


def run(command):
    subprocess.run(command, check=True, capture_output=True, timeout=HANG_GUARD)


SITE_CHECK = (
    "from django.test import Client\n"
    "from wagtail.models import Page\n"
    "from partners.models import PartnerDocument\n"
    "client = Client(HTTP_HOST='127.0.0.1')\n"
    "statuses = [client.get(url).status_code for url in ('/bg/', '/en/')]\n"
    "print('CHECK', Page.objects.live().count(), PartnerDocument.objects.count(), *statuses)\n"
)


@pytest.mark.django_db(transaction=True)  # committed rows: the subprocesses see them, the flush removes them
def test_pg_dump_and_pg_restore_round_trip(tmp_path):
    reused = suite_database()
    if reused is None and not postgres_available():
        pytest.skip("PostgreSQL and pg_dump/pg_restore are not available here")
    if reused is not None and not client_tools_available():
        pytest.skip("pg_dump, pg_restore or psql is not installed")
    suffix = uuid.uuid4().hex[:8]
    server, source = reused or (PG, f"mir_backup_src_{suffix}")
    copy = f"mir_backup_copy_{suffix}"
    created = [copy] if reused else [source, copy]
    media, private = tmp_path / "media", tmp_path / "private-media"
    environment = {
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
        "EMAIL_URL": "locmem://",
        "PAGE_CACHE_SECONDS": "0",
        # Plain static storage: this checks the data, not a collectstatic run.
        "TESTING": "1",
        "DATABASE_URL": f"{server}/{source}",
    }
    try:
        if not reused:
            psql(server, f"CREATE DATABASE {source}")
            migrated = manage("migrate", "--noinput", "-v0", timeout=HANG_GUARD, **environment)
            assert migrated.returncode == 0, migrated.stderr
        built = manage("shell", "-c", "from tests.production.backup_content import build; build()",
                       timeout=HANG_GUARD, **environment)
        assert built.returncode == 0, built.stderr
        before = manage("shell", "-c", SITE_CHECK, timeout=HANG_GUARD, **environment)
        assert before.returncode == 0, before.stderr

        # Database: the README's commands.
        dump = tmp_path / "mir.dump"
        run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", f"{server}/{source}"])
        psql(server, f"CREATE DATABASE {copy}")
        run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={server}/{copy}", str(dump)])
        # Files: media and private documents in one archive, restored somewhere else.
        archive = tmp_path / "mir-files.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname="media")
            tar.add(private, arcname="private-media")
        restored = tmp_path / "restored"
        with tarfile.open(archive) as tar:
            tar.extractall(restored, filter="data")
        for original, copied in ((media, restored / "media"), (private, restored / "private-media")):
            comparison = filecmp.dircmp(original, copied)
            assert not comparison.left_only and not comparison.right_only and not comparison.diff_files
        assert sum(1 for path in media.rglob("*") if path.is_file()) > 0  # the image
        assert sum(1 for path in private.rglob("*") if path.is_file()) > 0  # the private document

        restored_environment = dict(
            environment, DATABASE_URL=f"{server}/{copy}", MEDIA_ROOT=str(restored / "media"),
            PRIVATE_MEDIA_ROOT=str(restored / "private-media"),
        )
        after = manage("shell", "-c", SITE_CHECK, timeout=HANG_GUARD, **restored_environment)
        assert after.returncode == 0, after.stderr
        check_before = next(line for line in before.stdout.splitlines() if line.startswith("CHECK"))
        check_after = next(line for line in after.stdout.splitlines() if line.startswith("CHECK"))
        assert check_after == check_before
        assert check_after.endswith("200 200")
        # The restored database needs no migration: it is the same schema.
        plan = manage("migrate", "--check", timeout=HANG_GUARD, **restored_environment)
        assert plan.returncode == 0, plan.stdout + plan.stderr
    finally:
        for name in created:
            subprocess.run(
                ["psql", f"{server}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                capture_output=True, timeout=HANG_GUARD,
            )
