"""The background worker (manage.py task_worker, as deploy/systemd/mir-worker.service runs it)
lives through a database restart and goes on sending: a gift made after the restart gets its
receipt by email."""

import time

from tests.deployment.journeys import donate
from tests.deployment.stage import alive, unique_email


def test_worker_sends_a_receipt_after_a_database_restart(stage):
    assert alive(stage.worker_pid), "the worker is not running"
    stage.pg_stop()
    # Long enough for the worker to look for tasks and find the database gone.
    time.sleep(3)
    stage.pg_start()
    address = unique_email("receipt-after-restart")

    donate(stage.client(source="127.0.0.60"), stage, address)
    receipt = stage.wait_for_message(address, timeout=90)

    assert "receipt" in str(receipt["Subject"]).lower()
    assert alive(stage.worker_pid), "the worker exited"
