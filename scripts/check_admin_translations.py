"""Which interface strings of the admin's upstream packages have no Bulgarian translation?

The admin's Bulgarian lives in ``translations/<package>/bg/LC_MESSAGES/{django,djangojs}.po``, one
directory per upstream package (Wagtail's sub-apps, wagtail-localize, allauth), so that an upgrade
can refresh it. This script compares every installed package's English template (its
``locale/en/LC_MESSAGES/*.po``: all the msgids it ships) with the project's catalogue for it, plus
the package's own Bulgarian catalogue, and lists per package the msgids that nobody translated: what
an upgrade added. It also rejects fuzzy entries and translations that lost a placeholder.

    .venv/bin/python scripts/check_admin_translations.py            # report; exit 1 on a gap
    .venv/bin/python scripts/check_admin_translations.py --strict   # also fail on packages
                                                                    # without a directory yet
    .venv/bin/python scripts/check_admin_translations.py --update wagtail.admin
        # after an upgrade: merge the new template into the project's file (new msgids empty,
        # prefilled from upstream bg; removed ones dropped), then translate the empty ones.

Without ``--strict`` only packages that have a directory under ``translations/`` can fail; the
others are reported (they fall back to their upstream Bulgarian, often incomplete).
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
TRANSLATIONS = BASE_DIR / "translations"
LANGUAGE = "bg"
DOMAINS = ("django", "djangojs")
# Packages whose catalogues the admin shows; project apps have their strings in locale/.
UPSTREAM_PREFIXES = ("wagtail", "wagtail_localize", "allauth")
HEADER = {
    "Project-Id-Version": "HESED admin (Bulgarian)",
    "Last-Translator": "HESED <admin-translations@localhost>",
    "Language-Team": "Bulgarian",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %s, %d, {name}, {0}, {} - what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[A-Za-z0-9_]*\}")


@dataclass
class Report:
    package: str
    domain: str
    has_directory: bool
    total: int = 0
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self):
        return bool(self.missing or self.problems)


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def is_translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return len(forms) >= 2 and all(forms.get(i) for i in range(2))
    return bool(entry.msgstr)


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def placeholder_problem(entry):
    """A translation must keep every placeholder of its msgid (a plural may drop the count)."""
    if entry.msgid_plural:
        expected = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
        for form in entry.msgstr_plural.values():
            if not set(placeholders(form)) <= expected:
                return f"placeholder mismatch: {entry.msgid_plural!r} -> {form!r}"
        return None
    if placeholders(entry.msgid) != placeholders(entry.msgstr):
        return f"placeholder mismatch: {entry.msgid!r} -> {entry.msgstr!r}"
    return None


def upstream_catalogues():
    """(package, domain, template path, upstream bg path) for every installed upstream app."""
    import django
    from django.apps import apps

    if not apps.ready:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith(UPSTREAM_PREFIXES):
            continue
        # allauth's sub-apps share the catalogue of the allauth package.
        module = config.name
        path = Path(config.path)
        while not (path / "locale").is_dir() and "." in module:
            module, path = module.rsplit(".", 1)[0], path.parent
        for domain in DOMAINS:
            template = path / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if template.exists():
                upstream = path / "locale" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
                found[(module, domain)] = (template, upstream)
    return found


def project_file(package, domain):
    return TRANSLATIONS / package / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def translated_keys(path):
    if not path.exists():
        return {}
    return {key(e): e for e in polib.pofile(str(path)) if is_translated(e)}


def check(package, domain, template, upstream):
    ours = project_file(package, domain)
    report = Report(package, domain, has_directory=(TRANSLATIONS / package).is_dir())
    wanted = [e for e in polib.pofile(str(template)) if not e.obsolete]
    report.total = len(wanted)
    have = translated_keys(upstream)
    if ours.exists():
        catalogue = polib.pofile(str(ours))
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                report.problems.append(f"fuzzy: {entry.msgid!r}")
            elif is_translated(entry):
                problem = placeholder_problem(entry)
                if problem:
                    report.problems.append(problem)
        have.update(translated_keys(ours))
    elif report.has_directory:
        report.problems.append(f"{ours.relative_to(BASE_DIR)} is missing")
    report.missing = [e.msgid for e in wanted if key(e) not in have]
    return report


def update(package, domain, template, upstream):
    """Rewrite the project's file on the current template: keep our translations, take upstream
    Bulgarian for the rest, leave new msgids empty (for a translator) and drop removed ones."""
    ours = project_file(package, domain)
    previous = translated_keys(ours)
    fallback = translated_keys(upstream)
    catalogue = polib.POFile(wrapwidth=100)
    catalogue.metadata = dict(HEADER, **{"PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")})
    for source in polib.pofile(str(template)):
        if source.obsolete:
            continue
        entry = polib.POEntry(
            msgid=source.msgid,
            msgctxt=source.msgctxt,
            msgid_plural=source.msgid_plural,
            occurrences=source.occurrences,
            flags=[f for f in source.flags if f != "fuzzy"],
            comment=source.comment,
        )
        known = previous.get(key(source)) or fallback.get(key(source))
        if source.msgid_plural:
            entry.msgstr_plural = dict(known.msgstr_plural) if known else {0: "", 1: ""}
        else:
            entry.msgstr = known.msgstr if known else ""
        catalogue.append(entry)
    ours.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(ours))
    return ours


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail on packages without a directory too")
    parser.add_argument("--update", metavar="PACKAGE", action="append", default=[])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every missing msgid")
    args = parser.parse_args(argv)
    catalogues = upstream_catalogues()
    if args.update:
        for (package, domain), (template, upstream) in sorted(catalogues.items()):
            if package in args.update:
                print(f"updated {update(package, domain, template, upstream).relative_to(BASE_DIR)}")
        return 0
    failed = False
    for (package, domain), (template, upstream) in sorted(catalogues.items()):
        report = check(package, domain, template, upstream)
        counts = report.failed and (report.has_directory or args.strict)
        failed = failed or counts
        state = "FAIL" if counts else ("ok" if not report.failed else "gap (no directory yet)")
        print(
            f"{state:24} {package}/{domain}: {report.total - len(report.missing)}/{report.total}"
            f" translated, {len(report.missing)} missing, {len(report.problems)} problems"
        )
        if report.failed and (args.verbose or counts):
            for problem in report.problems:
                print(f"    ! {problem}")
            for msgid in report.missing if (args.verbose or counts) else []:
                print(f"    - {msgid!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    sys.exit(main())
