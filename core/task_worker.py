"""The background worker that survives a database restart (``manage.py task_worker``).

django_tasks_db's worker (``manage.py db_worker``) stops for good at the first database error
outside a task: its polling query, the claim of a task or the recording of a task's outcome
raise, and the exception ends the process. A task it had claimed stays RUNNING for ever, and one
that failed only because the database went away is marked FAILED and never run again.

This worker runs the same loop (the library's ``Worker.run``: same queries, same claim, same
options), and when the database goes away or becomes read-only it logs it, closes the
connections, waits (a bounded, growing pause) and carries on, once the database accepts writes
again. Nothing is lost or run twice:

- a task that finished but whose outcome the database did not take is not run again: the
  outcome is kept in memory and recorded when the database is back;
- a task that the outage interrupted (it raised a database error and the database is
  unreachable or read-only) did not finish: it is put back to READY, as are tasks the claim of
  which may have been committed just as the connection dropped (RUNNING, claimed last by this
  worker, while it runs nothing). django_tasks_db marks a task RUNNING when it claims it and
  appends the worker's id to ``worker_ids``; READY is its status for "ready to be executed
  again". A task that is put back runs again from the start, so tasks must be idempotent, as
  the receipt task is (donations/tasks.py).

``run_task`` is the library's, re-written to tell these cases apart; the test of this module
(tests/production/test_task_worker.py) runs it on django_tasks_db's own models and signals and
against a PostgreSQL cluster that it stops and starts."""

import logging
import time

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class Backoff:
    """Pauses that double after each failure, from ``first`` up to ``maximum`` seconds."""

    def __init__(self, first=0.5, maximum=15.0):
        self.first = first
        self.maximum = maximum
        self.reset()

    def reset(self):
        self.current = self.first

    def next(self):
        delay = self.current
        self.current = min(self.current * 2, self.maximum)
        return delay


def close_connections():
    """Drop every open connection (a broken one included): the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            pass


def database_writable(using="default"):
    """True when the database answers and accepts writes: an UPDATE that touches no row still
    fails on a read-only server or transaction."""
    close_connections_if_broken(using)
    connection = connections[using]
    table = connection.ops.quote_name(DBTaskResult._meta.db_table)
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET status = status WHERE 1 = 0")  # noqa: S608 - no input
    except DatabaseError:
        return False
    return True


def close_connections_if_broken(using):
    connection = connections[using]
    try:
        connection.close_if_unusable_or_obsolete()
    except DatabaseError:
        connection.close()


def _describe(error):
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def store_outcome(db_task_result, succeeded, value):
    """The library's records: set_successful, or set_failed (also when the return value cannot
    be stored as JSON, as the library does)."""
    if succeeded:
        try:
            db_task_result.set_successful(value)
            return
        except DatabaseError:
            raise
        except Exception as error:  # noqa: BLE001 - e.g. a return value that is not JSON
            value = error
    db_task_result.set_failed(value)


class ResilientWorker(Worker):
    def __init__(self, *, backoff=None, **options):
        super().__init__(**options)
        self.backoff = backoff or Backoff()
        # (task result row, succeeded, return value or exception) of a task that ran while the
        # database could not record its outcome.
        self.unrecorded = None
        self.recovering = False

    # --- the loop --------------------------------------------------------------------------

    def run(self):
        while True:
            try:
                if self.recovering:
                    self.recover()
                super().run()
                return
            except DatabaseError as error:
                if not self.running and self.unrecorded is None:
                    return
                self.recovering = True
                self.pause(error)
            # The first start waited its random delay; a restart after an outage does not.
            self.startup_delay = False

    def pause(self, error):
        delay = self.backoff.next()
        logger.warning(
            "Database unavailable (%s); worker %s closes its connections and tries again in %.1f s",
            _describe(error), self.worker_id, delay,
        )
        close_connections()
        # A shutdown signal ends a pause at once, unless an outcome still waits to be recorded.
        self.running_task = self.unrecorded is not None
        time.sleep(delay)

    def recover(self):
        """Once the database takes writes again: record the outcome it missed, put back the tasks
        the outage interrupted, and carry on. Raises DatabaseError while it is still away."""
        if not database_writable():
            raise DatabaseError("the database does not accept writes yet")
        if self.unrecorded is not None:
            db_task_result, succeeded, value = self.unrecorded
            self.record(db_task_result, succeeded, value)
        put_back = self.put_back_claimed_tasks()
        self.recovering = False
        self.running_task = False
        self.backoff.reset()
        logger.warning("Database available again; worker %s continues (%d task(s) put back)", self.worker_id, put_back)

    def put_back_claimed_tasks(self):
        """READY again: the tasks still RUNNING that this worker claimed last (it runs none now)."""
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, backend_name=self.backend_name)
        ids = [row.id for row in running.only("id", "worker_ids") if (row.worker_ids or [None])[-1] == self.worker_id]
        if not ids:
            return 0
        return DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )

    # --- one task --------------------------------------------------------------------------

    def run_task(self, db_task_result):
        """django_tasks_db's Worker.run_task (same signals, same outcome records), except when
        the database goes away during the task or before its outcome is recorded."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except BaseException as error:  # noqa: BLE001 - as the library: any failure is the task's outcome
            if isinstance(error, DatabaseError) and not database_writable():
                # The outage interrupted the task: it is put back once the database returns.
                logger.warning("Task id=%s interrupted by the database outage; it will run again", db_task_result.id)
                self.running_task = False
                raise
            self.record(db_task_result, False, error)
        else:
            self.record(db_task_result, True, value)

    def record(self, db_task_result, succeeded, value):
        """Store the outcome; if the database cannot take it now, keep it for ``recover``."""
        try:
            store_outcome(db_task_result, succeeded, value)
        except DatabaseError as error:
            if not database_writable():
                self.unrecorded = (db_task_result, succeeded, value)
                logger.warning("Outcome of task id=%s kept until the database is back", db_task_result.id)
                raise
            # The database is up and refused this outcome (a return value or a traceback it
            # cannot store): the task failed, recorded with what can be stored.
            logger.exception("Task id=%s: the database refused its outcome", db_task_result.id)
            DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                return_value=None,
                exception_class_path=f"{type(error).__module__}.{type(error).__qualname__}",
                traceback="",
            )
        self.unrecorded = None
        self.running_task = False
        self._run_tasks += 1
        self.announce_finished(db_task_result)

    def announce_finished(self, db_task_result):
        try:
            sender = type(db_task_result.task.get_backend())
            task_result = db_task_result.task_result
        except (ImportError, SuspiciousOperation):
            logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=task_result)
