"""The backup and restore commands of the README, run on a copy: a seeded PostgreSQL database is
dumped with pg_dump, restored with pg_restore into a new database, and the restored site serves
its pages; the media and private documents go through tar and come back identical. Skipped where
PostgreSQL or its client tools are missing (CI has both)."""

import filecmp
import shutil
import socket
import subprocess
import tarfile
import uuid

import pytest

from tests.production.conftest import manage

PG = "postgres://postgres@127.0.0.1:5432"


def postgres_available():
    if not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")):
        return False
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
    except OSError:
        return False
    return subprocess.run(["psql", f"{PG}/postgres", "-tAc", "SELECT 1"], capture_output=True).returncode == 0


def psql(statement):
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", statement], check=True, capture_output=True)


SITE_CHECK = (
    "from django.test import Client\n"
    "from wagtail.models import Page\n"
    "from partners.models import PartnerDocument\n"
    "client = Client(HTTP_HOST='127.0.0.1')\n"
    "statuses = [client.get(url).status_code for url in ('/bg/', '/en/')]\n"
    "print('CHECK', Page.objects.live().count(), PartnerDocument.objects.count(), *statuses)\n"
)


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL and pg_dump/pg_restore are not available here")
def test_pg_dump_and_pg_restore_round_trip(tmp_path):
    suffix = uuid.uuid4().hex[:8]
    source, copy = f"mir_backup_src_{suffix}", f"mir_backup_copy_{suffix}"
    media, private = tmp_path / "media", tmp_path / "private-media"
    environment = {
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
        "EMAIL_URL": "locmem://",
        "PAGE_CACHE_SECONDS": "0",
        # Plain static storage: this checks the data, not a collectstatic run.
        "TESTING": "1",
    }
    psql(f"CREATE DATABASE {source}")
    try:
        environment["DATABASE_URL"] = f"{PG}/{source}"
        for command in (("migrate", "--noinput", "-v0"), ("load_seed_content", "-v0")):
            result = manage(*command, timeout=300, **environment)
            assert result.returncode == 0, result.stderr
        # One private document on disk too, so that the media backup has both kinds of file.
        private.mkdir(parents=True, exist_ok=True)
        (private / "documents").mkdir(exist_ok=True)
        (private / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 private report\n")
        before = manage("shell", "-c", SITE_CHECK, **environment)
        assert before.returncode == 0, before.stderr

        # Database: the README's commands.
        dump = tmp_path / "mir.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", f"{PG}/{source}"],
            check=True, capture_output=True,
        )
        psql(f"CREATE DATABASE {copy}")
        subprocess.run(
            ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={PG}/{copy}", str(dump)],
            check=True, capture_output=True,
        )
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
        assert sum(1 for path in media.rglob("*") if path.is_file()) > 0  # the seed's images

        restored_environment = dict(
            environment, DATABASE_URL=f"{PG}/{copy}", MEDIA_ROOT=str(restored / "media"),
            PRIVATE_MEDIA_ROOT=str(restored / "private-media"),
        )
        after = manage("shell", "-c", SITE_CHECK, **restored_environment)
        assert after.returncode == 0, after.stderr
        check_before = next(line for line in before.stdout.splitlines() if line.startswith("CHECK"))
        check_after = next(line for line in after.stdout.splitlines() if line.startswith("CHECK"))
        assert check_after == check_before
        assert check_after.endswith("200 200")
        # The restored database needs no migration: it is the same schema.
        plan = manage("migrate", "--check", **restored_environment)
        assert plan.returncode == 0, plan.stdout + plan.stderr
    finally:
        for name in (source, copy):
            subprocess.run(
                ["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                capture_output=True,
            )

