"""After the stage's tests and figures: did any request answer 500, or any worker die?

    python -m tests.deployment.server_log      (run.sh does; reads TOPOLOGY_LOG_DIR)

Prints each finding and exits 1 if there is one. 503 (database down) is an answer the site
gives on purpose; 500 never is, and nor is a gunicorn worker killed for hanging (WORKER
TIMEOUT) or a 502/504 from nginx (a worker gone or too slow)."""

import os
import re
import sys
from collections import Counter
from pathlib import Path

# nginx's "stage" log format: address "request" status bytes seconds "forwarded" upstream-status
NGINX_LINE = re.compile(r'^(?P<address>\S+) "(?P<request>[^"]*)" (?P<status>\d{3}) ')
GUNICORN_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d{3}) ')


def findings(log_dir):
    log_dir = Path(log_dir)
    found = []
    statuses = Counter()
    for line in _lines(log_dir / "nginx-access.log"):
        match = NGINX_LINE.match(line)
        if not match:
            continue
        status = int(match["status"])
        statuses[status] += 1
        if status >= 500 and status != 503:
            found.append(f"nginx answered {status}: {line}")
    for line in _lines(log_dir / "gunicorn-access.log"):
        match = GUNICORN_LINE.search(line)
        if match and int(match["status"]) == 500:
            found.append(f"gunicorn answered 500: {line}")
    for line in _lines(log_dir / "gunicorn-error.log"):
        if "WORKER TIMEOUT" in line or "was sent SIGKILL" in line:
            found.append(f"gunicorn: {line}")
    for line in _lines(log_dir / "gunicorn-stdout.log"):
        if line.startswith("Internal Server Error:"):
            found.append(f"Django: {line}")
    return found, statuses


def _lines(path):
    try:
        return path.read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return []


def main():
    found, statuses = findings(os.environ["TOPOLOGY_LOG_DIR"])
    print("nginx answers by status: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    for line in found[:50]:
        print(line)
    if found:
        print(f"{len(found)} server errors in the stage's logs")
        return 1
    print("no 500, 502 or 504, no worker timeout in the stage's logs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
