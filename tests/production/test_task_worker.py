"""The production task set-up: TASKS_BACKEND=django_tasks_db.DatabaseBackend stores each task in
the database, and `manage.py task_worker` (the worker process, core/task_worker.py) runs it —
and keeps running it when the database restarts or turns read-only.

The restart tests start a PostgreSQL cluster of their own (initdb and pg_ctl from PostgreSQL 15,
in a temporary directory, on a free port), never the machine's shared one; they are skipped
where those binaries are missing. Every wait has a generous limit that only guards against a
hang: nothing here measures time."""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from tests.production.conftest import REPO, base_environment, manage

PG_BIN = Path("/usr/lib/postgresql/15/bin")
HANG_GUARD = 120  # seconds: far more than any of these waits needs on a loaded machine


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("command", ["db_worker", "task_worker"])
def test_a_task_waits_in_the_database_until_the_worker_runs_it(settings, command):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks import default_task_backend  # noqa: F401 - resolved after the override
    from django_tasks_db.models import DBTaskResult

    from tests.production.tasks_for_test import send_note

    result = send_note.enqueue("office@example.org")
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    assert mail.outbox == []
    call_command(command, "--batch", "--no-startup-delay", "--interval", "0")
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "office@example.org"
    assert [message.to for message in mail.outbox] == [["office@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_task_worker_records_a_failing_task_as_failed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from tests.production.tasks_for_test import write_line

    result = write_line.enqueue("/nonexistent-directory/journal", "x")
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0")
    result.refresh()
    assert result.status == "FAILED"
    assert result.errors[0].exception_class is FileNotFoundError


# --- a PostgreSQL cluster of the test's own ---------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_binaries_missing():
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists() or not shutil.which("psql"):
        return f"PostgreSQL's server binaries (initdb, pg_ctl in {PG_BIN}) or psql are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no postgres user to run the cluster as"
        if not shutil.which("runuser"):
            return "running as root, and runuser is missing"
    return None


class OwnPostgres:
    """A throw-away cluster: its own data directory, socket directory and port."""

    def __init__(self):
        self.base = Path(tempfile.mkdtemp(prefix="mir-worker-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/mir"
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.base, "postgres", "postgres")

    def pg(self, binary, *args):
        return subprocess.run(
            [*self.as_owner, str(PG_BIN / binary), *args],
            capture_output=True, text=True, timeout=HANG_GUARD, check=True,
        )

    def init(self):
        self.pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                "--no-sync")
        self.start()
        self.psql("CREATE DATABASE mir", database="postgres")

    def start(self):
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-o", options, "-w",
                "-t", str(HANG_GUARD), "start")

    def stop(self):
        self.pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", str(HANG_GUARD), "stop")

    def psql(self, statement, database="mir", **environment):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1",
             "-tAc", statement],
            capture_output=True, text=True, timeout=HANG_GUARD, check=True, env={**os.environ, **environment},
        )
        return result.stdout.strip()

    def destroy(self):
        subprocess.run([*self.as_owner, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=HANG_GUARD)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="module")
def own_postgres():
    reason = postgres_binaries_missing()
    if reason:
        pytest.skip(reason)
    cluster = OwnPostgres()
    try:
        cluster.init()
        # Only the task table: the worker needs nothing else.
        migrated = manage("migrate", "django_tasks_database", "--noinput", "-v0", timeout=HANG_GUARD * 3,
                          **worker_environment(cluster))
        assert migrated.returncode == 0, migrated.stderr
        yield cluster
    finally:
        cluster.destroy()


