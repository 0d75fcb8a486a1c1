"""What the database benchmarks share: each measurement runs in a child process of the script
itself, on a fresh SQLite file and on a throwaway PostgreSQL database, with production-like
settings (DEBUG off, no Redis), and hands its figures back as one JSON line.

    results = bench_support.on_each_database(__file__, ["--rows", "1000"], "privacy", postgres_url)

The child is the same script run with ``--child`` plus the given arguments; it prints
``bench_support.result_line(figures)`` when done."""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULT_PREFIX = "BENCH_RESULT "
DEFAULT_POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def result_line(figures):
    return RESULT_PREFIX + json.dumps(figures)


def run_child(script, child_args, database_url, workdir):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="bench-only-secret-key",
        DEBUG="0",
        TESTING="1",
        EMAIL_URL="locmem://",
        ALLOWED_HOSTS="testserver",
        MEDIA_ROOT=str(Path(workdir) / "media"),
        LOG_LEVEL="ERROR",
        DATABASE_CONN_MAX_AGE="0",
    )
    env.pop("REDIS_URL", None)
    command = [sys.executable, str(script), "--child", *child_args]
    output = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    for line in output.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX):])
    raise SystemExit(f"benchmark on {database_url} failed:\n{output.stdout[-3000:]}\n{output.stderr[-6000:]}")


def postgres_database(admin_url, purpose):
    """Create a throwaway database next to ``admin_url``'s; returns (url, drop function)."""
    import psycopg

    name = f"mir_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin_url.rsplit("/", 1)[0] + "/" + name, drop


def on_each_database(script, child_args, purpose, postgres_url=None):
    """{"SQLite": figures, "PostgreSQL": figures} (PostgreSQL only when a URL is given)."""
    results = {}
    with tempfile.TemporaryDirectory(prefix=f"mir-bench-{purpose}-") as workdir:
        results["SQLite"] = run_child(script, child_args, f"sqlite:///{Path(workdir) / 'bench.sqlite3'}", workdir)
        if postgres_url:
            url, drop = postgres_database(postgres_url, purpose)
            try:
                results["PostgreSQL"] = run_child(script, child_args, url, workdir)
            finally:
                drop()
    return results
