#!/usr/bin/env bash
# Makes sure the donation certificates (donations/certificates.py) can be rendered and read
# back: WeasyPrint needs Pango (libpango-1.0-0, libpangoft2-1.0-0) and a font with Cyrillic
# (fonts-dejavu-core); the certificate tests read the PDFs with pdftotext (poppler-utils).
# Quick when all is there; when something cannot be installed (not root, no apt-get, no
# network) it says so and exits 0 (the pdftotext tests then skip; rendering tests fail loudly).
set -uo pipefail

PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils)
say() { echo "ensure-documents: $*"; }

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "Pango, DejaVu fonts and poppler-utils present."
elif [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  say "Missing: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
else
  say "Installing ${missing[*]}..."
  apt_options=(-o Acquire::http::Timeout=30 -o Acquire::Retries=2)
  if apt-get "${apt_options[@]}" update -qq >/tmp/ensure-documents-apt.log 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y -qq "${missing[@]}" \
      >>/tmp/ensure-documents-apt.log 2>&1; then
    say "Installed."
  else
    say "Could not install them (no network?); see /tmp/ensure-documents-apt.log."
  fi
fi
exit 0