def worker_environment(cluster):
    return {
        "DATABASE_URL": cluster.url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


class WorkerProcess:
    def __init__(self, cluster, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--interval", "0.2", "--no-startup-delay", "-v", "1"],
            cwd=REPO, env=base_environment(**worker_environment(cluster)), stdout=self.log, stderr=subprocess.STDOUT,
        )

    def output(self):
        return self.log_path.read_text(encoding="utf-8")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def worker(own_postgres, tmp_path):
    process = WorkerProcess(own_postgres, tmp_path / "worker.log")
    yield process
    process.stop()


@pytest.fixture
def journal(tmp_path):
    return tmp_path / f"journal-{uuid.uuid4().hex[:8]}"


def wait_until(condition, what, worker):
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.process.poll() is None, f"the worker exited while waiting for {what}:\n{worker.output()}"
        time.sleep(0.1)
    pytest.fail(f"hang guard: no {what} within {HANG_GUARD} s\n{worker.output()}")


def enqueue(cluster, task_name, *args):
    code = (
        "from tests.production import tasks_for_test as tasks\n"
        f"print('ENQUEUED', tasks.{task_name}.enqueue(*{args!r}).id)\n"
    )
    result = manage("shell", "-c", code, timeout=HANG_GUARD, **worker_environment(cluster))
    assert result.returncode == 0, result.stderr
    return next(line.split()[1] for line in result.stdout.splitlines() if line.startswith("ENQUEUED"))


def task_row(cluster, task_id):
    """(status, number of claims) of one task."""
    row = cluster.psql(
        f"SELECT status, jsonb_array_length(worker_ids) FROM django_tasks_database_dbtaskresult WHERE id = '{task_id}'"
    )
    status, claims = row.split("|") if row else ("", "0")
    return status, int(claims)


def finished(cluster, task_id):
    return lambda: task_row(cluster, task_id)[0] in ("SUCCESSFUL", "FAILED")


def lines(path):
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def says(worker, text, times=1):
    return lambda: worker.output().count(text) >= times


# --- the worker against its database's restarts ------------------------------------------------


def test_the_worker_carries_on_after_the_database_restarts(own_postgres, worker, journal):
    before = enqueue(own_postgres, "write_line", str(journal), "before")
    wait_until(finished(own_postgres, before), "first task done", worker)

    own_postgres.stop()
    wait_until(says(worker, "Database unavailable"), "notice of the outage", worker)
    own_postgres.start()

    after = enqueue(own_postgres, "write_line", str(journal), "after")
    wait_until(finished(own_postgres, after), "second task done", worker)

    assert worker.process.poll() is None
    assert task_row(own_postgres, before) == ("SUCCESSFUL", 1)
    assert task_row(own_postgres, after) == ("SUCCESSFUL", 1)
    assert lines(journal) == ["before", "after"]
    assert "Database available again" in worker.output()


def test_the_worker_waits_while_the_database_is_read_only(own_postgres, worker, journal):
    own_postgres.psql("ALTER SYSTEM SET default_transaction_read_only = on")
    own_postgres.psql("SELECT pg_reload_conf()")
    try:
        wait_until(says(worker, "Database unavailable"), "notice of the read-only database", worker)
    finally:
        own_postgres.psql("ALTER SYSTEM RESET default_transaction_read_only",
                          PGOPTIONS="-c default_transaction_read_only=off")
        own_postgres.psql("SELECT pg_reload_conf()")

    task_id = enqueue(own_postgres, "write_line", str(journal), "written")
    wait_until(finished(own_postgres, task_id), "task done", worker)

    assert worker.process.poll() is None
    assert task_row(own_postgres, task_id) == ("SUCCESSFUL", 1)
    assert lines(journal) == ["written"]


def test_a_task_that_finished_during_the_outage_is_recorded_not_run_again(own_postgres, worker, journal):
    task_id = enqueue(own_postgres, "wait_for_release", str(journal), "gift")
    wait_until(lambda: lines(journal) == ["gift started"], "task start", worker)

    own_postgres.stop()
    Path(f"{journal}.release").touch()
    wait_until(says(worker, "kept until the database is back"), "outcome held back", worker)
    own_postgres.start()

    wait_until(finished(own_postgres, task_id), "outcome recorded", worker)
    assert task_row(own_postgres, task_id) == ("SUCCESSFUL", 1)
    assert lines(journal) == ["gift started", "gift finished"]


def test_a_task_the_outage_interrupted_runs_again_once_the_database_is_back(own_postgres, worker, journal):
    task_id = enqueue(own_postgres, "wait_for_release", str(journal), "note", True)
    wait_until(lambda: lines(journal) == ["note started"], "task start", worker)

    own_postgres.stop()
    Path(f"{journal}.release").touch()
    wait_until(says(worker, "interrupted by the database outage"), "notice of the interrupted task", worker)
    own_postgres.start()

    wait_until(finished(own_postgres, task_id), "task done on its second run", worker)
    # The first run stopped at its query and never finished; the second one did, once.
    assert task_row(own_postgres, task_id) == ("SUCCESSFUL", 2)
    assert lines(journal) == ["note started", "note started", "note finished"]
    assert worker.process.poll() is None
