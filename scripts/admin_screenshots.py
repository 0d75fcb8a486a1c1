"""Screenshots of the admin in Bulgarian, to look at after a Wagtail or catalogue change.

Serves a freshly migrated and seeded site (its own SQLite file in a temporary directory, DEBUG on so
runserver serves the admin's static files), signs in a superuser whose admin language is
Bulgarian, and saves full-page PNGs of every screen scripts/admin_screens.py lists (the one list
tests/test_admin_screens_bulgarian.py checks) and the page editor with its status, minimap and
comments panels open at 1280 px, and the editor at 360 px:

    flock /tmp/browser.lock .venv/bin/python scripts/admin_screenshots.py /work/shots/admin-bg

It also prints the visible English words it finds on each screen (a hint, not a verdict: names
such as "Wagtail" or "URL" are fine)."""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PREPARE = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from wagtail.users.models import UserProfile
user = get_user_model().objects.create_superuser(username="ana", email="ana@example.org", password="x")
profile = UserProfile.get_for_user(user); profile.preferred_language = "bg"; profile.save()
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
from scripts.admin_screens import facts, screens
found = facts()
# The deepest page ("page") has the most to show (a project sheet: StreamField, choosers, inline panels).
print(json.dumps({"session": session.session_key, "page": found["page"], "screens": screens(found)}))
"""
# Visible text only: what a screen reader or an eye meets (labels, buttons, tooltips).
VISIBLE_TEXT = """() => {
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('script,style,template,[hidden],.w-sr-only,kbd')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const text = node.textContent.trim(); if (text) out.add(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
    for (const a of ['aria-label', 'placeholder', 'title']) { const v = el.getAttribute(a); if (v) out.add(v); }
  }
  return [...out];
}"""
LATIN_WORDS = re.compile(r"\b[A-Za-z]{3,}\b")
ALLOWED = {"Wagtail", "URL", "HESED", "MIR", "Ctrl", "Alt", "Shift", "Esc", "Enter", "XLSX", "CSV", "ID", "slug"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(environment, *arguments, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=environment, check=True,
        capture_output=True, text=True, **kwargs,
    ).stdout


def english_on(tab):
    found = []
    for text in tab.evaluate(VISIBLE_TEXT):
        if re.search("[а-яА-Я]", text):
            continue
        words = [w for w in LATIN_WORDS.findall(text) if w not in ALLOWED]
        if words:
            found.append(text[:80])
    return found


def main(out_dir):
    from playwright.sync_api import sync_playwright

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    in_memory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    workdir = Path(tempfile.mkdtemp(prefix="admin-bg-shots-", dir=in_memory))
    environment = dict(
        os.environ, DEBUG="1", DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", MEDIA_ROOT=str(workdir / "media"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    manage(environment, "compilemessages", "--ignore=.venv", "--verbosity=0")
    manage(environment, "migrate", "--noinput", "--verbosity=0")
    manage(environment, "load_seed_content")
    facts = json.loads(manage(environment, "shell", "-c", PREPARE).strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=BASE_DIR, env=environment,
        stdout=subprocess.DEVNULL, stderr=open(workdir / "server.log", "w"),
    )
    try:
        for _ in range(300):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        # Every screen of scripts/admin_screens.py that the fresh seed has something for (the
        # choosers answer JSON for their modal: tests/test_admin_screens_bulgarian.py reads them).
        screens = [(name, path, 1280, None) for name, path in facts["screens"] if not name.startswith("chooser-")]
        screens += [
            ("editor", f"/admin/pages/{facts['page']}/edit/", 1280, None),
            ("editor-status", f"/admin/pages/{facts['page']}/edit/", 1280, "status"),
            ("editor-comments", f"/admin/pages/{facts['page']}/edit/", 1280, "comments"),
            ("editor-checks", f"/admin/pages/{facts['page']}/edit/", 1280, "checks"),
            ("editor-actions", f"/admin/pages/{facts['page']}/edit/", 1280, "actions"),
            ("editor-inserter", f"/admin/pages/{facts['page']}/edit/", 1280, "inserter"),
            ("editor", f"/admin/pages/{facts['page']}/edit/", 360, None),
            ("editor-status", f"/admin/pages/{facts['page']}/edit/", 360, "status"),
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path, width, panel in screens:
                context = browser.new_context(viewport={"width": width, "height": 900}, locale="bg-BG")
                context.add_cookies([{"name": "sessionid", "value": facts["session"], "url": base}])
                tab = context.new_page()
                tab.goto(base + path, wait_until="networkidle")
                if panel == "actions":  # the publish menu in the footer
                    tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
                elif panel == "inserter":  # the StreamField block chooser (JS-rendered)
                    tab.locator(".c-sf-add-button").first.click()
                elif panel:
                    tab.click(f'[data-side-panel-toggle="{panel}"]')
                if name == "editor" and width == 1280:
                    # The minimap (JS-rendered) next to "Collapse all".
                    toggle = tab.locator(".w-minimap__toggle")
                    if toggle.count():
                        toggle.first.click()
                tab.wait_for_timeout(800)
                tab.wait_for_timeout(500)
                file = out / f"{name}-{width}.png"
                tab.screenshot(path=str(file), full_page=True)
                english = english_on(tab)
                print(f"{file}: {len(english)} English texts")
                for text in english:
                    print(f"    {text}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shots/admin-bg")
