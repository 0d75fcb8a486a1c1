"""The production task set-up: TASKS_BACKEND=django_tasks_db.DatabaseBackend stores each task in
the database, and `manage.py db_worker` (the worker process) runs it."""

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_task_waits_in_the_database_until_the_worker_runs_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks import default_task_backend  # noqa: F401 - resolved after the override
    from django_tasks_db.models import DBTaskResult

    from tests.production.tasks_for_test import send_note

    result = send_note.enqueue("office@example.org")
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "office@example.org"
    assert [message.to for message in mail.outbox] == [["office@example.org"]]
