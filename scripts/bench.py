"""`make bench`: the production server under load, measured against its own static file.

    .venv/bin/python scripts/bench.py [--db auto|sqlite|postgres] [--duration 8] [--connections 4]
        [--no-redis] [--strict]

What it does, in a throwaway environment (nothing in the working copy changes but the
git-ignored staticfiles/, locale/*.mo and bench-results/):

1. a fresh database (PostgreSQL database `mir_bench` on 127.0.0.1 when reachable, else a
   temporary SQLite file), `migrate`, `compilemessages`, `load_seed_content`, `collectstatic`;
2. gunicorn (`config.wsgi`, 2 sync workers) on 127.0.0.1 with DEBUG off, the hashed and
   compressed static files of WhiteNoise, and Redis as the cache when it answers on
   127.0.0.1:6379 (database 14, flushed first), as in production;
3. for the static CSS file (the reference), then the home page, a project sheet, the project
   index and a press page, each cached (the plain address, after one warm-up view) and uncached
   (the same address with a query parameter the page cache does not accept, so the page is
   rendered in full every time): requests per second and median latency from `wrk` when it is
   installed (Debian package wrk), else from a Python client with keep-alive connections;
4. per page: the ratio to the static file's rate (measured first and last; the higher rate
   counts), the queries of one uncached view (counted in a separate process with Django's test
   client on the same database), the queries and time of the first view after a publish (cold)
   and of the next (warm) in that process, and the bytes of HTML + CSS + JS compressed with gzip
   (level 6, as a front web server would);
5. prints a table and the targets (cached page >= 50% of the static rate, uncached home >= 5%),
   and writes everything to bench-results/bench-<time>.json and bench-results/latest.txt.

--strict exits 1 when a target is missed (the figures are noisy on a shared machine, so the
default only reports)."""

import argparse
import atexit
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
RESULTS = ROOT / "bench-results"
BYPASS = "bench=uncached"  # not a listing parameter: the page cache lets it through to Django
PG_BASE = "postgres://postgres@127.0.0.1:5432"
REDIS_LOCATION = "redis://127.0.0.1:6379/14"


def log(message):
    print(f"[bench] {message}", flush=True)


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env, **kwargs):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return result.stdout


def prepare_database(choice, env):
    if choice in ("auto", "postgres") and port_open("127.0.0.1", 5432):
        admin = f"{PG_BASE}/postgres"
        for statement in ("DROP DATABASE IF EXISTS mir_bench WITH (FORCE)", "CREATE DATABASE mir_bench"):
            run(["psql", admin, "-q", "-c", statement], env)
        return f"{PG_BASE}/mir_bench", "PostgreSQL"
    if choice == "postgres":
        raise SystemExit("PostgreSQL is not reachable on 127.0.0.1:5432")
    path = Path(env["BENCH_TMP"]) / "bench.sqlite3"
    return f"sqlite:///{path}", "SQLite"


def redis_flush():
    """FLUSHDB on database 14 with the Redis protocol itself (no client needed here)."""
    with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
        sock.sendall(b"*2\r\n$6\r\nSELECT\r\n$2\r\n14\r\n*1\r\n$7\r\nFLUSHDB\r\n")
        time.sleep(0.1)
        sock.recv(100)


# --- what to request --------------------------------------------------------------------------

