"""Search latency at 2,000 pages, on SQLite and PostgreSQL: prints figures, never fails.

    .venv/bin/python scripts/bench_search.py [--db both|sqlite|postgres] [--pages 2000] [--repeat 5]
        [--sqlite-file PATH]

In a throwaway database (a temporary SQLite file; PostgreSQL database `mir_bench_search` on
127.0.0.1, dropped and made again, skipped when PostgreSQL does not answer): `migrate`, a
Bulgarian and an English home page, then half the pages in each language, each a content page
whose introduction and body are sentences of the seed's texts (home/seed/content.py) drawn at
random, indexed as publishing indexes them (with the dictionary forms of their words).

For each query (Bulgarian and English forms, two words, the beginning of a word, a word that
is nowhere, a Bulgarian word asked on the English search) it times, in the process:

- "search": the database search for the first page of results and its count
  (home.search.search_pages, sliced as the paginator does);
- "results page": everything the search page computes for a query that is not yet remembered
  (home.search.results_page with the per-generation memo emptied first): the search, the count,
  the snippets and marks, the other language's count, the title suggestions when nothing is found.

and prints the median and 95th percentile in milliseconds, and the time to index the pages."""

import argparse
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_BASE = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "mir_bench_search"
QUERIES = [
    ("bg", "проект"),
    ("bg", "проектите"),
    ("bg", "деца"),
    ("bg", "центровете"),
    ("bg", "общината"),
    ("bg", "семейства"),
    ("bg", "проект деца"),
    ("bg", "прое"),
    ("bg", "zzxqwv"),
    ("en", "projects"),
    ("en", "children"),
    ("en", "community centre"),
    ("en", "децата"),
]


def log(message):
    print(f"[bench_search] {message}", flush=True)


def postgres_ready():
    try:
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
        return True
    except Exception as error:  # noqa: BLE001 - no PostgreSQL here: say so and go on
        log(f"PostgreSQL skipped: {error}")
        return False


def seed_sentences():
    """{"bg": [...], "en": [...]}: the sentences of the seed's texts, markup removed."""
    from home.seed import content
    from home.seed.bilingual import T

    found = {"bg": [], "en": []}
    seen = set()

    def walk(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, T):
            for language in found:
                text = re.sub(r"<[^>]+>", " ", value(language))
                found[language].extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            walk(vars(value))

    walk(content.page_specs())
    return found


def build_site(pages):
    from wagtail.models import Locale, Page, Site

    from home.models import ContentPage, HomePage

    sentences = seed_sentences()
    chance = random.Random(2000)
    root = Page.get_first_root_node()
    homes = {}
    for language in ("bg", "en"):
        locale, _ = Locale.objects.get_or_create(language_code=language)
        homes[language] = root.add_child(
            instance=HomePage(title=f"Home {language}", slug=f"home-{language}", locale=locale, mission="MIR")
        )
    site = Site.objects.get(is_default_site=True)
    site.root_page = homes["bg"]
    site.save()
    started = time.perf_counter()
    for number in range(pages):
        language = "bg" if number % 2 == 0 else "en"
        pool = sentences[language]
        body = [("paragraph", "<p>" + " ".join(chance.sample(pool, 4)) + "</p>") for _ in range(3)]
        homes[language].add_child(
            instance=ContentPage(
                title=" ".join(chance.choice(pool).split()[:6]),
                slug=f"page-{number}",
                locale=homes[language].locale,
                introduction=chance.choice(pool),
                body=body,
            )
        )
    return time.perf_counter() - started


def measure(database, pages, repeat):
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation
    from wagtail.models import Locale

    from core import page_cache
    from home.models import ContentPage
    from home.search import RESULTS_PER_PAGE, results_page, search_pages

    call_command("migrate", verbosity=0)
    if ContentPage.objects.exists():  # --sqlite-file of an earlier run: measure it again
        pages = ContentPage.objects.count()
        log(f"{database}: {pages} pages already there")
    else:
        indexing = build_site(pages)
        per_page = indexing / pages * 1000
        log(f"{database}: {pages} pages created and indexed in {indexing:.1f} s ({per_page:.1f} ms a page)")
    locales = {language: Locale.objects.get(language_code=language) for language in ("bg", "en")}
    rows = []
    for language, query in QUERIES:
        search_times, page_times = [], []
        with translation.override(language):
            for attempt in range(repeat + 1):
                started = time.perf_counter()
                found = search_pages(query, locales[language])
                first = list(found[:RESULTS_PER_PAGE])
                count = found.count()
                elapsed = time.perf_counter() - started
                page_cache.reset_local()
                started = time.perf_counter()
                results_page(query, 1)
                page_elapsed = time.perf_counter() - started
                if attempt:  # the first round warms the dictionaries and the database's caches
                    search_times.append(elapsed * 1000)
                    page_times.append(page_elapsed * 1000)
        rows.append((language, query, count, len(first), search_times, page_times))
    print(f"\n{database}, {pages} pages ({pages // 2} per language), {repeat} runs each, milliseconds")
    print(
        f"{'lang':4} {'query':18} {'found':>5}  {'search median':>13} {'p95':>6}"
        f"  {'results page median':>19} {'p95':>6}"
    )
    for language, query, count, _, search_times, page_times in rows:
        print(
            f"{language:4} {query:18} {count:5d}"
            f"  {statistics.median(search_times):13.1f} {percentile(search_times):6.1f}"
            f"  {statistics.median(page_times):19.1f} {percentile(page_times):6.1f}"
        )
    all_pages = [time for row in rows for time in row[5]]
    print(f"all queries: results page median {statistics.median(all_pages):.1f} ms, p95 {percentile(all_pages):.1f} ms")


def percentile(values, share=0.95):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_child(database, pages, repeat, sqlite_file=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "localhost",
        "SITE_URL": "http://localhost",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    with tempfile.TemporaryDirectory() as folder:
        if database == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{sqlite_file or folder + '/bench.sqlite3'}"
        else:
            env["DATABASE_URL"] = f"{PG_BASE}/{PG_DATABASE}"
        command = [sys.executable, __file__, "--child", database, "--pages", str(pages), "--repeat", str(repeat)]
        subprocess.run(command, env=env, cwd=ROOT, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sqlite-file", help="keep the SQLite database in this file (measured again if it has pages)")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        sys.path.insert(0, str(ROOT))
        measure(arguments.child, arguments.pages, arguments.repeat)
        return
    for database in ("postgres", "sqlite"):
        if arguments.db not in ("both", database):
            continue
        if database == "postgres" and not postgres_ready():
            continue
        run_child(database, arguments.pages, arguments.repeat, arguments.sqlite_file)


if __name__ == "__main__":
    main()
