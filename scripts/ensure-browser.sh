#!/usr/bin/env bash
# Makes sure the browser tests (tests/browser/) have what they need, quickly when all is there:
#   - Debian's Chromium at /usr/bin/chromium. Playwright's own browser download cannot work on
#     these machines, so the tests drive the distribution's build instead.
#   - axe-core, which comes inside the pinned axe-playwright-python wheel in requirements-dev.txt
#     (no CDN, no npm at test time); this script only checks that it is installed.
# When something cannot be installed (not root, no apt-get, no network) it says so and exits 0:
# the browser tests then skip with that reason, except in CI (CI=true), where they fail.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=/usr/bin/chromium
PYTHON=${PYTHON:-.venv/bin/python}
say() { echo "ensure-browser: $*"; }

if [ -x "$CHROMIUM" ]; then
  say "Chromium present ($CHROMIUM)."
elif [ "$(id -u)" != "0" ]; then
  say "Chromium is missing and this is not root, so it cannot be installed here."
  say "Install it with: sudo apt-get update && sudo apt-get install -y chromium"
elif ! command -v apt-get >/dev/null 2>&1; then
  say "Chromium is missing and there is no apt-get to install it with."
else
  say "Installing Debian's chromium (one time)..."
  # Short timeouts: without network apt would otherwise retry for minutes before giving up.
  apt_options=(-o Acquire::http::Timeout=30 -o Acquire::Retries=2)
  if apt-get "${apt_options[@]}" update -qq >/tmp/ensure-browser-apt.log 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y -qq chromium \
      >>/tmp/ensure-browser-apt.log 2>&1 \
    && [ -x "$CHROMIUM" ]; then
    say "Chromium installed: $("$CHROMIUM" --version 2>/dev/null)"
  else
    say "Could not install chromium (no network?); see /tmp/ensure-browser-apt.log."
  fi
fi

if [ ! -x "$PYTHON" ]; then
  say "No virtualenv python at $PYTHON; run 'make install' so axe-core (axe-playwright-python) is there."
elif ! "$PYTHON" -c "import importlib.resources as r, sys; sys.exit(not r.files('axe_playwright_python').joinpath('axe.min.js').is_file())" 2>/dev/null; then
  say "axe-core is missing: installing requirements-dev.txt..."
  "$PYTHON" -m pip install --quiet -r requirements-dev.txt || say "Could not install axe-playwright-python (no network?)."
else
  say "axe-core present (axe-playwright-python)."
fi

if [ ! -x "$CHROMIUM" ]; then
  if [ "${CI:-}" = "true" ]; then
    say "CI=true: the browser tests will FAIL because Chromium is missing."
  else
    say "The browser tests will be skipped because Chromium is missing."
  fi
fi
exit 0
