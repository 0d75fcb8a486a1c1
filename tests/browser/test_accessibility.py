"""axe-core on every page type in both languages: no serious or critical WCAG 2.2 A/AA problem."""

import json

import pytest

from tests.browser.site_under_test import LANGUAGES, PAGE_KINDS

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_no_serious_accessibility_violations(page_for_axe, seeded_site, axe_source, language, kind):
    path = seeded_site.paths[language][kind]
    seeded_site.visit(page_for_axe, path, expected_status=404 if kind == "not_found" else 200)

    page_for_axe.add_script_tag(content=axe_source)
    results = page_for_axe.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )

    violations = results["violations"]
    if violations:
        # All of them, minor ones included, for whoever fixes the templates.
        print(f"axe on {path}:\n{describe(violations)}")
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {path}:\n{describe(blocking)}"
