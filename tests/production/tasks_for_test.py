"""Tasks for the worker tests: module level, as django-tasks requires."""

import time
from pathlib import Path

from django.core import mail
from django_tasks import task


@task()
def send_note(address):
    mail.send_mail("Note", "Sent by the worker.", None, [address])
    return address


def _append(path, line):
    with open(path, "a", encoding="utf-8") as journal:
        journal.write(line + "\n")


@task()
def write_line(path, label):
    """Appends ``label`` to the journal file: how many times a task ran is how often it appears."""
    _append(path, label)
    return label


@task()
def wait_for_release(path, label, query_after=False):
    """Writes "<label> started", waits until the file "<path>.release" exists (a hang guard of two
    minutes), optionally queries the database, then writes "<label> finished". The test stops
    the database while the task waits."""
    _append(path, f"{label} started")
    release = Path(f"{path}.release")
    deadline = time.monotonic() + 120
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if query_after:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.count()
    _append(path, f"{label} finished")
    return label
