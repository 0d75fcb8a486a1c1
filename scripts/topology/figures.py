"""Figures of the production-topology stage (printed, never asserted): run by
scripts/topology/run.sh after the deployment tests, against the same stage.

1. Redis killed, then frozen (SIGSTOP): seconds until an uncached page answers 200, and the
   median time of the next ten;
2. a 15 s PostgreSQL outage: the statuses a cached and an uncached page answered, then the
   seconds from `pg_ctl start` until an uncached page answers 200 again;
3. an uncached page under load (wrk when installed, else Python threads; 4 connections, 8 s):
   requests per second and 99th percentile, without and with 60 slow clients;
4. Redis keys added by 200 garbage listing requests.

Each measurement is bounded in time; the figures are also written to
bench-results/topology-latest.txt."""

import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.deployment.slow_clients import SlowClients  # noqa: E402
from tests.deployment.stage import Stage  # noqa: E402

LOAD_SECONDS = 8
LOAD_CONNECTIONS = 4
OUTAGE_SECONDS = 15
# A view that reads its body (csrf-exempt): where the slow clients' bodies go.
NEWSLETTER = "/en/donations/newsletter/"


def log(message):
    print(f"[figures] {message}", flush=True)


def get_status(client, path):
    try:
        return client.get(path).status
    except OSError as error:
        return type(error).__name__


def until_served(stage, path, limit=60):
    """Seconds until ``path`` answers 200 (None if not within ``limit``), then the median
    seconds of the next ten views."""
    client = stage.client(timeout=30)
    started = time.monotonic()
    number = 0
    while time.monotonic() - started < limit:
        number += 1
        if get_status(client, f"{path}&n={number}") == 200:
            first = time.monotonic() - started
            durations = []
            for index in range(10):
                answer = client.get(f"{path}&n={number}-{index}")
                durations.append(answer.elapsed)
            return first, statistics.median(durations)
    return None, None


def redis_figures(stage):
    path = stage.facts["about"] + "?figures=redis"
    stage.ensure_redis()
    stage.redis_kill()
    try:
        killed = until_served(stage, path)
    finally:
        stage.ensure_redis()
    time.sleep(1)
    stage.redis_freeze()
    try:
        frozen = until_served(stage, path)
    finally:
        stage.ensure_redis()
    return {"killed": killed, "frozen": frozen}


def outage_figures(stage):
    cached = stage.facts["press_index"]
    uncached = stage.facts["about"] + "?figures=db"
    # In the cache first (the cache may still be skipping Redis after the freeze above).
    warm = stage.client()
    deadline = time.monotonic() + 30
    while warm.get(cached).header("X-Page-Cache") != "hit" and time.monotonic() < deadline:
        time.sleep(0.5)
    counts = {"cached": Counter(), "uncached": Counter()}
    longest = [0.0]
    stop = threading.Event()

    def visitor(kind, path):
        client = stage.client(timeout=30)
        while not stop.is_set():
            started = time.monotonic()
            counts[kind][get_status(client, path)] += 1
            longest[0] = max(longest[0], time.monotonic() - started)
            time.sleep(0.05)

    stage.pg_stop()
    threads = [threading.Thread(target=visitor, args=item, daemon=True) for item in (("cached", cached),
                                                                                     ("uncached", uncached))]
    for thread in threads:
        thread.start()
    time.sleep(OUTAGE_SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    started = time.monotonic()
    stage.pg_start()
    started_in = time.monotonic() - started
    client = stage.client(timeout=30)
    recovery = None
    while time.monotonic() - started < 120:
        if get_status(client, uncached + "&recovery=1") == 200:
            recovery = time.monotonic() - started
            break
        time.sleep(0.1)
    return {"counts": counts, "longest": longest[0], "pg_start": started_in, "recovery": recovery}


def load(url, host):
    """Requests per second and p99 in ms of ``url``, from wrk when installed."""
    if shutil.which("wrk"):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{LOAD_SECONDS}s", "--latency", "--timeout", "10s",
             "-H", f"Host: {host}", url],
            capture_output=True, text=True, timeout=LOAD_SECONDS + 60,
        ).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
        errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
        return {"rps": rate, "p99_ms": float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)],
                "non_2xx": int(errors.group(1)) if errors else 0, "tool": "wrk"}
    return load_python(url, host)