INSPECT = r"""
import json, gzip, re, statistics, time
import django
django.setup()
from core.page_cache import purge_all
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from home.models import HomePage, PressPage
from projects.models import ProjectIndexPage, ProjectPage

def first(model):
    page = model.objects.live().filter(locale__language_code="bg").order_by("path").first()
    return page.url

urls = {
    "home": first(HomePage),
    "project sheet": first(ProjectPage),
    "project index": first(ProjectIndexPage),
    "press page": first(PressPage),
}
client = Client(HTTP_HOST="127.0.0.1")
out = {"urls": urls, "queries": {}, "cold_queries": {}, "cold_ms": {}, "warm_ms": {}}
try:
    from donations.models import DonationPage
    donation = DonationPage.objects.live().filter(locale__language_code="bg").first()
    out["donation_url"] = donation.url if donation else None
except Exception:
    out["donation_url"] = None
for name, url in urls.items():
    client.get(url)  # renditions and settings rows are made once
    purge_all()  # as after publishing: nothing remembered for this content generation yet
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    out["queries"][name] = len(captured)
    out["cold_queries"][name] = len(cold)
    cold_ms, warm_ms = [], []
    for _ in range(7):
        purge_all()
        started = time.perf_counter()
        client.get(url)
        cold_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get(url)
        warm_ms.append((time.perf_counter() - started) * 1000)
    out["cold_ms"][name] = statistics.median(cold_ms)
    out["warm_ms"][name] = statistics.median(warm_ms)
print("BENCH-JSON " + json.dumps(out))
"""


def inspect(env):
    inspect_env = dict(env, PAGE_CACHE_SECONDS="0")
    output = run([PYTHON, "-c", INSPECT], inspect_env)
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    return json.loads(line[len("BENCH-JSON "):])


# --- HTTP helpers -----------------------------------------------------------------------------


