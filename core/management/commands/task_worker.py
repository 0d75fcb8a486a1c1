"""manage.py task_worker [db_worker's options]: django_tasks_db's worker that survives a database
restart or a read-only spell (core/task_worker.py). The deploy units run this, not db_worker."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from core.task_worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the database background worker; it waits for the database when it goes away and carries on."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, **options):
        # db_worker's handle, building this project's worker.
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