def load_python(url, host):
    from http.client import HTTPConnection
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors = [], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + LOAD_SECONDS

    def worker():
        mine = []
        while time.monotonic() < stop_at:
            connection = HTTPConnection(parts.hostname, parts.port, timeout=10)
            started = time.monotonic()
            try:
                connection.request("GET", path, headers={"Host": host})
                answer = connection.getresponse()
                answer.read()
                if answer.status >= 400:
                    errors[0] += 1
                mine.append((time.monotonic() - started) * 1000)
            except OSError:
                errors[0] += 1
            finally:
                connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(LOAD_CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
    return {"rps": len(latencies) / LOAD_SECONDS, "p99_ms": p99, "non_2xx": errors[0], "tool": "python"}


def load_figures(stage):
    path = f"{stage.facts['about']}?figures=load"
    url = f"http://127.0.0.1:{stage.port}{path}"
    # Rendered every time: the page cache does not take this query (no X-Page-Cache header).
    cache_header = stage.client().get(path).header("X-Page-Cache", "-")
    quiet = load(url, stage.site_host)
    with SlowClients(stage.port, stage.site_host, stage.facts["about"], NEWSLETTER, count=60) as slow:
        held = slow.open
        busy = load(url, stage.site_host)
    return {"quiet": quiet, "slow": busy, "slow_open": held, "cache_header": cache_header}


def garbage_figures(stage):
    client = stage.client()
    before = stage.redis_keys()
    statuses = Counter()
    for number in range(100):
        statuses[get_status(client, f"{stage.facts['about']}?page=g{number}")] += 1
        statuses[get_status(client, f"{stage.facts['project_index']}?place=garbage{number}")] += 1
    return {"added": stage.redis_keys() - before, "statuses": statuses}


def seconds(value):
    return "never (60 s)" if value is None else f"{value:.2f} s"


def main():
    stage = Stage()
    lines = [f"MIR production-topology figures {datetime.now().isoformat(timespec='seconds')} "
             "(nginx -> gunicorn 2 sync workers -> PostgreSQL, Redis; all on 127.0.0.1)", ""]
    log("Redis killed / frozen")
    redis = redis_figures(stage)
    for kind in ("killed", "frozen"):
        first, median = redis[kind]
        lines.append(f"Redis {kind}: uncached page served after {seconds(first)}"
                     + (f"; then {median * 1000:.0f} ms per view (median of 10)" if median is not None else ""))
    log(f"PostgreSQL stopped for {OUTAGE_SECONDS} s")
    outage = outage_figures(stage)
    for kind, counts in outage["counts"].items():
        lines.append(f"PostgreSQL down {OUTAGE_SECONDS} s, {kind} page: "
                     + ", ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str)))
    lines.append(f"  longest request during the outage: {outage['longest']:.2f} s; pg_ctl start took "
                 f"{outage['pg_start']:.2f} s; uncached page 200 again {seconds(outage['recovery'])} after the start")
    log(f"load on an uncached page, {LOAD_CONNECTIONS} connections x {LOAD_SECONDS} s, with and without slow clients")
    loads = load_figures(stage)
    for label, key in (("without slow clients", "quiet"), ("with 60 slow clients", "slow")):
        figure = loads[key]
        lines.append(f"Uncached page {label}: {figure['rps']:.1f} requests/s, p99 {figure['p99_ms']:.0f} ms, "
                     f"{figure['non_2xx']} errors ({figure['tool']})")
    lines.append(f"  slow clients connected when the second load started: {loads['slow_open']}; "
                 f"X-Page-Cache of the page: {loads['cache_header']}")
    log("200 garbage listing requests")
    garbage = garbage_figures(stage)
    lines.append(f"Redis keys added by 200 garbage listing requests: {garbage['added']} (answers: "
                 + ", ".join(f"{status}: {count}" for status, count in sorted(garbage["statuses"].items(), key=str))
                 + ")")
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench-results"
    results.mkdir(exist_ok=True)
    (results / "topology-latest.txt").write_text(report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