def fetch(base, path, headers=None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    result = (response.status, dict(response.getheaders()), body)
    connection.close()
    return result


def page_weight(base, path):
    """HTML + same-origin CSS + JS of one page, each gzip-compressed (level 6)."""
    status, _, html = fetch(base, path)
    assert status == 200, (path, status)
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="(/[^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="(/[^"]+)"', html)
    sizes = {"html": len(gzip.compress(html, 6))}
    for asset in assets:
        asset_status, _, body = fetch(base, asset.decode())
        assert asset_status == 200, asset
        sizes[asset.decode()] = len(gzip.compress(body, 6))
    return {"total": sum(sizes.values()), "parts": sizes}


def wrk_available():
    return shutil.which("wrk") is not None


def load_wrk(url, duration, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, timeout=duration + 60,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rate, "median_ms": float(median.group(1)) * factor, "non_2xx": int(errors.group(1)) if errors else 0,
            "tool": "wrk"}


def load_python(url, duration, connections):
    """Fallback: `connections` threads, each reusing one HTTP/1.1 connection when it can."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                errors[0] += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"rps": len(latencies) / duration, "median_ms": statistics.median(latencies) if latencies else 0,
            "non_2xx": errors[0], "tool": "python"}


# --- Lighthouse ------------------------------------------------------------------------------

LIGHTHOUSE_VERSION = "13.5.0"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run_lighthouse(base, facts, tmp):
    """Prints the four category scores per page. Any failure (no npm, no registry, no Chromium)
    is reported and skipped: scores are noisy on a shared machine and are checked separately."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists() or not shutil.which("npm"):
        log("Lighthouse skipped: Chromium or npm is missing")
        return 0
    tools = RESULTS / "lighthouse-tool"
    tools.mkdir(parents=True, exist_ok=True)  # also makes RESULTS
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        try:
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(tools),
                            f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, timeout=600, capture_output=True)
        except (subprocess.SubprocessError, OSError) as error:
            log(f"Lighthouse skipped: npm install failed ({error.__class__.__name__})")
            return 0
    pages = {"home": facts["urls"]["home"], "project sheet": facts["urls"]["project sheet"]}
    if facts.get("donation_url"):
        pages["donation page"] = facts["donation_url"]
    else:
        log("no donation page in the seed content: not audited")
    lines = [f"Lighthouse {LIGHTHOUSE_VERSION}, mobile preset, {chromium}", "",
             f"{'page':<16} " + " ".join(f"{name:>15}" for name in CATEGORIES)]
    report = {}
    for name, url in pages.items():
        output = RESULTS / f"lighthouse-{name.replace(' ', '-')}.json"  # the full report, for its advice
        command = [
            str(binary), base + url, "--quiet", "--output=json", f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-path={chromium}", "--max-wait-for-load=30000",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync --disable-quic",
        ]
        try:
            subprocess.run(command, check=True, timeout=180, capture_output=True,
                           env=dict(os.environ, CHROME_PATH=chromium))
            categories = json.loads(output.read_text())["categories"]
            scores = {key: round((categories[key]["score"] or 0) * 100) for key in CATEGORIES}
        except (subprocess.SubprocessError, OSError, KeyError, ValueError) as error:
            log(f"Lighthouse failed on {url}: {error.__class__.__name__}")
            continue
        report[name] = scores
        lines.append(f"{name:<16} " + " ".join(f"{scores[key]:>15}" for key in CATEGORIES))
    lines += ["", "Goals (not enforced here): performance >= 95, accessibility 100, best practices >= 95, SEO 100"]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lighthouse-latest.txt").write_text(text + "\n")
    (RESULTS / "lighthouse-latest.json").write_text(json.dumps(report, indent=2))
    return 0


# --- main -------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["auto", "sqlite", "postgres"], default="auto")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per address")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--no-redis", action="store_true", help="local-memory cache even if Redis answers")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--lighthouse", action="store_true",
                        help="instead of the load test: Lighthouse (npm, Debian's Chromium, mobile preset) on the home "
                             "page, a project sheet and the donation page; prints the scores, never fails")
    options = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="mir-bench-")
    atexit.register(shutil.rmtree, tmp, True)
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG", "REDIS_URL"}}
    env.update(
        BENCH_TMP=tmp,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        EMAIL_URL="locmem://",
        MEDIA_ROOT=str(Path(tmp) / "media"),
        PRIVATE_MEDIA_ROOT=str(Path(tmp) / "private-media"),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    # Chosen now: the seed gives the default Wagtail Site this address (SITE_URL), and links use it.
    port = free_port()
    env["SITE_URL"] = f"http://127.0.0.1:{port}"
    database_url, database_name = prepare_database(options.db, env)
    if database_name == "PostgreSQL":
        atexit.register(subprocess.run, ["psql", f"{PG_BASE}/postgres", "-q", "-c",
                                         "DROP DATABASE IF EXISTS mir_bench WITH (FORCE)"], capture_output=True)
    env["DATABASE_URL"] = database_url
    cache_name = "local memory (per worker)"
    if not options.no_redis and port_open("127.0.0.1", 6379):
        redis_flush()
        env["REDIS_URL"] = REDIS_LOCATION
        env["CACHE_KEY_PREFIX"] = "bench"
        cache_name = "Redis"
    log(f"database: {database_name}; cache: {cache_name}")

    manage = [PYTHON, "manage.py"]
    started = time.monotonic()
    run(manage + ["migrate", "--noinput", "-v0"], env)
    run(manage + ["compilemessages", "--ignore=.venv", "-v0"], env)
    run(manage + ["load_seed_content", "-v0"], env)
    run(manage + ["collectstatic", "--noinput", "-v0"], env)
    log(f"database seeded and static files collected in {time.monotonic() - started:.0f} s")

    facts = inspect(env)
    base = f"http://127.0.0.1:{port}"
    # Lighthouse loads the images too: /media/ is served as a front web server would serve it.
    application = "scripts.bench_wsgi:application" if options.lighthouse else "config.wsgi"
    server = subprocess.Popen(
        [GUNICORN, application, "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--error-logfile", str(Path(tmp) / "gunicorn-errors.log"), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if port_open("127.0.0.1", port):
                break
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        status, _, home_html = fetch(base, facts["urls"]["home"])
        assert status == 200, status
        css = re.search(rb'<link[^>]+rel="stylesheet"[^>]+href="(/static/[^"]+\.css)"', home_html).group(1).decode()
        if options.lighthouse:
            return run_lighthouse(base, facts, tmp)
        measure = load_wrk if wrk_available() else load_python
        log(f"load generator: {'wrk' if wrk_available() else 'Python threads'}, {options.connections} connections, "
            f"{options.duration} s per address, gunicorn 2 workers on {base}")

        rows = []
        reference = measure(base + css, options.duration, options.connections)
        rows.append({"name": "static CSS", "kind": "reference", "url": css, **reference})
        for name, url in facts["urls"].items():
            for kind, address in (("cached", url), ("uncached", f"{url}?{BYPASS}")):
                _, headers, _ = fetch(base, address)
                _, headers, _ = fetch(base, address)
                cache_header = headers.get("X-Page-Cache", "-")
                expected = "hit" if kind == "cached" else "-"
                if cache_header != expected:
                    log(f"warning: {address} answered X-Page-Cache={cache_header}, expected {expected}")
                result = measure(base + address, options.duration, options.connections)
                rows.append({"name": name, "kind": kind, "url": address, "cache_header": cache_header,
                             "queries": facts["queries"][name] if kind == "uncached" else 0, **result})
        # The reference again at the end; the higher of the two is used, so a busy machine at the
        # start cannot flatter the pages' ratios.
        reference_end = measure(base + css, options.duration, options.connections)
        if reference_end["rps"] > reference["rps"]:
            reference.update(reference_end)
        rows[0].update(reference)
        weights = {name: page_weight(base, url) for name, url in facts["urls"].items()}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    static_rate = reference["rps"]
    for row in rows:
        row["ratio"] = row["rps"] / static_rate if static_rate else 0
    cached_ratios = [row["ratio"] for row in rows if row["kind"] == "cached"]
    home_uncached = next(row for row in rows if row["name"] == "home" and row["kind"] == "uncached")
    targets = {
        "cached page >= 50% of static": min(cached_ratios) >= 0.5,
        "uncached home >= 5% of static": home_uncached["ratio"] >= 0.05,
        "uncached queries <= 15": max(facts["queries"].values()) <= 15,
        "HTML+CSS+JS <= 60 KB gzip": max(weight["total"] for weight in weights.values()) <= 60 * 1024,
    }

    lines = [
        f"MIR benchmark {datetime.now().isoformat(timespec='seconds')}  ({database_name}, cache: {cache_name}, "
        f"gunicorn 2 sync workers, {rows[0]['tool']} {options.connections} connections x {options.duration} s, "
        f"{os.cpu_count()} CPUs)",
        "",
        f"{'address':<16} {'kind':<9} {'req/s':>9} {'median ms':>10} {'ratio':>7} {'queries':>8} {'non-2xx':>8}",
    ]
    for row in rows:
        queries = str(row["queries"]) if row["kind"] == "uncached" else "-"
        lines.append(
            f"{row['name']:<16} {row['kind']:<9} {row['rps']:>9.0f} {row['median_ms']:>10.2f} "
            f"{row['ratio'] * 100:>6.1f}% {queries:>8} {row['non_2xx']:>8}"
        )
    lines += [
        "",
        "One uncached view in-process (Django's test client, no load), right after a publish (cold: what",
        "core.page_cache.for_generation remembers is rebuilt) and the next one (warm):",
        f"  {'page':<16} {'cold queries':>12} {'cold ms':>8} {'warm queries':>13} {'warm ms':>8}",
    ]
    for name in facts["urls"]:
        lines.append(
            f"  {name:<16} {facts['cold_queries'][name]:>12} {facts['cold_ms'][name]:>8.1f} "
            f"{facts['queries'][name]:>13} {facts['warm_ms'][name]:>8.1f}"
        )
    lines += ["", "Page weight (gzip -6): HTML + CSS + JS"]
    for name, weight in weights.items():
        parts = ", ".join(f"{part} {size / 1024:.1f}" for part, size in weight["parts"].items())
        lines.append(f"  {name:<16} {weight['total'] / 1024:6.1f} KB  ({parts})")
    lines += ["", "Targets:"] + [f"  {'PASS' if ok else 'MISS'}  {label}" for label, ok in targets.items()]
    report = "\n".join(lines)
    print(report)

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps({"database": database_name, "cache": cache_name, "rows": rows, "weights": weights,
                    "queries": facts["queries"], "targets": targets, "urls": facts["urls"]}, indent=2)
    )
    (RESULTS / "latest.txt").write_text(report + "\n")
    log(f"written to bench-results/bench-{stamp}.json and bench-results/latest.txt")
    if options.strict and not all(targets.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
