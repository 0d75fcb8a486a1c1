"""The real worker process (``manage.py task_worker`` with the database task backend, as
deploy/systemd/mir-worker.service runs it) killed with SIGKILL in the middle of a sending, at
the worst moment: the SMTP server has taken message 450 and the worker has not heard it yet.
A new worker, after ``manage.py resume_newsletters``, sends everybody else once; nobody gets
the issue twice.

The worker is another process, so it needs a database both can reach: this runs in the
PostgreSQL run of the suite (DATABASE_URL) and is skipped on the in-memory SQLite default."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from newsletters import tasks
from newsletters.models import Delivery, Mailing
from tests.newsletters.conftest import make_newsletter, subscribe

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 300  # seconds: only guards against a hang, measures nothing

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the worker process needs a database it can share with the test (the PostgreSQL run)",
    ),
]


def worker_environment(smtp_port):
    settings_dict = connection.settings_dict
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=(
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        ),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}?timeout=10",
        NEWSLETTER_RATE_PER_SECOND="0",
        NEWSLETTER_BATCH_SIZE="100",
        NEWSLETTER_CLAIM_TIMEOUT="1",
        PYTHONUNBUFFERED="1",
    )
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return environment


def start_worker(environment):
    return subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def test_a_killed_worker_process_sends_nobody_twice(settings, smtp):
    # No page tree: an earlier transactional test's flush may have left none.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    readers = subscribe(1000)
    environment = worker_environment(smtp_port=settings.EMAIL_PORT)
    worker = start_worker(environment)

    def kill_worker(count):
        if count == 450:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)

    smtp.on_message = kill_worker
    try:
        mailing = tasks.start_mailing(make_newsletter("bg"))
        worker.wait(timeout=HANG_GUARD)
        assert worker.returncode == -signal.SIGKILL
        smtp.on_message = None
        assert len(smtp.recipients()) == 450

        time.sleep(1.5)  # past NEWSLETTER_CLAIM_TIMEOUT: the dead worker's claims are stale
        subprocess.run([sys.executable, "manage.py", "resume_newsletters"], cwd=ROOT, env=environment,
                       check=True, capture_output=True, timeout=HANG_GUARD)
        worker = start_worker(environment)
        deadline = time.monotonic() + HANG_GUARD
        while time.monotonic() < deadline:
            mailing.refresh_from_db()
            if mailing.status == Mailing.FINISHED:
                break
            time.sleep(0.5)
    finally:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)

    assert mailing.status == Mailing.FINISHED
    received = Counter(smtp.recipients())
    assert set(received) == {reader.email for reader in readers}
    assert set(received.values()) == {1}
    statuses = Counter(Delivery.objects.filter(mailing=mailing).values_list("status", flat=True))
    assert statuses == {Delivery.SENT: 999, Delivery.INTERRUPTED: 1}
